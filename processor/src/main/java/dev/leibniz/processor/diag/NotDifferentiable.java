package dev.leibniz.processor.diag;

/**
 * Thrown by a phase after reading when it finds something it cannot differentiate that only
 * activity analysis could reveal (a constant-looking call that carries a derivative). It names
 * the call site the read phase recorded, so that the error lands on the call.
 */
public final class NotDifferentiable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int site;
  private final transient Message diagnostic;
  private final transient Object[] args;

  public NotDifferentiable(int site, Message diagnostic, Object... args) {
    super(diagnostic.format(args));
    this.site = site;
    this.diagnostic = diagnostic;
    this.args = args.clone();
  }

  /** The call site, as numbered by the read phase. */
  public int site() {
    return site;
  }

  public Message diagnostic() {
    return diagnostic;
  }

  public Object[] args() {
    return args.clone();
  }
}

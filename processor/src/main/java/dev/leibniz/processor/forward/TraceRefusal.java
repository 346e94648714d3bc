package dev.leibniz.processor.forward;

/**
 * What a trace cannot follow yet, at the site of the statement where it was met: reported as
 * an error there, never a trace that misses a dependence.
 */
public final class TraceRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int site;

  TraceRefusal(int site, String reason) {
    super(reason, null, false, false);
    this.site = site;
  }

  /** The statement's site (see {@code read.Sites}), or -1 if it has none. */
  public int site() {
    return site;
  }
}

package dev.leibniz.processor.ir;

/** Prefix operators. */
public enum UnaryOp {
  NEG("-"),
  PLUS("+"),
  NOT("!");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}

package dev.leibniz.processor.ir;

/** Where a statement came from: its line in the user's file and its text, for comments. */
public record Source(int line, String text) {
  /** For statements Leibniz makes up, which have no line of their own. */
  public static final Source NONE = new Source(0, "");
}

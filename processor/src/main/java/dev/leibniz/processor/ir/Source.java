package dev.leibniz.processor.ir;

/**
 * Where a statement came from: its line in the user's file and its text, for comments, and its
 * position among the method's recorded sites, so that later phases can report errors there.
 *
 * @param site the statement's site (see {@code read.Sites}), or -1 if it has none
 */
public record Source(int line, String text, int site) {
  /** For statements Leibniz makes up, which have no line of their own. */
  public static final Source NONE = new Source(0, "", -1);

  public Source(int line, String text) {
    this(line, text, -1);
  }
}

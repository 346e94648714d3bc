package dev.leibniz;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Trace}: Graphviz text, or an HTML page holding an SVG laid out left to right.
 * A node's column is the length of the longest path from an input to it, so every edge points
 * right; within a column nodes keep evaluation order. Values are drawn above a node (green) and
 * gradients below it (red), as in the circuit diagrams of backpropagation courses.
 */
final class TraceDrawing {
  private static final int HEIGHT = 34;
  private static final int ROW = 96;
  private static final int GAP = 110;
  private static final int MARGIN = 40;
  private static final int MAX_CHARS = 32;

  private TraceDrawing() {}

  static String dot(Trace trace) {
    var out = new StringBuilder("digraph trace {\n  rankdir=LR;\n")
        .append("  node [shape=record, fontname=\"monospace\"];\n");
    if (trace.isSummarized()) {
      out.append("  // ").append(trace.size()).append(" nodes: one per source expression\n");
      int i = 0;
      for (Trace.Summary s : trace.summaries()) {
        out.append("  s").append(i++).append(" [label=\"{").append(dotText(s.expression()))
            .append("|").append(s.count()).append(" evaluations|value ")
            .append(number(s.minValue())).append(" .. ").append(number(s.maxValue()))
            .append("|gradient ").append(number(s.minAdjoint())).append(" .. ")
            .append(number(s.maxAdjoint())).append("}\"];\n");
      }
      return out.append("}\n").toString();
    }
    for (Trace.Node n : trace.nodes()) {
      out.append("  n").append(n.id()).append(" [label=\"{").append(dotText(n.expression()))
          .append("|value ").append(number(n.value())).append("|gradient ")
          .append(number(n.adjoint())).append("}\", tooltip=\"")
          .append(dotText(where(n))).append("\"];\n");
    }
    for (Trace.Node n : trace.nodes()) {
      for (Trace.Edge e : n.inputs()) {
        out.append("  n").append(e.from()).append(" -> n").append(n.id())
            .append(" [label=\"×").append(number(e.partial())).append("\"];\n");
      }
    }
    return out.append("}\n").toString();
  }

  static String html(Trace trace) {
    var out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n<title>Trace of ").append(xml(trace.method()))
        .append("</title>\n<style>\n")
        .append("body { font-family: sans-serif; margin: 24px; color: #222; }\n")
        .append("svg text { font-family: monospace; font-size: 13px; }\n")
        .append(".node rect { fill: #f7f7f7; stroke: #555; }\n")
        .append(".node.output rect { stroke-width: 2.5; }\n")
        .append(".node.nonfinite rect { fill: #fde0dc; stroke: #c62828; }\n")
        .append(".node:hover rect { fill: #e3f2fd; }\n")
        .append(".value { fill: #2e7d32; } .gradient { fill: #c62828; }\n")
        .append(".edge path { fill: none; stroke: #888; } .partial { fill: #555; font-size: 11px; }\n")
        .append("table { border-collapse: collapse; } td, th { border: 1px solid #ccc; ")
        .append("padding: 2px 8px; font-family: monospace; }\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(xml(trace.method())).append("</h1>\n");
    out.append("<p>").append(trace.size()).append(" nodes. Each node shows its expression, its ")
        .append("<span style=\"color:#2e7d32\">value</span> above and its ")
        .append("<span style=\"color:#c62828\">gradient</span> (∂result/∂node) below; each edge ")
        .append("its local partial: downstream = local × upstream. Hover a node for its source ")
        .append("line.</p>\n");
    trace.firstNonFinite().ifPresent(n -> out.append("<p><strong>First non-finite:</strong> ")
        .append(xml(where(n))).append("</p>\n"));
    if (trace.isSummarized()) {
      summaryTable(trace, out);
    } else {
      svg(trace, out);
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static void svg(Trace trace, StringBuilder out) {
    List<Trace.Node> nodes = trace.nodes();
    int[] column = new int[nodes.size() + 1];
    int columns = 0;
    for (Trace.Node n : nodes) {
      for (Trace.Edge e : n.inputs()) {
        column[n.id()] = Math.max(column[n.id()], column[e.from()] + 1);
      }
      columns = Math.max(columns, column[n.id()] + 1);
    }
    int[] widthOfColumn = new int[columns];
    int[] rowsOfColumn = new int[columns];
    int[] row = new int[nodes.size() + 1];
    for (Trace.Node n : nodes) {
      int c = column[n.id()];
      widthOfColumn[c] = Math.max(widthOfColumn[c], width(n));
      row[n.id()] = rowsOfColumn[c]++;
    }
    int[] left = new int[columns + 1];
    left[0] = MARGIN;
    for (int c = 0; c < columns; c++) {
      left[c + 1] = left[c] + widthOfColumn[c] + GAP;
    }
    int rows = 0;
    for (int r : rowsOfColumn) {
      rows = Math.max(rows, r);
    }
    int width = left[columns] - GAP + MARGIN;
    int height = MARGIN + rows * ROW;
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\">\n");
    out.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
        .append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" ")
        .append("fill=\"#888\"/></marker></defs>\n");
    for (Trace.Node n : nodes) {
      for (Trace.Edge e : n.inputs()) {
        int x1 = left[column[e.from()]] + width(trace.node(e.from()));
        int y1 = top(row[e.from()]) + HEIGHT / 2;
        int x2 = left[column[n.id()]];
        int y2 = top(row[n.id()]) + HEIGHT / 2;
        // The label sits at the curve's midpoint, (P0 + 3 P1 + 3 P2 + P3) / 8.
        out.append("<g class=\"edge\" data-from=\"").append(e.from()).append("\" data-to=\"")
            .append(n.id()).append("\"><path marker-end=\"url(#arrow)\" d=\"M").append(x1)
            .append(',').append(y1).append(" C").append(x1 + GAP / 2).append(',').append(y1)
            .append(' ').append(x2 - GAP / 2).append(',').append(y2).append(' ').append(x2)
            .append(',').append(y2).append("\"/><text class=\"partial\" x=\"")
            .append((x1 + x2) / 2).append("\" y=\"").append((y1 + y2) / 2 - 4)
            .append("\" text-anchor=\"middle\">×").append(xml(number(e.partial())))
            .append("</text></g>\n");
      }
    }
    for (Trace.Node n : nodes) {
      node(out, n, left[column[n.id()]], top(row[n.id()]), n.id() == trace.output());
    }
    out.append("</svg>\n");
  }

  private static void node(StringBuilder out, Trace.Node n, int x, int y, boolean output) {
    int w = width(n);
    String classes = "node" + (output ? " output" : "") + (n.isFinite() ? "" : " nonfinite");
    out.append("<g class=\"").append(classes).append("\" data-id=\"").append(n.id())
        .append("\"><title>").append(xml(where(n))).append("</title>")
        .append("<text class=\"value\" x=\"").append(x + 4).append("\" y=\"").append(y - 6)
        .append("\">").append(xml(number(n.value()))).append("</text>")
        .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
        .append(w).append("\" height=\"").append(HEIGHT).append("\" rx=\"6\"/>")
        .append("<text class=\"expression\" x=\"").append(x + w / 2).append("\" y=\"")
        .append(y + HEIGHT / 2 + 5).append("\" text-anchor=\"middle\">")
        .append(xml(shortened(n.expression()))).append("</text>")
        .append("<text class=\"gradient\" x=\"").append(x + 4).append("\" y=\"")
        .append(y + HEIGHT + 16).append("\">").append(xml(number(n.adjoint())))
        .append("</text></g>\n");
  }

  private static void summaryTable(Trace trace, StringBuilder out) {
    out.append("<table>\n<tr><th>location</th><th>expression</th><th>evaluations</th>")
        .append("<th>value</th><th>gradient</th><th>first non-finite</th></tr>\n");
    for (Trace.Summary s : trace.summaries()) {
      out.append("<tr><td>").append(xml(s.location())).append("</td><td>")
          .append(xml(s.expression())).append("</td><td>").append(s.count())
          .append("</td><td>").append(number(s.minValue())).append(" .. ")
          .append(number(s.maxValue())).append("</td><td>").append(number(s.minAdjoint()))
          .append(" .. ").append(number(s.maxAdjoint())).append("</td><td>")
          .append(s.firstNonFinite().map(n -> xml(where(n))).orElse("")).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  /** Where a node comes from, for tooltips and messages: {@code File.java:7: q * z (i = 2)}. */
  private static String where(Trace.Node n) {
    String context = n.context().isEmpty() ? "" : " (" + n.context() + ")";
    return n.location() + ": " + n.expression() + context + " = " + number(n.value())
        + ", gradient " + number(n.adjoint());
  }

  private static int top(int row) {
    return MARGIN + row * ROW;
  }

  private static int width(Trace.Node n) {
    return Math.max(70, 8 * shortened(n.expression()).length() + 20);
  }

  private static String shortened(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
  }

  /** A number as short as reads well: integers exactly, others to four significant digits. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    } else if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    } else if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String text = String.format(Locale.ROOT, "%.4g", v);
    if (text.contains("e")) {
      return text;
    }
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }

  private static String dotText(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{")
        .replace("}", "\\}").replace("|", "\\|").replace("<", "\\<").replace(">", "\\>");
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

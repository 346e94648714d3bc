package dev.leibniz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace page as a browser reads it (HtmlUnit): the circuit (x + y) z at (-2, 5, -4) drawn
 * as an SVG whose nodes carry their expression, value and gradient, whose edges carry the
 * local partials, and whose nodes' titles (what hovering shows) give the source line.
 */
class TracePageTest {
  @TempDir
  Path directory;

  @Test
  void theCircuitsPageShowsEveryValueGradientAndPartial() throws IOException {
    HtmlPage page = load(CircuitGradients.fTrace(-2, 5, -4));
    List<DomElement> nodes = page.querySelectorAll("svg g.node").stream()
        .map(DomElement.class::cast).toList();
    assertEquals(5, nodes.size());
    assertEquals(List.of("x", "y", "z", "x + y", "q * z"), texts(nodes, "expression"));
    assertEquals(List.of("-2", "5", "-4", "3", "-12"), texts(nodes, "value"));
    assertEquals(List.of("-4", "-4", "3", "-4", "1"), texts(nodes, "gradient"));
    assertEquals("Circuit.java:12: x + y = 3, gradient -4", text(nodes.get(3), "title"));
    assertTrue(nodes.get(4).getAttribute("class").contains("output"));
    List<String> partials = page.querySelectorAll("svg g.edge text.partial").stream()
        .map(n -> n.getTextContent()).toList();
    assertEquals(List.of("×1", "×1", "×-4", "×3"), partials);
    assertEquals("Trace of Circuit.f", page.getTitleText());
  }

  @Test
  void nodesAreLaidOutFromTheInputsOnTheLeftToTheResultOnTheRight() throws IOException {
    HtmlPage page = load(NeuronGradients.outputTrace(2, -1, -3, -2, -3));
    List<DomElement> rects = page.querySelectorAll("svg g.node rect").stream()
        .map(DomElement.class::cast).toList();
    var x = rects.stream().map(r -> Integer.parseInt(r.getAttribute("x"))).toList();
    // Every edge goes right: the target's box starts right of the operand's.
    for (var edge : page.querySelectorAll("svg g.edge")) {
      int from = Integer.parseInt(((DomElement) edge).getAttribute("data-from"));
      int to = Integer.parseInt(((DomElement) edge).getAttribute("data-to"));
      assertTrue(x.get(to - 1) > x.get(from - 1), "edge " + from + " -> " + to);
    }
    assertEquals("0.7311", texts(page.querySelectorAll("svg g.node").stream()
        .map(DomElement.class::cast).toList(), "value").get(rects.size() - 1));
  }

  private HtmlPage load(Trace trace) throws IOException {
    Path file = directory.resolve("trace.html");
    Files.writeString(file, trace.toHtml());
    try (var client = new WebClient()) {
      client.getOptions().setJavaScriptEnabled(false);
      return client.getPage(file.toUri().toURL());
    }
  }

  private static List<String> texts(List<DomElement> nodes, String cssClass) {
    return nodes.stream().map(n -> text(n, "text." + cssClass)).toList();
  }

  private static String text(DomElement element, String selector) {
    DomNode found = element.querySelectorAll(selector, element).get(0);
    return found.getTextContent();
  }
}

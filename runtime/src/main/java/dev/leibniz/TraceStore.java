package dev.leibniz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Trace}'s nodes in primitive arrays: per node its site (location, expression,
 * operation, shared by every evaluation of one source expression), value, adjoint and first
 * edge; per edge its operand and local partial. Contexts are kept for the nodes a trace lists.
 */
final class TraceStore {
  /** Where a node comes from: one per source expression. */
  record Site(String location, String expression, String operation) {}

  private final List<Site> sites = new ArrayList<>();
  private final Map<Site, Integer> siteIds = new HashMap<>();
  private final List<String> contexts = new ArrayList<>();
  private int count;
  private int[] site = new int[16];
  private double[] value = new double[16];
  private double[] adjoint = new double[0];
  private boolean[] reached = new boolean[0];
  /** Node id's first edge; node ids start at 1, so index 0 is unused. */
  private int[] firstEdge = new int[17];
  private int edges;
  private int[] from = new int[16];
  private double[] partial = new double[16];

  int site(String location, String expression, String operation) {
    return siteIds.computeIfAbsent(new Site(location, expression, operation), s -> {
      sites.add(s);
      return sites.size() - 1;
    });
  }

  /** A new node; its edges follow through {@link #edge}. */
  int add(int siteId, double nodeValue, String context) {
    if (count == site.length) {
      site = Arrays.copyOf(site, count * 2);
      value = Arrays.copyOf(value, count * 2);
      firstEdge = Arrays.copyOf(firstEdge, count * 2 + 1);
    }
    site[count] = siteId;
    value[count] = nodeValue;
    if (count < Trace.NODE_LIMIT) {
      contexts.add(context);
    }
    count++;
    firstEdge[count] = edges;
    return count;
  }

  /** An edge into the node added last. */
  void edge(int operand, double localPartial) {
    if (edges == from.length) {
      from = Arrays.copyOf(from, edges * 2);
      partial = Arrays.copyOf(partial, edges * 2);
    }
    from[edges] = operand;
    partial[edges] = localPartial;
    edges++;
  }

  int size() {
    return count;
  }

  private int edgeEnd(int id) {
    return id == count ? edges : firstEdge[id + 1];
  }

  /**
   * Reverse accumulation from {@code output} with adjoint 1: each node reached passes
   * partial × its adjoint to each operand, in the reverse of evaluation order, as the backward
   * sweep does. Nodes the result does not depend on keep adjoint 0 and pass nothing on.
   */
  void propagate(int output) {
    adjoint = new double[count + 1];
    reached = new boolean[count + 1];
    if (output == 0) {
      return;
    }
    adjoint[output] = 1;
    reached[output] = true;
    for (int id = output; id >= 1; id--) {
      if (reached[id]) {
        for (int e = firstEdge[id]; e < edgeEnd(id); e++) {
          adjoint[from[e]] += partial[e] * adjoint[id];
          reached[from[e]] = true;
        }
      }
    }
  }

  Trace.Node node(int id) {
    if (id < 1 || id > count) {
      throw new IndexOutOfBoundsException("no node " + id + " among " + count);
    }
    Site s = sites.get(site[id - 1]);
    var inputs = new ArrayList<Trace.Edge>();
    for (int e = firstEdge[id]; e < edgeEnd(id); e++) {
      inputs.add(new Trace.Edge(from[e], partial[e]));
    }
    String context = id <= contexts.size() ? contexts.get(id - 1) : "";
    return new Trace.Node(id, s.location(), s.expression(), s.operation(), context,
        value[id - 1], adjointOf(id), List.copyOf(inputs));
  }

  private double adjointOf(int id) {
    return id < adjoint.length ? adjoint[id] : 0;
  }

  Optional<Trace.Node> firstNonFinite() {
    for (int id = 1; id <= count; id++) {
      if (!Double.isFinite(value[id - 1])) {
        return Optional.of(node(id));
      }
    }
    for (int id = count; id >= 1; id--) {
      if (id >= reached.length || !reached[id] || !Double.isFinite(adjoint[id])) {
        continue;
      }
      for (int e = firstEdge[id]; e < edgeEnd(id); e++) {
        if (!Double.isFinite(partial[e] * adjoint[id])) {
          return Optional.of(node(id));
        }
      }
    }
    return Optional.empty();
  }

  List<Trace.Summary> summaries() {
    var builders = new LinkedHashMap<Integer, double[]>();
    // A non-finite value comes before a non-finite adjoint, which it may have caused.
    var firstValues = new HashMap<Integer, Integer>();
    var firstAdjoints = new HashMap<Integer, Integer>();
    for (int id = 1; id <= count; id++) {
      double v = value[id - 1];
      double a = adjointOf(id);
      double[] s = builders.computeIfAbsent(site[id - 1], k -> new double[] {0,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY});
      s[0]++;
      s[1] = Math.min(s[1], v);
      s[2] = Math.max(s[2], v);
      s[3] = Math.min(s[3], a);
      s[4] = Math.max(s[4], a);
      if (!Double.isFinite(v)) {
        firstValues.putIfAbsent(site[id - 1], id);
      } else if (!Double.isFinite(a)) {
        firstAdjoints.putIfAbsent(site[id - 1], id);
      }
    }
    var summaries = new ArrayList<Trace.Summary>();
    builders.forEach((siteId, s) -> {
      Site where = sites.get(siteId);
      Integer first = firstValues.getOrDefault(siteId, firstAdjoints.get(siteId));
      summaries.add(new Trace.Summary(where.location(), where.expression(), where.operation(),
          (int) s[0], s[1], s[2], s[3], s[4],
          first == null ? Optional.empty() : Optional.of(node(first))));
    });
    return summaries;
  }
}

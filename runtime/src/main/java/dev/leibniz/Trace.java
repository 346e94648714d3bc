package dev.leibniz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The computational graph of one evaluation of a {@code @Differentiable(trace = true)} method:
 * one node per primitive operation evaluated, with its value on the way forward, its adjoint
 * (the derivative of the method's result with respect to it, for {@code upstream = 1}) on the
 * way back, and on each incoming edge the local partial derivative, so that every edge reads
 * <em>downstream = local × upstream</em>.
 *
 * <p>Generated {@code mTrace} methods build it: {@link #input} for each parameter, {@link #node}
 * for each operation, {@link #enter}/{@link #leave} around loop iterations, then {@link #finish}
 * with the result's node, which propagates the adjoints. A node's id is its position in
 * evaluation order, from 1; 0 stands for a constant, which has no node.
 *
 * <p>Every node's value, adjoint and edges are kept in primitive arrays. Past
 * {@value #NODE_LIMIT} nodes, {@link #nodes()} is empty and the trace is read through
 * {@link #summaries()}, one per source expression, and drawn as a table.
 */
public final class Trace {
  /** The most nodes a trace lists and draws one by one. */
  public static final int NODE_LIMIT = 10_000;

  /** An incoming edge: the operand's node and the local partial ∂node/∂operand. */
  public record Edge(int from, double partial) {}

  /**
   * One operation evaluated.
   *
   * @param id its position in evaluation order, from 1
   * @param location {@code File.java:line} of its source, or the method for a parameter
   * @param expression the source text of the expression it evaluates
   * @param operation the operation ({@code *}, {@code Math.exp}, a callee's name, {@code input})
   * @param context the enclosing loops' counters ({@code i = 3}), empty outside loops
   * @param value its value
   * @param adjoint ∂result/∂value, for {@code upstream = 1}
   * @param inputs the edges from its operands
   */
  public record Node(int id, String location, String expression, String operation,
      String context, double value, double adjoint, List<Edge> inputs) {
    /** Whether its value and adjoint are both finite. */
    public boolean isFinite() {
      return Double.isFinite(value) && Double.isFinite(adjoint);
    }
  }

  /**
   * What the nodes of one source expression did, for traces past {@value #NODE_LIMIT} nodes;
   * its first non-finite node is the first whose value is not finite, or if none, the first
   * whose adjoint is not.
   */
  public record Summary(String location, String expression, String operation, int count,
      double minValue, double maxValue, double minAdjoint, double maxAdjoint,
      Optional<Node> firstNonFinite) {}

  private final String method;
  private final TraceStore store = new TraceStore();
  private final List<String> loops = new ArrayList<>();
  private String context = "";
  private int result;
  private boolean finished;

  /** An empty trace of a call of {@code method}. */
  public Trace(String method) {
    this.method = method;
  }

  /** The method traced, as {@code Class.method}. */
  public String method() {
    return method;
  }

  /** A parameter's node. */
  public int input(String name, double value) {
    return store.add(store.site(method, name, "input"), value, contextForNode());
  }

  /** The nodes of an array parameter's elements, named {@code x[i]}. */
  public int[] input(String name, double[] values) {
    int[] nodes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      nodes[i] = input(name + "[" + i + "]", values[i]);
    }
    return nodes;
  }

  /** The nodes of a matrix parameter's elements, named {@code x[i][j]}. */
  public int[][] input(String name, double[][] values) {
    int[][] nodes = new int[values.length][];
    for (int i = 0; i < values.length; i++) {
      nodes[i] = input(name + "[" + i + "]", values[i]);
    }
    return nodes;
  }

  /** The nodes of a {@code float} array parameter's elements. */
  public int[] input(String name, float[] values) {
    int[] nodes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      nodes[i] = input(name + "[" + i + "]", values[i]);
    }
    return nodes;
  }

  /** The nodes of a {@code float} matrix parameter's elements. */
  public int[][] input(String name, float[][] values) {
    int[][] nodes = new int[values.length][];
    for (int i = 0; i < values.length; i++) {
      nodes[i] = input(name + "[" + i + "]", values[i]);
    }
    return nodes;
  }

  /** An operation of one operand: its node, or 0 if the operand is a constant. */
  public int node(String location, String expression, String operation, double value,
      int operand, double partial) {
    if (operand == 0) {
      return 0;
    }
    int id = store.add(store.site(location, expression, operation), value, contextForNode());
    store.edge(operand, partial);
    return id;
  }

  /** An operation of two operands; a constant operand (node 0) has no edge. */
  public int node(String location, String expression, String operation, double value,
      int left, double leftPartial, int right, double rightPartial) {
    return node(location, expression, operation, value, new int[] {left, right},
        new double[] {leftPartial, rightPartial});
  }

  /** An operation of any number of operands, a call's among them. */
  public int node(String location, String expression, String operation, double value,
      int[] operands, double[] partials) {
    boolean constant = true;
    for (int operand : operands) {
      constant &= operand == 0;
    }
    if (constant) {
      return 0;
    }
    int id = store.add(store.site(location, expression, operation), value, contextForNode());
    for (int i = 0; i < operands.length; i++) {
      if (operands[i] != 0) {
        store.edge(operands[i], partials[i]);
      }
    }
    return id;
  }

  /** An operation of three operands. */
  public int node(String location, String expression, String operation, double value,
      int first, double firstPartial, int second, double secondPartial, int third,
      double thirdPartial) {
    return node(location, expression, operation, value, new int[] {first, second, third},
        new double[] {firstPartial, secondPartial, thirdPartial});
  }

  /**
   * A call's node, labelled with the callee; its edges follow, one {@link #edge} per scalar
   * argument and one {@link #edges} per array.
   */
  public int call(String location, String expression, String callee, double value) {
    return store.add(store.site(location, expression, callee), value, contextForNode());
  }

  /** An edge into the node made last, from {@code operand} unless it is a constant (0). */
  public void edge(int operand, double partial) {
    if (operand != 0) {
      store.edge(operand, partial);
    }
  }

  /** The edges into the node made last from an array's elements. */
  public void edges(int[] operands, double[] partials) {
    for (int i = 0; i < operands.length; i++) {
      edge(operands[i], partials[i]);
    }
  }

  /** The nodes of a matrix that holds only constants. */
  public static int[][] constants(double[][] matrix) {
    int[][] nodes = new int[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      nodes[i] = new int[matrix[i].length];
    }
    return nodes;
  }

  /** The nodes of a {@code float} matrix that holds only constants. */
  public static int[][] constants(float[][] matrix) {
    int[][] nodes = new int[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      nodes[i] = new int[matrix[i].length];
    }
    return nodes;
  }

  /** Starts an iteration of a loop: its nodes are labelled {@code counter = value}. */
  public void enter(String counter, long value) {
    loops.add(counter + " = " + value);
    context = String.join(", ", loops);
  }

  /** Ends the iteration {@link #enter} started. */
  public void leave() {
    loops.remove(loops.size() - 1);
    context = String.join(", ", loops);
  }

  /** Ends the trace at the result's node and propagates its adjoint, 1, back to the inputs. */
  public Trace finish(int output) {
    result = output;
    store.propagate(output);
    finished = true;
    return this;
  }

  /** The result's node id, 0 if the result does not depend on the inputs. */
  public int output() {
    return result;
  }

  /** How many nodes the evaluation made. */
  public int size() {
    return store.size();
  }

  /** Whether the trace is read through {@link #summaries()}: it has more than the limit. */
  public boolean isSummarized() {
    return store.size() > NODE_LIMIT;
  }

  /** The nodes in evaluation order; empty past {@value #NODE_LIMIT}. */
  public List<Node> nodes() {
    if (isSummarized()) {
      return List.of();
    }
    var nodes = new ArrayList<Node>(store.size());
    for (int id = 1; id <= store.size(); id++) {
      nodes.add(store.node(id));
    }
    return Collections.unmodifiableList(nodes);
  }

  /** The node with this id. */
  public Node node(int id) {
    return store.node(id);
  }

  /** One summary per source expression, in the order each was first evaluated. */
  public List<Summary> summaries() {
    return store.summaries();
  }

  /**
   * The first node whose value is not finite, in evaluation order; if every value is finite,
   * the first node, in the order the backward sweep visits them, whose adjoint passes on a
   * non-finite term: one of its edges holds the local partial at fault.
   */
  public Optional<Node> firstNonFinite() {
    requireFinished();
    return store.firstNonFinite();
  }

  /** The graph in Graphviz's language, laid out left to right. */
  public String toDot() {
    requireFinished();
    return TraceDrawing.dot(this);
  }

  /**
   * One self-contained HTML page: an SVG drawing of the graph from the inputs on the left to
   * the result on the right, each node with its value above and its gradient below, each edge
   * with its local partial; hovering a node shows its source line.
   */
  public String toHtml() {
    requireFinished();
    return TraceDrawing.html(this);
  }

  private String contextForNode() {
    return store.size() < NODE_LIMIT ? context : "";
  }

  private void requireFinished() {
    if (!finished) {
      throw new IllegalStateException("the trace of " + method + " is not finished");
    }
  }
}

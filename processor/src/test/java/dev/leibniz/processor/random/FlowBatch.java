package dev.leibniz.processor.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A batch of random flow programs compiled as one class: in every other batch, helper methods
 * of order 2 that the programs call from anywhere in them.
 *
 * @param helpers the helpers, none in even batches
 * @param programs the programs
 */
record FlowBatch(List<RandomProgram> helpers, List<FlowProgram> programs) {
  /** Batch {@code batch}'s programs, drawn from {@code random}. */
  static FlowBatch generate(int batch, Random random, int helperCount, int programCount) {
    var helpers = new ArrayList<RandomProgram>();
    if (batch % 2 == 1) {
      for (int h = 0; h < helperCount; h++) {
        helpers.add(RandomProgram.helper("h" + h, random, List.copyOf(helpers)));
      }
    }
    var programs = new ArrayList<FlowProgram>();
    for (int p = 0; p < programCount; p++) {
      programs.add(FlowProgram.generate("f" + p, random, helpers));
    }
    return new FlowBatch(List.copyOf(helpers), List.copyOf(programs));
  }

  /** The class {@code q.className} holding the helpers and the programs. */
  String source(String className) {
    return "package q;\nimport dev.leibniz.Differentiable;\n@SuppressWarnings(\"fallthrough\")\n"
        + "public class " + className + " {\n"
        + helpers.stream().map(h -> h.java("(order = 2)")).collect(Collectors.joining("\n"))
        + programs.stream().map(FlowProgram::java).collect(Collectors.joining("\n")) + "}\n";
  }

  /** The helpers' source, for a message about a program that calls them. */
  String helpersSource() {
    return helpers.stream().map(h -> h.java("")).collect(Collectors.joining("\n"));
  }
}

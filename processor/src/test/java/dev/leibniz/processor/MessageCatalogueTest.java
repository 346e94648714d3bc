package dev.leibniz.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.processor.diag.Message;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The message catalogue as a whole: every id is used once, and every name a message prints (a
 * variable, method, class, or source text) stands in quotes, so that a name that is also a word
 * ("not to calls") reads as a name.
 */
class MessageCatalogueTest {
  /** The positions of each message's arguments that are names; the rest are descriptions. */
  private static final Map<Message, List<Integer>> NAMES = Map.ofEntries(
      Map.entry(Message.UNSUPPORTED_STATEMENT, List.of()),
      Map.entry(Message.UNSUPPORTED_EXPRESSION, List.of()),
      Map.entry(Message.UNSUPPORTED_LOCAL_TYPE, List.of(0)),
      Map.entry(Message.UNSUPPORTED_PARAMETER_TYPE, List.of(0)),
      Map.entry(Message.UNKNOWN_FUNCTION, List.of(0)),
      Map.entry(Message.WRONG_ARGUMENT_COUNT, List.of(0)),
      Map.entry(Message.UNRESOLVED_NAME, List.of(0)),
      Map.entry(Message.PRIVATE_MEMBER, List.of(0)),
      Map.entry(Message.RETURN_TYPE, List.of(0)),
      Map.entry(Message.NO_BODY, List.of(0)),
      Map.entry(Message.IN_INTERFACE, List.of(0)),
      Map.entry(Message.GENERIC_METHOD, List.of(0)),
      Map.entry(Message.INACCESSIBLE_CLASS, List.of(0)),
      Map.entry(Message.ACCESSOR_CLASH, List.of(0, 1, 2)),
      Map.entry(Message.ASSIGNMENT_TARGET, List.of(0)),
      Map.entry(Message.NESTED_ASSIGNMENT, List.of(0)),
      Map.entry(Message.ARRAY_ALIAS, List.of(0)),
      Map.entry(Message.ARRAY_ITERATION, List.of(0)),
      Map.entry(Message.CONSTANT_PARAMETER, List.of(1)),
      Map.entry(Message.RULE_TARGET_MISSING, List.of(0, 1)),
      Map.entry(Message.RULE_SIGNATURE, List.of(0)),
      Map.entry(Message.RULE_TARGET_SHAPE, List.of(0)),
      Map.entry(Message.CALLEE_WRITES_ARRAY, List.of(0, 1, 2)),
      Map.entry(Message.NO_DERIVATIVE_IGNORED, List.of(0)),
      Map.entry(Message.RULE_FOR_KNOWN_FUNCTION, List.of(0)),
      Map.entry(Message.BOXED_NUMBER, List.of(0)),
      Map.entry(Message.COLLECTION, List.of(0)),
      Map.entry(Message.ARRAY_RESULT, List.of(0)),
      Map.entry(Message.SECOND_ORDER, List.of(0)),
      Map.entry(Message.NESTED_GRADIENT, List.of(0)),
      Map.entry(Message.RECORD_VALUE, List.of(0)),
      Map.entry(Message.RECORD_COPY, List.of(0)),
      Map.entry(Message.RULE_NOT_VISIBLE, List.of(0, 1, 2)),
      Map.entry(Message.CALL_ON_RESULT, List.of(0, 1, 2)),
      Map.entry(Message.TRACE, List.of(0)),
      Map.entry(Message.ARRAY_LIBRARY, List.of(0)),
      Map.entry(Message.INTERNAL_ERROR, List.of(0)),
      Map.entry(Message.INCOMPLETE_PROCESSOR_PATH, List.of(0)),
      Map.entry(Message.RULE_LISTING, List.of()),
      Map.entry(Message.OPTION_VALUE, List.of(0, 2)),
      Map.entry(Message.NO_TREE_API, List.of()));

  @Test
  void everyMessageIsClassifiedAndItsIdUnique() {
    assertEquals(EnumSet.allOf(Message.class), EnumSet.copyOf(NAMES.keySet()),
        "a message missing from this test's table of names");
    Set<String> ids = EnumSet.allOf(Message.class).stream().map(Message::id)
        .collect(Collectors.toSet());
    assertEquals(Message.values().length, ids.size(), "two messages share an id");
  }

  @Test
  void everyNameAMessagePrintsStandsInQuotes() {
    for (Message message : Message.values()) {
      Object[] args = new Object[8];
      for (int i = 0; i < args.length; i++) {
        // A number where a message takes a count; %s prints it as well.
        args[i] = NAMES.get(message).contains(i) ? "name" + i : Integer.valueOf(100 + i);
      }
      String text = message.format(args);
      for (int position : NAMES.get(message)) {
        int at = text.indexOf("name" + position);
        assertTrue(at >= 0, message + " does not print argument " + position);
        long quotesBefore = text.substring(0, at).chars().filter(c -> c == '\'').count();
        assertTrue(quotesBefore % 2 == 1, message.id() + " prints a name unquoted: " + text);
      }
    }
  }
}

package dev.leibniz.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Maven snippet README.md gives is what the consumer build, which the invoker plugin runs
 * against the freshly built artifacts, actually uses: each part of the snippet stands in the
 * consumer's pom.xml as written.
 */
class ReadmeSnippetTest {
  @Test
  void readmeMavenSnippetIsTheConsumerBuilds() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String pom = normalized(Files.readString(Path.of("src/it/consumer/pom.xml")));
    int maven = readme.indexOf("```xml", readme.indexOf("## Use it in your build"));
    String snippet = readme.substring(maven + 6, readme.indexOf("```", maven + 6));
    List<String> parts = Arrays.asList(snippet.split("\\n\\s*\\.\\.\\.\\s*\\n"));
    assertFalse(parts.isEmpty());
    for (String part : parts) {
      assertTrue(pom.contains(normalized(part)),
          "README's snippet is not in the consumer build's pom.xml:\n" + part);
    }
  }

  /** The lines without their indentation, blank lines dropped. */
  private static String normalized(String xml) {
    return xml.lines().map(String::strip).filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}

package org.pgmigrate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of README.md is code the build compiles: the block is preceded by a
 * {@code <!-- compiled: PATH -->} line naming a source file of the project, and its lines appear
 * there in order, one after another (indentation aside).
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- compiled: (\\S+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockIsFoundInTheSourceFileItNames() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
        while (block.find()) {
            String source = block.group(1);
            String firstLine = block.group(2).lines().findFirst().orElse("");
            assertThat(source).as("the README block starting %s names its source", firstLine).isNotNull();
            assertThat(lines(Files.readString(ROOT.resolve(source))))
                    .as("%s holds the README block starting %s", source, firstLine)
                    .containsSequence(lines(block.group(2)));
            blocks.add(source);
        }
        assertThat(blocks).as("README's Java blocks").hasSizeGreaterThanOrEqualTo(8);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).toList();
    }
}

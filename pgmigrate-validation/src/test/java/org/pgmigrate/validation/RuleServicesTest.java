package org.pgmigrate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules are listed twice, because the module path reads {@code provides} in
 * module-info and the class path reads META-INF/services: both lists must name the same rules.
 */
class RuleServicesTest {
    @Test
    void moduleInfoProvidesEveryRuleThatMetaInfServicesLists() throws IOException {
        ModuleDescriptor descriptor = Rule.class.getModule().getDescriptor();
        assertThat(descriptor).as("tests run on the module path").isNotNull();
        Set<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(Rule.class.getName()))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toSet());

        assertThat(provided).containsExactlyInAnyOrderElementsOf(servicesFileEntries());
    }

    @Test
    void onlyTheRuleApiIsExportedToEveryone() {
        Set<String> exported = Rule.class.getModule().getDescriptor().exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());

        assertThat(exported).containsExactly("org.pgmigrate.validation");
    }

    /** The main file, read from the sources: the test resources have a services file of their own. */
    private static List<String> servicesFileEntries() throws IOException {
        Path file = Path.of("src/main/resources/META-INF/services", Rule.class.getName());
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}

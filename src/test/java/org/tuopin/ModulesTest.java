package org.tuopin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application's modules (issue #19, docs/design-decisions/DD026): every top-level package under
 * {@code org.tuopin} is one, and its dependencies point downwards only, in the order of {@link #LEVEL}.
 *
 * <p>Spring Modulith's own verification refuses any cycle between modules and any use of another module's internals
 * (a sub-package that its module does not publish as a named interface); the floors add the direction.
 */
class ModulesTest {

    /** Each module's floor: a module may use those on lower floors only. */
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("base", 0),
            Map.entry("access", 1),
            Map.entry("audit", 2),
            Map.entry("region", 3),
            Map.entry("security", 4),
            Map.entry("figures", 5), Map.entry("dispatch", 5), Map.entry("pairing", 5),
            Map.entry("dashboard", 6),
            Map.entry("referencedata", 7),
            Map.entry("synthetic", 8));

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void everyModuleHasAFloor() {
        Set<String> names = new TreeSet<>();
        MODULES.forEach(m -> names.add(m.getIdentifier().toString()));
        assertThat(names).isEqualTo(new TreeSet<>(LEVEL.keySet()));
    }

    @Test
    void noCyclesAndNoUseOfAnotherModulesInternals() {
        MODULES.verify();
    }

    @Test
    void dependenciesPointDownwardsOnly() {
        Set<String> upwards = new TreeSet<>();
        MODULES.forEach(module -> module.getDirectDependencies(MODULES).stream().forEach(dependency -> {
            String from = module.getIdentifier().toString();
            String to = dependency.getTargetModule().getIdentifier().toString();
            if (!from.equals(to) && LEVEL.get(from) <= LEVEL.get(to)) {
                upwards.add(from + " -> " + to);
            }
        }));
        assertThat(upwards).as("dependencies that point upwards or sideways: invert them (DD026)").isEmpty();
    }

    /**
     * Writes {@code docs/modules/} from the code (Spring Modulith's Documenter): the component diagram of all
     * modules, one diagram and one canvas per module. The folder holds only what this writes, so it never goes stale.
     */
    @Test
    void theModuleDocumentationIsWrittenFromTheCode() throws Exception {
        Path folder = Path.of("docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString())).writeDocumentation();
        // the Documenter lists a diagram's relations in no fixed order: sorted, the files change only with the code
        try (var files = Files.list(folder)) {
            for (Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.write(diagram, relationsSorted(Files.readAllLines(diagram)));
            }
        }
        String all = Files.readString(folder.resolve("components.puml"));
        MODULES.forEach(module -> {
            assertThat(all).contains(module.getDisplayName());
            assertThat(folder.resolve("module-" + module.getIdentifier() + ".adoc")).exists();
        });
    }

    /** The lines, with each run of consecutive {@code Rel(...)} lines in alphabetical order. */
    static List<String> relationsSorted(List<String> lines) {
        List<String> sorted = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                run.add(line);
                continue;
            }
            Collections.sort(run);
            sorted.addAll(run);
            run.clear();
            sorted.add(line);
        }
        Collections.sort(run);
        sorted.addAll(run);
        return sorted;
    }
}

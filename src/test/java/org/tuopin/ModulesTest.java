package org.tuopin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The application's modules (issue #19, docs/design-decisions/DD026): every top-level package under
 * {@code org.tuopin} is one, and its dependencies point downwards only, in the order of {@link #LEVEL}.
 *
 * <p>While the modules are being untied, the upward dependencies that remain are listed in {@link #NOT_YET}: a
 * dependency that is neither downwards nor listed fails the test, and so does a listed one that is gone, so the
 * list can only shrink. When it is empty, {@code ApplicationModules.verify()} takes over.
 */
class ModulesTest {

    /** Each module's floor: a module may use those on lower floors only. */
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("base", 0),
            Map.entry("exchange", 1), // the export engine, on its way into base
            Map.entry("access", 2),
            Map.entry("audit", 3),
            Map.entry("region", 4),
            Map.entry("security", 5),
            Map.entry("figures", 6), Map.entry("dispatch", 6), Map.entry("pairing", 6),
            Map.entry("dashboard", 7),
            Map.entry("referencedata", 8),
            Map.entry("synthetic", 9));

    /** Upward dependencies still to be inverted, each "from -> to". */
    static final Set<String> NOT_YET = Set.of(
            "audit -> dispatch", "audit -> figures", "audit -> pairing", "audit -> region",
            "exchange -> access", "exchange -> audit", "exchange -> dispatch", "exchange -> figures",
            "exchange -> pairing", "exchange -> region");

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void everyModuleHasAFloor() {
        Set<String> names = new TreeSet<>();
        MODULES.forEach(m -> names.add(m.getIdentifier().toString()));
        assertThat(names).isEqualTo(new TreeSet<>(LEVEL.keySet()));
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
        assertThat(upwards).as("upward dependencies: invert them, do not add to NOT_YET")
                .isSubsetOf(NOT_YET);
        assertThat(NOT_YET).as("inverted since: remove them from NOT_YET").isSubsetOf(upwards);
    }
}

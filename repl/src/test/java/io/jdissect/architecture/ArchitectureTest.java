package io.jdissect.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.jdissect.capture.CaptureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries docs/architecture.md draws, checked on the compiled main classes of every module: front ends and
 * dissectors see only the engine's public packages, the core of the engine knows nothing of plugins or front ends,
 * no package cycles, and no two classes share a simple name.
 */
class ArchitectureTest {
    /** What front ends (REPL, CLI, scripts) and dissector plugins may use of the engine. */
    static final String[] PUBLIC = {"io.jdissect.api..", "io.jdissect.spi..", "io.jdissect.field..", "io.jdissect.bytes..",
            "io.jdissect.anomaly..", "io.jdissect.query..", "io.jdissect.output.."};
    /** The engine's core: reading, decoding, reassembly, flows. Below the plugin contract. */
    static final String[] CORE = {"io.jdissect.bytes..", "io.jdissect.capture..", "io.jdissect.link..", "io.jdissect.ip..",
            "io.jdissect.packet..", "io.jdissect.tcp..", "io.jdissect.flow.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.jdissect");
        assertThat(main.containPackage("io.jdissect.pipeline")).as("engine classes imported").isTrue();
        assertThat(main.containPackage("io.jdissect.dissectors.websocket")).as("dissector classes imported").isTrue();
        assertThat(main.containPackage("io.jdissect.repl")).as("REPL classes imported").isTrue();
        assertThat(main.containPackage("io.jdissect.report.html")).as("report classes imported").isTrue();
    }

    /** Engine packages {@code packages} classes may use: the public ones, their own, and the one checked exception the API throws. */
    private static ArchRule onlyPublicEngine(String what, String... own) {
        DescribedPredicate<JavaClass> allowed = resideOutsideOfPackage("io.jdissect..")
                .or(resideInAnyPackage(PUBLIC))
                .or(resideInAnyPackage(own))
                .or(equivalentTo(CaptureException.class));
        return noClasses().that().resideInAnyPackage(own)
                .should().dependOnClassesThat(DescribedPredicate.not(allowed))
                .as(what + " use only the engine's public packages (" + String.join(", ", PUBLIC) + ")");
    }

    @Test
    void frontEndsUseOnlyThePublicPackages() {
        onlyPublicEngine("the CLI and the REPL", "io.jdissect.cli..", "io.jdissect.repl..", "io.jdissect.scripts..", "io.jdissect.report..").check(main);
        onlyPublicEngine("scripts", "io.jdissect.scripts..").check(main);
        onlyPublicEngine("the HTML report", "io.jdissect.report..").check(main);
    }

    @Test
    void dissectorsUseOnlyThePublicPackages() {
        onlyPublicEngine("dissectors", "io.jdissect.dissectors..").check(main);
    }

    @Test
    void theCoreKnowsNothingOfPluginsPipelineOrFrontEnds() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.jdissect.spi..", "io.jdissect.pipeline..", "io.jdissect.api..",
                        "io.jdissect.query..", "io.jdissect.index..", "io.jdissect.dissectors..", "io.jdissect.cli..", "io.jdissect.repl..",
                        "io.jdissect.scripts..")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.jdissect.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<String>> byName = main.stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new, Collectors.mapping(JavaClass::getName, Collectors.toList())));
        byName.values().removeIf(names -> names.size() < 2);
        assertThat(byName).as("classes sharing a simple name").isEmpty();
    }
}

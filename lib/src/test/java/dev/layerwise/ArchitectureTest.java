package dev.layerwise;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's packages point one way only, in the order data flows up from the engine to the
 * notebook's workflows; only the engine package talks to PyTorch itself; every test says its tier.
 */
@Tag("unit")
class ArchitectureTest {
    /**
     * Layers from the bottom up; each may use only the layers before it. Packages on one line know
     * nothing of each other.
     */
    static final Map<String, List<String>> LAYERS = layers(
            "foundations", "files interrupt display engine",
            "device", "device",
            "runtime", "runtime",
            "plotting", "plot",
            "specifications", "data nn loss",
            "optimizers", "optim",
            "statistics", "stats",
            "training", "train",
            "exchange", "io",
            "workflows", "pretrain search",
            "examples", "examples");

    private static JavaClasses main;

    @BeforeAll
    static void importLibrary() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.layerwise");
    }

    private static Map<String, List<String>> layers(String... nameThenPackages) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPackages.length; i += 2) {
            out.put(nameThenPackages[i], Arrays.stream(nameThenPackages[i + 1].split(" "))
                    .map(p -> "dev.layerwise." + p + "..").toList());
        }
        return out;
    }

    /** The layered rule: every package in a layer, each layer using only those below it. */
    static Architectures.LayeredArchitecture layering() {
        Architectures.LayeredArchitecture rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
            rule = rule.layer(layer.getKey()).definedBy(layer.getValue().toArray(String[]::new));
        }
        List<String> names = List.copyOf(LAYERS.keySet());
        for (int i = 0; i < names.size(); i++) {
            rule = i == 0 ? rule.whereLayer(names.get(0)).mayNotAccessAnyLayer()
                    : rule.whereLayer(names.get(i)).mayOnlyAccessLayers(names.subList(0, i).toArray(String[]::new));
        }
        return rule.ensureAllClassesAreContainedInArchitecture();
    }

    @Test
    void packagesPointOneWayFromTheEngineUpToTheWorkflows() {
        layering().check(main);
    }

    @Test
    void packagesOnTheSameLayerDoNotUseEachOther() {
        for (List<String> packages : LAYERS.values()) {
            for (String p : packages) {
                List<String> others = packages.stream().filter(q -> !q.equals(p)).toList();
                if (!others.isEmpty()) {
                    noClasses().that().resideInAPackage(p).should().dependOnClassesThat()
                            .resideInAnyPackage(others.toArray(String[]::new)).check(main);
                }
            }
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.layerwise.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheEnginePackageTalksToPyTorch() {
        noClasses().that().resideOutsideOfPackage("dev.layerwise.engine..").should().dependOnClassesThat()
                .resideInAPackage("ai.djl.pytorch..")
                .because("every PyTorch-specific call goes through dev.layerwise.engine.Torch").check(main);
    }

    @Test
    void theLibraryKnowsNothingOfJupyterOrJShell() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.layerwise.kernel..", "org.zeromq..",
                "jdk.jshell..").check(main);
    }

    @Test
    void everyTestClassNamesItsTier() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.layerwise");
        classes().that().haveSimpleNameEndingWith("Test").and().areTopLevelClasses().should()
                .beAnnotatedWith(Tag.class)
                .because("each test runs in a tier: unit (pure Java), engine (libtorch) or gpu; see the README")
                .check(tests);
    }
}

package dev.layerwise.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel's packages point one way, lowest first: {@code log}; {@code protocol} and {@code eval},
 * which know nothing of each other; {@code display}; {@code magic}; {@code handler}; the wiring in
 * {@code wiring} on top. {@code install} stands apart. A package may use only those
 * below it, so a new back-edge fails here with the offending class and line.
 */
@Tag("unit")
class ArchitectureTest {
    /** The test tiers, cheapest first; each test class carries exactly one. */
    static final List<String> TIERS = List.of("unit", "engine", "jupyter", "browser", "soak");

    private static final String ROOT = "dev.layerwise.kernel";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("wiring").definedBy(ROOT + ".wiring..")
                .layer("handler").definedBy(ROOT + ".handler..")
                .layer("magic").definedBy(ROOT + ".magic..")
                .layer("display").definedBy(ROOT + ".display..")
                .layer("eval").definedBy(ROOT + ".eval..")
                .layer("protocol").definedBy(ROOT + ".protocol..")
                .layer("log").definedBy(ROOT + ".log..")
                .layer("install").definedBy(ROOT + ".install..")
                .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("handler").mayOnlyAccessLayers("magic", "display", "eval", "protocol", "log")
                .whereLayer("magic").mayOnlyAccessLayers("eval", "log")
                .whereLayer("display").mayOnlyAccessLayers("eval", "protocol", "log")
                .whereLayer("eval").mayOnlyAccessLayers("log")
                .whereLayer("protocol").mayOnlyAccessLayers("log")
                .whereLayer("log").mayNotAccessAnyLayer()
                .whereLayer("install").mayOnlyAccessLayers("log")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void kernelCodeNeverTouchesPyTorchDirectly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("ai.djl.pytorch..")
                .because("the library is the one gate to PyTorch; the kernel reaches it only through dev.layerwise")
                .check(MAIN);
    }

    @Test
    void everyTestClassCarriesExactlyOneTierTag() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(ROOT);
        // Two @Tag annotations compile to one @Tags container, so a second tag fails this rule too.
        DescribedPredicate<JavaAnnotation<?>> tierTag = DescribedPredicate.describe("@Tag(one of " + TIERS + ")",
                a -> a.getRawType().isEquivalentTo(Tag.class) && TIERS.contains(a.get("value").orElse("")));
        classes().that().haveSimpleNameEndingWith("Test").and().areTopLevelClasses()
                .should().beAnnotatedWith(tierTag)
                .because("mvn test -Dgroups=unit (or unit,engine) must pick out the fast tiers")
                .check(tests);
    }
}

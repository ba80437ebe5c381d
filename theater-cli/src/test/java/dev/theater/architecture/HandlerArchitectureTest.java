package dev.theater.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * First-party handlers are built only on the SPI, like third-party ones (DESIGN §1). The CLI puts every handler
 * module on its class path, so this is where all of them can be checked at once, on bytecode.
 */
class HandlerArchitectureTest {
    private static final ArchRule HANDLER_RULE = noClasses()
            .that()
            .resideInAPackage("dev.theater.handler..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.theater..")
                    .and(not(resideInAnyPackage("dev.theater.spi..", "dev.theater.handler.."))))
            .because("a handler compiles against theater-spi alone (provided), never against theater-core");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.theater.handler");

    @Test
    void handlersUseOnlyTheSpiOfTheCore() {
        HANDLER_RULE.check(MAIN_CLASSES);
    }
}

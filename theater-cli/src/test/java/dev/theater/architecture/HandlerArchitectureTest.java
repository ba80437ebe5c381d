package dev.theater.architecture;

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
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.theater.runtime..",
                    "dev.theater.engine..",
                    "dev.theater.abi..",
                    "dev.theater.chain..",
                    "dev.theater.manifest..",
                    "dev.theater.wit..",
                    "dev.theater.cli..")
            .because("a handler sees only dev.theater.spi of the core");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.theater.handler");

    @Test
    void handlersUseOnlyTheSpiOfTheCore() {
        HANDLER_RULE.check(MAIN_CLASSES);
    }
}

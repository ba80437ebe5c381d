package dev.theater.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Engine types stay in the engine packages: the rest of the runtime talks to engines through dev.theater.engine only
 * (checked on bytecode). The SPI's own rule lives with the SPI, in theater-spi.
 */
class EngineArchitectureTest {
    private static final ArchRule ENGINE_RULE = classes()
            .that()
            .resideOutsideOfPackages("dev.theater.engine.chicory..", "dev.theater.engine.wasmtime..")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackages("com.dylibso.chicory..", "io.github.kawamuray.wasmtime..")
            .because("the rest of the runtime talks to engines through dev.theater.engine only");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.theater");

    @Test
    void engineTypesStayInTheEnginePackages() {
        ENGINE_RULE.check(MAIN_CLASSES);
    }
}

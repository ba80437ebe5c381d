package dev.theater.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The SPI artifact depends on the JDK and on itself only — no engine, Guice, pf4j, slf4j or runtime type (checked on
 * bytecode, so fully qualified names in code cannot slip past). The module's POM has no compile dependency either.
 */
class SpiArchitectureTest {
    private static final ArchRule SPI_RULE = classes()
            .that()
            .resideInAPackage("dev.theater.spi..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.theater.spi..", "java..")
            .because("handler authors compile against dev.theater.spi alone (DESIGN §1)");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.theater.spi");

    @Test
    void spiDependsOnTheJdkAndItselfOnly() {
        SPI_RULE.check(MAIN_CLASSES);
    }
}

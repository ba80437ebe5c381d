package dev.theater.plugins.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built plugin JAR, first-party and example, uses nothing of the host but {@code dev.theater.spi} and {@code
 * org.slf4j}: checked on the bytecode in the JAR, which is what the plugin class loader will see. (theater-spi itself
 * depends on the JDK only: its own SpiArchitectureTest; the handler modules on the CLI's class path:
 * HandlerArchitectureTest.)
 */
class PluginArchitectureIT {
    @ParameterizedTest
    @ValueSource(strings = {"timing", "random", "environment", "filesystem", "example:echo", "example:kv"})
    void aPluginJarDependsOnTheSpiSlf4jTheJdkAndItselfOnly(String plugin) {
        Path jar = plugin.startsWith("example:") ? example(plugin.substring(8)) : PluginJars.jar(plugin);
        JavaClasses own;
        try (JarFile file = new JarFile(jar.toFile())) {
            own = new ClassFileImporter().importJar(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(own).as("classes in %s", jar).isNotEmpty();
        String[] packages = own.stream().map(c -> c.getPackageName()).distinct().toArray(String[]::new);
        ArchRule rule = classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(concat(packages, "dev.theater.spi..", "org.slf4j..", "java.."))
                .because("a plugin class loader gives a plugin only dev.theater.spi and org.slf4j of the host ("
                        + jar.getFileName() + ")");
        rule.check(own);
    }

    private static Path example(String name) {
        return Path.of(
                System.getProperty("theater.examples", "target/it"),
                name + "-handler-plugin",
                "target",
                name + "-handler-plugin-1.0.0.jar");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

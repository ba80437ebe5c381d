package dev.theater.plugins.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.testkit.HandlerArtifact;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plugin JARs the build copied to {@code target/plugin-jars} (system property {@code theater.plugin.jars}); see
 * the comment in this module's POM.
 */
final class PluginJars {
    private PluginJars() {}

    /** The JAR of plugin module {@code name} ({@code timing} for {@code theater-plugin-timing.jar}). */
    static Path jar(String name) {
        String dir = System.getProperty("theater.plugin.jars");
        if (dir == null) {
            throw new IllegalStateException("system property theater.plugin.jars is not set; run these tests with"
                    + " 'mvn verify' (failsafe sets it after copying the plugin JARs)");
        }
        Path jar = Path.of(dir, "theater-plugin-" + name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no plugin JAR " + jar + "; 'mvn verify' builds and copies it");
        }
        return jar;
    }

    static HandlerArtifact artifact(String name) {
        return HandlerArtifact.pluginJar(jar(name));
    }

    /** Fails unless {@code className} is absent from the test class path: the plugin is loaded only from its JAR. */
    static void assertNotOnTestClassPath(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, PluginJars.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }
}

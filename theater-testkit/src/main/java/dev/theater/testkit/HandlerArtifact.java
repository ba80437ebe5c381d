package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerFactory;
import java.nio.file.Path;
import java.util.List;

/** Where the handler under test comes from, which decides how the harness loads it. */
public sealed interface HandlerArtifact {
    /**
     * The handler's classes are on the test class path, registered in {@code META-INF/services}: a first-party handler
     * module, or a plugin project testing its own classes. The harness finds it with {@link java.util.ServiceLoader}
     * over the class path; to load it through the plugin loader too, the testkit packages the classes of {@code
     * factoryClass}'s code source (its {@code target/classes} or JAR) with {@code bundledLibraries} into a plugin JAR.
     *
     * @param factoryClass the handler's factory
     * @param bundledLibraries JARs or class directories the plugin JAR must include (the handler's own dependencies)
     */
    record ClassPath(Class<? extends HandlerFactory> factoryClass, List<Path> bundledLibraries)
            implements HandlerArtifact {
        public ClassPath {
            requireNonNull(factoryClass, "factoryClass is null");
            bundledLibraries = List.copyOf(requireNonNull(bundledLibraries, "bundledLibraries is null"));
        }
    }

    /**
     * A built drop-in plugin JAR, as users put it in their plugin directory. The harness copies it into a plugin
     * directory of its own and the runtime loads it from there; its classes must not be on the test class path.
     */
    record PluginJar(Path jar) implements HandlerArtifact {
        public PluginJar {
            requireNonNull(jar, "jar is null");
        }
    }

    /** A handler on the test class path with no dependencies of its own to bundle. */
    static ClassPath onClassPath(Class<? extends HandlerFactory> factoryClass) {
        return new ClassPath(factoryClass, List.of());
    }

    /** A handler on the test class path whose plugin JAR must also bundle {@code libraries}. */
    static ClassPath onClassPath(Class<? extends HandlerFactory> factoryClass, List<Path> libraries) {
        return new ClassPath(factoryClass, libraries);
    }

    static PluginJar pluginJar(Path jar) {
        return new PluginJar(jar);
    }
}

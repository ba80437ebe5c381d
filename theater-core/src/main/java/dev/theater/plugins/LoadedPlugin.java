package dev.theater.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A plugin JAR that was loaded, with its descriptor and its class loader.
 *
 * @param id the {@code Plugin-Id}; unique within a plugin directory
 * @param version the {@code Plugin-Version}
 * @param requires the {@code Plugin-Requires} host version constraint ({@code *} for any)
 * @param provider the {@code Plugin-Provider}, or empty
 * @param description the {@code Plugin-Description}, or empty
 * @param jar the JAR file
 * @param classLoader the plugin's own class loader: its classes and bundled libraries first, {@code dev.theater.spi}
 *     and {@code org.slf4j} from the host, nothing else of the host
 */
public record LoadedPlugin(
        String id,
        String version,
        String requires,
        String provider,
        String description,
        Path jar,
        ClassLoader classLoader) {
    public LoadedPlugin {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(requires, "requires is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(description, "description is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(classLoader, "classLoader is null");
    }

    /** How discovery and {@code theater plugins} name where a handler came from. */
    public String origin() {
        return "plugin " + id + " " + version + " (" + jar + ")";
    }
}

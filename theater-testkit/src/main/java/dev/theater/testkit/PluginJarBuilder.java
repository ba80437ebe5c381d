package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packages classes as a drop-in plugin JAR: the descriptor ({@code Plugin-Id}, {@code Plugin-Version}, {@code
 * Plugin-Requires}) in the manifest, and the contents of class directories and JARs merged into one JAR. Service files
 * ({@code META-INF/services/*}) of all inputs are concatenated; other manifests and signature files are dropped; for
 * any other path the first input wins. This is the layout a plugin's Maven build produces with the shade plugin.
 */
public final class PluginJarBuilder {
    private final String id;
    private final String version;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Path> inputs = new ArrayList<>();
    private final Map<String, List<String>> serviceOverrides = new LinkedHashMap<>();

    private PluginJarBuilder(String id, String version) {
        this.id = requireNonNull(id, "id is null");
        this.version = requireNonNull(version, "version is null");
    }

    public static PluginJarBuilder plugin(String id, String version) {
        return new PluginJarBuilder(id, version);
    }

    /** {@code Plugin-Requires}: the host versions the plugin runs on, e.g. {@code >=0.1.0}; default any. */
    public PluginJarBuilder requires(String constraint) {
        return attribute("Plugin-Requires", constraint);
    }

    /** Another manifest attribute, e.g. {@code Plugin-Provider}. */
    public PluginJarBuilder attribute(String name, String value) {
        attributes.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** Adds the contents of a class directory or a JAR. */
    public PluginJarBuilder add(Path classesOrJar) {
        inputs.add(requireNonNull(classesOrJar, "classesOrJar is null"));
        return this;
    }

    /**
     * Makes {@code META-INF/services/<service>} list exactly {@code implementations}, whatever the inputs list: e.g.
     * only the handler under test when the inputs are a module that holds several.
     */
    public PluginJarBuilder service(String service, String... implementations) {
        serviceOverrides.put(requireNonNull(service, "service is null"), List.of(implementations));
        return this;
    }

    /** Writes the plugin JAR to {@code jar} (replacing it) and returns it. */
    public Path writeTo(Path jar) {
        requireNonNull(jar, "jar is null");
        Map<String, byte[]> entries = new TreeMap<>();
        Map<String, StringBuilder> services = new TreeMap<>();
        try {
            for (Path input : inputs) {
                if (Files.isDirectory(input)) {
                    readDirectory(input, entries, services);
                } else {
                    readJar(input, entries, services);
                }
            }
            serviceOverrides.forEach((service, implementations) -> services.put(
                    "META-INF/services/" + service,
                    new StringBuilder(String.join("\n", implementations)).append('\n')));
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("Plugin-Id", id);
            main.putValue("Plugin-Version", version);
            attributes.forEach(main::putValue);
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                for (Map.Entry<String, StringBuilder> service : services.entrySet()) {
                    entries.put(service.getKey(), service.getValue().toString().getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plugin JAR " + jar + ": " + e.getMessage(), e);
        }
    }

    private static void readDirectory(Path dir, Map<String, byte[]> entries, Map<String, StringBuilder> services)
            throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                add(name, Files.readAllBytes(file), entries, services);
            }
        }
    }

    private static void readJar(Path jar, Map<String, byte[]> entries, Map<String, StringBuilder> services)
            throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    add(entry.getName(), in.readAllBytes(), entries, services);
                }
            }
        }
    }

    private static void add(
            String name, byte[] bytes, Map<String, byte[]> entries, Map<String, StringBuilder> services) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("META-INF/MANIFEST.MF")
                || (upper.startsWith("META-INF/")
                        && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")))
                || upper.endsWith("MODULE-INFO.CLASS")) {
            return;
        }
        if (name.startsWith("META-INF/services/")) {
            StringBuilder text = services.computeIfAbsent(name, n -> new StringBuilder());
            String content = new String(bytes, StandardCharsets.UTF_8);
            text.append(content);
            if (!content.endsWith("\n")) {
                text.append('\n');
            }
            return;
        }
        entries.putIfAbsent(name, bytes);
    }
}

package dev.theater.plugins;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Fuzz target: the check of a plugin JAR's descriptor. The fuzzer writes a JAR whose manifest attributes
 * ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires}, {@code Plugin-Dependencies}) or whose {@code
 * plugin.properties} it chooses, or a file of raw bytes named {@code .jar}; loading the directory either succeeds or
 * fails with a {@link PluginLoadException} naming the JAR. Its committed inputs run with the tests; {@code
 * scripts/fuzz} fuzzes it.
 */
class PluginDescriptorFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void anyDescriptorLoadsOrFailsWithAPluginLoadException(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("plugin-fuzz");
        try {
            Path jar = dir.resolve("fuzz.jar");
            switch (data.consumeInt(0, 2)) {
                case 0 -> writeJar(jar, manifest(data), null);
                case 1 -> writeJar(jar, null, data.consumeRemainingAsBytes());
                default -> Files.write(jar, data.consumeRemainingAsBytes());
            }
            try (PluginDirectory plugins = PluginDirectory.load(dir, "0.1.0")) {
                for (LoadedPlugin plugin : plugins.plugins()) {
                    if (plugin.id().isBlank() || plugin.version().isBlank()) {
                        throw new AssertionError("a plugin loaded without an id or a version: " + plugin);
                    }
                }
            } catch (PluginLoadException expected) {
                // the documented outcome for a JAR that is not a loadable plugin
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static Manifest manifest(FuzzedDataProvider data) {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (String key : new String[] {"Plugin-Id", "Plugin-Version", "Plugin-Requires", "Plugin-Dependencies"}) {
            if (data.consumeBoolean()) {
                String value = data.consumeString(64).replaceAll("[\\r\\n\\x00]", "");
                main.put(new Attributes.Name(key), value);
            }
        }
        return mf;
    }

    private static void writeJar(Path jar, Manifest manifest, byte[] properties) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out =
                        manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
            if (properties != null) {
                out.putNextEntry(new JarEntry("plugin.properties"));
                out.write(properties);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("x.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.theater.plugins;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.spi.HandlerFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Builds a plugin JAR the way a plugin author's build does, from Java sources compiled here against the SPI and
 * slf4j only: its classes exist only inside the JAR, never on the test class path.
 */
public final class TestPluginJar {
    private final String fileName;
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Class<?>> compileAgainst = new ArrayList<>();

    private TestPluginJar(String fileName) {
        this.fileName = fileName;
    }

    /** A JAR named {@code fileName} without descriptor. */
    public static TestPluginJar named(String fileName) {
        return new TestPluginJar(fileName);
    }

    /** A JAR named {@code <id>.jar} with {@code Plugin-Id} and {@code Plugin-Version} in its manifest. */
    public static TestPluginJar plugin(String id, String version) {
        return named(id + ".jar").manifest("Plugin-Id", id).manifest("Plugin-Version", version);
    }

    public TestPluginJar manifest(String key, String value) {
        manifest.put(key, value);
        return this;
    }

    public TestPluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    public TestPluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /**
     * Compiles the sources also against the code location of {@code type} (e.g. a test probe the plugin reports to);
     * the JAR still contains only its own classes.
     */
    public TestPluginJar compileAgainst(Class<?> type) {
        compileAgainst.add(type);
        return this;
    }

    /** Lists {@code factoryClasses} in {@code META-INF/services/dev.theater.spi.HandlerFactory}. */
    public TestPluginJar services(String... factoryClasses) {
        return resource(
                "META-INF/services/" + HandlerFactory.class.getName(), String.join("\n", factoryClasses) + "\n");
    }

    /** Compiles the sources and writes the JAR into {@code directory}. */
    public Path writeTo(Path directory) {
        try {
            Path work = Files.createTempDirectory("plugin-build-");
            Path classes = compile(work);
            Path jar = directory.resolve(fileName);
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    out.putNextEntry(new JarEntry(resource.getKey()));
                    out.write(resource.getValue().getBytes(UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path compile(Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        if (sources.isEmpty()) {
            return classes;
        }
        Path src = Files.createDirectories(work.resolve("src"));
        StringBuilder classpath = new StringBuilder(location(HandlerFactory.class))
                .append(File.pathSeparator)
                .append(location(Logger.class));
        compileAgainst.forEach(type -> classpath.append(File.pathSeparator).append(location(type)));
        List<String> args = new ArrayList<>(
                List.of("-d", classes.toString(), "-classpath", classpath.toString(), "--release", "21", "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(
                    "the plugin sources of " + fileName + " did not compile:\n" + diagnostics.toString(UTF_8));
        }
        return classes;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

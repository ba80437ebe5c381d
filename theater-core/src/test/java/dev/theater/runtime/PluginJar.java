package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.spi.HandlerFactory;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources with the JDK's compiler into a JAR, the way a third-party handler is packaged: its classes
 * are not on the test class path, only in the JAR, next to a {@code META-INF/services} entry.
 */
final class PluginJar {
    private PluginJar() {}

    /**
     * @param sources Java sources by class name ({@code probe.plugin.ProbeHandlerFactory})
     * @param resources resource text by path in the JAR ({@code META-INF/services/...})
     */
    static Path build(Path workDir, Map<String, String> sources, Map<String, String> resources) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src"));
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                location(HandlerFactory.class) + File.pathSeparator + location(PluginProbe.class),
                "--release",
                "21",
                "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int status = compiler.run(
                null, new WriterStream(diagnostics), new WriterStream(diagnostics), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the plugin sources did not compile:\n" + diagnostics);
        }
        Path jar = workDir.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
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

    /** Collects compiler output as text. */
    private static final class WriterStream extends OutputStream {
        private final StringWriter target;

        WriterStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.write(new String(b, off, len, UTF_8));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            // Nothing to release; the compiler may close its streams.
        }
    }
}

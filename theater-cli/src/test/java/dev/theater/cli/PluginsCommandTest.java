package dev.theater.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.HandlerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PluginsCommandTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Compiles a plugin with one handler {@code handlerId} (providing theater:simple/timing) into {@code dir}. */
    private Path plugin(Path dir, String pluginId, String handlerId, String requires) throws Exception {
        return plugin(dir, pluginId, handlerId, requires, "throw new UnsupportedOperationException();", List.of());
    }

    /**
     * Like {@link #plugin(Path, String, String, String)}, with {@code create} as the body of {@code create()},
     * compiled against the SPI and the JARs of {@code alsoOnClassPath}.
     */
    private Path plugin(
            Path dir, String pluginId, String handlerId, String requires, String create, List<Class<?>> alsoOnClassPath)
            throws Exception {
        String pkg = "cliplugin." + pluginId.replace('-', '_');
        Path src = Files.createDirectories(work.resolve(pluginId + "/src/" + pkg.replace('.', '/')));
        Path classes = Files.createDirectories(work.resolve(pluginId + "/classes"));
        Files.writeString(src.resolve("Factory.java"), """
                package %s;

                import dev.theater.spi.Handler;
                import dev.theater.spi.HandlerConfig;
                import dev.theater.spi.HandlerContext;
                import dev.theater.spi.HandlerFactory;
                import java.util.Set;

                public final class Factory implements HandlerFactory {
                    public String id() {
                        return "%s";
                    }

                    public String version() {
                        return "4.5.6";
                    }

                    public Set<String> provides() {
                        return Set.of("theater:simple/timing");
                    }

                    public Handler create(HandlerConfig config, HandlerContext context) {
                        %s
                    }
                }
                """.formatted(pkg, handlerId, create));
        StringBuilder classpath = new StringBuilder(location(HandlerFactory.class));
        for (Class<?> type : alsoOnClassPath) {
            classpath.append(java.io.File.pathSeparator).append(location(type));
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        diagnostics,
                        diagnostics,
                        "-d",
                        classes.toString(),
                        "-classpath",
                        classpath.toString(),
                        "--release",
                        "21",
                        src.resolve("Factory.java").toString());
        assertThat(status).as(diagnostics.toString(UTF_8)).isZero();
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Plugin-Id", pluginId);
        mf.getMainAttributes().putValue("Plugin-Version", "1.2.3");
        mf.getMainAttributes().putValue("Plugin-Requires", requires);
        Files.createDirectories(dir);
        Path jar = dir.resolve(pluginId + ".jar");
        try (JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar), mf);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("META-INF/services/" + HandlerFactory.class.getName()));
            jarOut.write((pkg + ".Factory\n").getBytes(UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    @Test
    void listsTheBuiltInHandlersWhenThereIsNoPluginDirectory() {
        assertThat(run("plugins", "--home", home.toString())).as(err.toString()).isZero();

        assertThat(out.toString())
                .contains("plugin directory " + home.resolve("plugins") + " does not exist: no plugins")
                .containsPattern("(?m)^  ID +VERSION +PROVIDES +ORIGIN$")
                .containsPattern("(?m)^  runtime +\\S+ +theater:simple/runtime +file:.*$");
    }

    @Test
    void listsThePluginsOfHomePluginsWithTheirHandlers() throws Exception {
        Path jar = plugin(home.resolve("plugins"), "clock-plugin", "wall-clock", ">=0.1.0");

        assertThat(run("plugins", "--home", home.toString())).as(err.toString()).isZero();

        assertThat(out.toString())
                .contains("plugin directory " + home.resolve("plugins") + ": 1 plugin(s)")
                .contains("  clock-plugin 1.2.3, requires Theater >=0.1.0, clock-plugin.jar")
                .containsPattern(
                        "(?m)^  wall-clock +4\\.5\\.6 +theater:simple/timing +plugin clock-plugin 1\\.2\\.3 \\("
                                + Pattern.quote(jar.toString()) + "\\)$");
    }

    @Test
    void theDirectoryCanBeNamedWithPlugins() throws Exception {
        Path dir = work.resolve("elsewhere");
        plugin(dir, "clock-plugin", "wall-clock", "*");

        assertThat(run("plugins", "--home", home.toString(), "--plugins", dir.toString()))
                .as(err.toString())
                .isZero();

        assertThat(out.toString())
                .contains("plugin directory " + dir + ": 1 plugin(s)")
                .contains("wall-clock");
    }

    @Test
    void aPluginThatCannotBeLoadedExitsTwoNamingTheJar() throws Exception {
        Path dir = work.resolve("bad");
        Path jar = plugin(dir, "future-plugin", "future", ">=99.0.0");

        assertThat(run("plugins", "--plugins", dir.toString(), "--home", home.toString()))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains(
                        "theater plugins: plugin JAR " + jar + " (future-plugin 1.2.3) requires" + " Theater >=99.0.0");
    }

    @Test
    void aPluginHandlerIdTakenByABuiltInHandlerExitsTwoNamingTheJar() throws Exception {
        Path dir = work.resolve("dup");
        Path jar = plugin(dir, "impostor", "runtime", "*");

        assertThat(run("plugins", "--plugins", dir.toString(), "--home", home.toString()))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains("two handlers have the id 'runtime'")
                .contains(jar.toString());
    }

    @Test
    void runLoadsThePluginDirectoryToo() throws Exception {
        Path dir = work.resolve("bad-for-run");
        Path jar = plugin(dir, "future-plugin", "future", ">=99.0.0");
        Path hello = Path.of("..", "examples", "hello", "hello.toml");

        assertThat(run("run", hello.toString(), "--home", home.toString(), "--plugins", dir.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("theater run: plugin JAR " + jar);
        assertThat(List.of(out.toString())).noneMatch(o -> o.contains("[hello]"));
    }

    @Test
    void aPluginThatReachesACoreClassWhenAnActorSpawnsExitsTwoNamingTheJarAndTheRule() throws Exception {
        Path dir = work.resolve("needs-core");
        // Built with theater-core on its compile path, which a plugin built against theater-spi alone cannot be.
        Path jar = plugin(
                dir,
                "sizey",
                "sizey",
                "*",
                "long limit = dev.theater.manifest.Sizes.parse(\"16MiB\"); throw new IllegalStateException();",
                List.of(dev.theater.manifest.Sizes.class));
        Path hello = Path.of("..", "examples", "hello").toAbsolutePath().normalize();
        Path manifest = work.resolve("sized.toml");
        Files.writeString(
                manifest, """
                name = "sized"
                version = "0.1.0"
                component = "%s"

                [[handler]]
                type = "runtime"

                [[handler]]
                type = "sizey"
                """.formatted(hello.resolve("hello.wasm").toString().replace("\\", "/")));

        assertThat(run("run", manifest.toString(), "--home", home.toString(), "--plugins", dir.toString()))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains("plugin JAR " + jar)
                .contains("NoClassDefFoundError: dev/theater/manifest/Sizes")
                .contains("a plugin sees only dev.theater.spi and org.slf4j of the host");
    }

    @Test
    void aMissingNamedDirectoryExitsTwo() throws IOException {
        Path missing = work.resolve("missing");

        assertThat(run("plugins", "--plugins", missing.toString(), "--home", home.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("the plugin directory " + missing + " does not exist");
    }
}

package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostCall;
import dev.theater.testkit.HostFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filesystem plugin, loaded from its JAR: file operations inside the granted roots, and no way out of them
 * through {@code ..}, absolute paths or symbolic links.
 */
class FilesystemPluginIT extends HandlerContractTest {
    static final String F = "theater:simple/filesystem#";

    private final Path base = createTempDirectory();
    private final Path root = base.resolve("root");
    private final Path outside = base.resolve("outside");

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("filesystem-it-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void freshRoot() throws IOException {
        for (Path dir : List.of(root, outside)) {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    for (Path p :
                            files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        }
        Files.writeString(outside.resolve("secret.txt"), "host secret");
    }

    @Override
    protected String handlerId() {
        return "filesystem";
    }

    @Override
    protected HandlerArtifact artifact() {
        return PluginJars.artifact("filesystem");
    }

    @Override
    protected Map<String, Object> validConfig() {
        return Map.of("root", root.toString(), "create_roots", true);
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("root", base.resolve("missing").toString()), "root");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(validConfig(), F + "read-file", List.of("missing.txt"), "does not exist");
    }

    private DriverActor actor() {
        return harness().spawnDriver(Map.of("root", root.toString()));
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("dev.theater.handler.filesystem.FilesystemHandlerFactory");
    }

    @Test
    void filesAreWrittenReadListedAndDeletedInsideTheRoot() throws IOException {
        DriverActor actor = actor();

        assertThat(actor.call(F + "create-dir", "notes/2025")).returnedOk(null);
        assertThat(actor.call(F + "write-file", "notes/2025/a.txt", "alpha")).returnedOk(null);
        assertThat(actor.call(F + "write-file", "notes/b.txt", "beta")).returnedOk(null);

        assertThat(Files.readString(root.resolve("notes/2025/a.txt"))).isEqualTo("alpha");
        assertThat(HostCall.bytes(
                        actor.call(F + "read-file", "notes/2025/a.txt").ok()))
                .isEqualTo("alpha".getBytes(UTF_8));
        assertThat(actor.call(F + "list-files", "notes")).returnedOk(List.of("2025", "b.txt"));
        assertThat(actor.call(F + "list-files", "")).returnedOk(List.of("notes"));
        assertThat(actor.call(F + "path-exists", "./notes/b.txt")).returnedOk(true);
        assertThat(actor.call(F + "delete-file", "notes/b.txt")).returnedOk(null);
        assertThat(actor.call(F + "path-exists", "notes/b.txt")).returnedOk(false);
        assertThat(actor.call(F + "delete-dir", "notes")).returnedOk(null);
        assertThat(root.resolve("notes")).doesNotExist();
        assertThat(actor).hasNoHostFailure().isIntact();
    }

    @Test
    void dotDotAndAbsolutePathsAreRefused() {
        DriverActor actor = actor();

        assertThat(actor.call(F + "read-file", "../outside/secret.txt")).returnedErrContaining("contains '..'");
        assertThat(actor.call(F + "read-file", "a/../../outside/secret.txt")).returnedErrContaining("contains '..'");
        assertThat(actor.call(F + "read-file", outside.resolve("secret.txt").toString()))
                .returnedErrContaining("is absolute");
        assertThat(actor.call(F + "write-file", "/tmp/escape.txt", "x")).returnedErrContaining("is absolute");
        assertThat(actor.call(F + "list-files", "..")).returnedErrContaining("contains '..'");
        assertThat(actor.call(F + "read-file", "a\\..\\b")).returnedErrContaining("'\\'");
    }

    @Test
    void symbolicLinksCannotLeadOutOfTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-there"));
        DriverActor actor = actor();

        assertThat(actor.call(F + "read-file", "out/secret.txt")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "read-file", "secret-link.txt")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "list-files", "out")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "write-file", "out/new.txt", "x")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "create-dir", "out/sub")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "path-exists", "out/secret.txt")).returnedErrContaining("outside its granted root");
        assertThat(actor.call(F + "write-file", "dangling", "x")).returnedErrContaining("symbolic link");
        assertThat(actor.call(F + "read-file", "dangling")).returnedErrContaining("leads nowhere");

        assertThat(actor.call(F + "delete-file", "secret-link.txt")).returnedOk(null);
        assertThat(root.resolve("secret-link.txt")).doesNotExist();
        assertThat(actor.call(F + "delete-dir", "out")).returnedErrContaining("is not a directory");
        assertThat(outside.resolve("secret.txt")).hasContent("host secret");
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void deletingADirectoryRemovesLinksInItButNotWhatTheyPointTo() throws IOException {
        Files.createDirectories(root.resolve("tree/inner"));
        Files.writeString(root.resolve("tree/inner/file.txt"), "x");
        Files.createSymbolicLink(root.resolve("tree/link"), outside);

        assertThat(actor().call(F + "delete-dir", "tree")).returnedOk(null);

        assertThat(root.resolve("tree")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("host secret");
    }

    @Test
    void theRootItselfCannotBeDeletedOrOverwritten() {
        DriverActor actor = actor();

        assertThat(actor.call(F + "delete-dir", "")).returnedErrContaining("granted root");
        assertThat(actor.call(F + "delete-dir", ".")).returnedErrContaining("granted root");
        assertThat(actor.call(F + "write-file", "", "x")).returnedErrContaining("is a directory");
        assertThat(root).isDirectory();
    }

    @Test
    void aReadOnlyGrantRefusesEveryChange() throws IOException {
        Files.writeString(root.resolve("kept.txt"), "kept");
        DriverActor actor = harness().spawnDriver(Map.of("root", root.toString(), "read_only", true));

        assertThat(actor.call(F + "read-file", "kept.txt")).returnedOk();
        assertThat(actor.call(F + "write-file", "kept.txt", "changed")).returnedErrContaining("read-only");
        assertThat(actor.call(F + "delete-file", "kept.txt")).returnedErrContaining("read-only");
        assertThat(actor.call(F + "create-dir", "d")).returnedErrContaining("read-only");
        assertThat(root.resolve("kept.txt")).hasContent("kept");
    }

    @Test
    void namedRootsArePickedByTheFirstSegment() throws IOException {
        Path data = Files.createDirectories(base.resolve("data"));
        Path cache = Files.createDirectories(base.resolve("cache"));
        DriverActor actor =
                harness().spawnDriver(Map.of("roots", Map.of("data", data.toString(), "cache", cache.toString())));

        assertThat(actor.call(F + "write-file", "data/d.txt", "d")).returnedOk(null);
        assertThat(actor.call(F + "write-file", "cache/c.txt", "c")).returnedOk(null);
        assertThat(data.resolve("d.txt")).hasContent("d");
        assertThat(cache.resolve("c.txt")).hasContent("c");
        assertThat(actor.call(F + "write-file", "d.txt", "x")).returnedErrContaining("not a granted root");
        assertThat(actor.call(F + "delete-dir", "data")).returnedErrContaining("granted root");
    }

    @Test
    void commandsAreRefusedPointingAtTheProcessHandler() {
        assertThat(actor().call(F + "execute-command", "", "ls", List.of()))
                .returnedErrContaining("grant the process handler");
    }

    @Test
    void errorsNameTheGuestPathNotHostPaths() {
        HostCall call = actor().call(F + "read-file", "nope/missing.txt");

        assertThat(call).returnedErrContaining("'nope/missing.txt' does not exist");
        assertThat((String) call.err()).doesNotContain(root.toString());
    }
}

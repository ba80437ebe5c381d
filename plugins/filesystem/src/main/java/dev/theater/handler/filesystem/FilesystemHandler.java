package dev.theater.handler.filesystem;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitVariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One actor's {@code theater:simple/filesystem}. Every failure, refused or from the file system, is an {@code err}
 * that names the guest path and what went wrong; nothing a guest asks makes the host function throw. Writing and
 * deleting act on the entry itself and never through a symbolic link. The command functions of the interface are
 * refused: running programs is the process handler's job.
 */
final class FilesystemHandler implements Handler {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final String NO_COMMANDS = "the filesystem handler does not run commands; grant the process handler"
            + " ([[handler]] type = \"process\") to run programs";

    private final Roots roots;
    private final boolean readOnly;
    private final int maxReadBytes;

    FilesystemHandler(Roots roots, boolean readOnly, int maxReadBytes) {
        this.roots = requireNonNull(roots, "roots is null");
        this.readOnly = readOnly;
        this.maxReadBytes = maxReadBytes;
    }

    @HostCall
    WitResult<byte[], String> readFile(String path) {
        return run("read-file", () -> read(path));
    }

    @HostCall
    WitResult<Void, String> writeFile(String path, String content) {
        return run("write-file", () -> write(path, content));
    }

    @HostCall
    WitResult<List<String>, String> listFiles(String path) {
        return run("list-files", () -> list(path));
    }

    @HostCall
    WitResult<Void, String> deleteFile(String path) {
        return run("delete-file", () -> removeFile(path));
    }

    @HostCall
    WitResult<Void, String> createDir(String path) {
        return run("create-dir", () -> makeDir(path));
    }

    @HostCall
    WitResult<Void, String> deleteDir(String path) {
        return run("delete-dir", () -> removeDir(path));
    }

    @HostCall
    WitResult<Boolean, String> pathExists(String path) {
        return run("path-exists", () -> exists(path));
    }

    @HostCall
    WitResult<WitVariant, String> executeCommand(String dir, String command, List<String> args) {
        return WitResult.err("execute-command: " + NO_COMMANDS);
    }

    @HostCall
    WitResult<WitVariant, String> executeNixCommand(String dir, String command) {
        return WitResult.err("execute-nix-command: " + NO_COMMANDS);
    }

    /** One operation: its value as ok, a refusal or an I/O failure as err naming the function. */
    private interface Operation<T> {
        T run() throws Refusal, IOException;
    }

    private static <T> WitResult<T, String> run(String function, Operation<T> operation) {
        try {
            return WitResult.ok(operation.run());
        } catch (Refusal e) {
            return WitResult.err(function + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            return WitResult.err(function + ": no such file or directory");
        } catch (IOException | SecurityException e) {
            // The exception's message would name host paths; the guest learns only what kind of failure it was.
            return WitResult.err(
                    function + ": the file system refused it (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void writable(String guestPath) throws Refusal {
        if (readOnly) {
            throw new Refusal("path '" + guestPath + "' is read-only (read_only = true in the actor's manifest)");
        }
    }

    private byte[] read(String guestPath) throws Refusal, IOException {
        Path file = roots.target(guestPath).path();
        if (!Files.exists(file)) {
            throw new Refusal("'" + guestPath + "' does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new Refusal("'" + guestPath + "' is not a file");
        }
        long size = Files.size(file);
        if (size > maxReadBytes) {
            throw new Refusal("'" + guestPath + "' has " + size + " bytes, more than this actor may read at once"
                    + " (max_read_bytes = " + maxReadBytes + ")");
        }
        return Files.readAllBytes(file);
    }

    private Void write(String guestPath, String content) throws Refusal, IOException {
        writable(guestPath);
        Roots.Resolved entry = roots.entry(guestPath);
        if (entry.isRoot() || Files.isDirectory(entry.path(), NOFOLLOW)) {
            throw new Refusal("'" + guestPath + "' is a directory");
        }
        if (Files.isSymbolicLink(entry.path())) {
            throw new Refusal("'" + guestPath + "' is a symbolic link; write to the file itself");
        }
        if (!Files.isDirectory(entry.path().getParent())) {
            throw new Refusal("the directory of '" + guestPath + "' does not exist; create it with create-dir");
        }
        Files.write(
                entry.path(),
                content.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                NOFOLLOW);
        return null;
    }

    private List<String> list(String guestPath) throws Refusal, IOException {
        Path dir = roots.target(guestPath).path();
        if (!Files.isDirectory(dir)) {
            throw new Refusal("'" + guestPath + "' is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Void removeFile(String guestPath) throws Refusal, IOException {
        writable(guestPath);
        Roots.Resolved entry = roots.entry(guestPath);
        if (entry.isRoot() || Files.isDirectory(entry.path(), NOFOLLOW)) {
            throw new Refusal("'" + guestPath + "' is a directory; delete it with delete-dir");
        }
        if (!Files.exists(entry.path(), NOFOLLOW)) {
            throw new Refusal("'" + guestPath + "' does not exist");
        }
        Files.delete(entry.path());
        return null;
    }

    private Void makeDir(String guestPath) throws Refusal, IOException {
        writable(guestPath);
        Roots.Resolved target = roots.target(guestPath);
        if (Files.exists(target.path(), NOFOLLOW)) {
            throw new Refusal("'" + guestPath + "' already exists");
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = target.path(); !Files.exists(p, NOFOLLOW); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path dir : missing) {
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                throw new Refusal("'" + guestPath + "' was created by someone else meanwhile");
            }
        }
        return null;
    }

    private Void removeDir(String guestPath) throws Refusal, IOException {
        writable(guestPath);
        Roots.Resolved entry = roots.entry(guestPath);
        if (entry.isRoot()) {
            throw new Refusal("'" + guestPath + "' is a granted root, which an actor may not delete");
        }
        if (!Files.isDirectory(entry.path(), NOFOLLOW)) {
            throw new Refusal("'" + guestPath + "' is not a directory");
        }
        // walkFileTree does not follow links: a link inside is deleted, never what it points to.
        Files.walkFileTree(entry.path(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException raced) {
                    throw new IOException("a file appeared in " + dir.getFileName() + " while it was deleted", raced);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return null;
    }

    private boolean exists(String guestPath) throws Refusal {
        return Files.exists(roots.target(guestPath).path());
    }
}

package dev.theater.engine.wasmtime;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide Wasmtime state: the native library and one {@link Config} that every {@link Engine} is built
 * from. Created on first use, so discovering the engine with {@link java.util.ServiceLoader} loads no native code.
 *
 * <p>Every instance gets its own Engine (epochs are engine-wide), and a Wasmtime module belongs to one Engine, so
 * each instantiation compiles its module again. Wasmtime's compiled-code cache makes that cheap: it is keyed by the
 * module bytes and the engine configuration, which all engines here share, so only the first compilation of a given
 * byte sequence runs Cranelift and later ones load the cached machine code. Sharing the one Config also shares the
 * cache's single background worker thread (a Config per engine would start a thread per instance).
 *
 * <p>The cache lives in a private temporary directory deleted when the JVM exits, or in the directory named by the
 * system property {@value #CACHE_DIR_PROPERTY} (kept across runs; it must be writable only by this user, because
 * Wasmtime trusts the machine code it finds there). {@code -D}{@value #CACHE_DIR_PROPERTY}{@code =off} disables the
 * cache.
 */
final class NativeRuntime {
    static final String CACHE_DIR_PROPERTY = "theater.wasmtime.cache-dir";

    private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);
    private static final Object LOCK = new Object();
    private static NativeRuntime instance;
    private static RuntimeException failure;

    private final Config config;

    private NativeRuntime(Config config) {
        this.config = config;
    }

    /** The shared state, created on the first call; a failure to load Wasmtime is reported on every call. */
    static NativeRuntime get() {
        synchronized (LOCK) {
            if (instance == null && failure == null) {
                try {
                    instance = create();
                } catch (RuntimeException | LinkageError e) {
                    failure = new IllegalStateException(
                            "cannot start the wasmtime engine: " + e
                                    + "; wasmtime-java 0.19 bundles Wasmtime for linux, macOS and windows on x86_64"
                                    + " and linux and macOS on aarch64; use engine = \"chicory\" elsewhere",
                            e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return instance;
        }
    }

    /** A new Engine with the shared configuration; the caller disposes it. */
    Engine newEngine() {
        return new Engine(config);
    }

    private static NativeRuntime create() {
        Config config = new Config().epochInterruption(true).craneliftNanCanonicalization(false);
        deleteExtractedLibrary();
        Optional<Path> cache = enableCache(config);
        LOG.info(
                "wasmtime engine ready (wasmtime-java 0.19.0, Wasmtime 7); compiled-code cache {}",
                cache.map(Path::toString).orElse("off"));
        return new NativeRuntime(config);
    }

    private static Optional<Path> enableCache(Config config) {
        String configured = System.getProperty(CACHE_DIR_PROPERTY, "").strip();
        if (configured.equals("off")) {
            return Optional.empty();
        }
        try {
            Path directory;
            if (configured.isEmpty()) {
                directory = Files.createTempDirectory("theater-wasmtime-cache-");
                deleteOnExit(directory);
            } else {
                directory = Files.createDirectories(Path.of(configured)).toAbsolutePath();
            }
            Path modules = directory.resolve("modules");
            String quoted = "'" + modules + "'";
            if (modules.toString().contains("'") || modules.toString().contains("\n")) {
                LOG.warn(
                        "wasmtime compiled-code cache is off: its directory {} contains a quote or a line break;"
                                + " set -D{}= to a plain path",
                        modules,
                        CACHE_DIR_PROPERTY);
                return Optional.empty();
            }
            Path file = directory.resolve("wasmtime-cache.toml");
            Files.writeString(file, "[cache]\nenabled = true\ndirectory = " + quoted + "\n");
            config.cacheConfigLoad(file);
            return Optional.of(modules);
        } catch (IOException | WasmtimeException e) {
            LOG.warn(
                    "wasmtime compiled-code cache is off, so every instantiation compiles its module: {}; set -D{}"
                            + " to a writable directory",
                    e.toString(),
                    CACHE_DIR_PROPERTY);
            return Optional.empty();
        }
    }

    /**
     * wasmtime-java copies its 18 MB native library to a new temporary file in every JVM and never deletes it. Once
     * loaded, the file is no longer needed (Linux keeps the mapping), so this deletes the copy this process mapped,
     * found in {@code /proc/self/maps}; copies other processes use are never touched. Does nothing elsewhere.
     */
    private static void deleteExtractedLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            lines.map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(path -> path.contains("/libwasmtime_jni_") && !path.endsWith(" (deleted)"))
                    .distinct()
                    .map(Path::of)
                    .filter(path -> temp.equals(path.getParent()))
                    .forEach(path -> {
                        deleteQuietly(path);
                        LOG.debug("deleted {}, the temporary copy of the wasmtime JNI library; it stays loaded", path);
                    });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("left the temporary copy of the wasmtime JNI library in place: {}", e.toString());
        }
    }

    private static void deleteOnExit(Path directory) {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("theater-wasmtime-cache-cleanup")
                        .unstarted(() -> {
                            try (Stream<Path> paths = Files.walk(directory)) {
                                paths.sorted(Comparator.reverseOrder()).forEach(NativeRuntime::deleteQuietly);
                            } catch (IOException | UncheckedIOException e) {
                                // best effort at exit: a leftover temporary directory is harmless
                            }
                        }));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort at exit, see deleteOnExit
        }
    }
}

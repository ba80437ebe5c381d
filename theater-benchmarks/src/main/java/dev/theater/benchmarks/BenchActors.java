package dev.theater.benchmarks;

import static java.util.Objects.requireNonNull;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Limits;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * What the benchmarks share: a runtime in a throw-away home, manifests of the benchmark guest, and waiting for an
 * actor to be inside its long call. Guests are packaged as resources and copied to a file, because manifests name
 * components by path.
 */
public final class BenchActors implements AutoCloseable {
    /** The export every benchmark calls. */
    public static final String SEND = "theater:simple/message-server-client#handle-send";

    /** A message the benchmark guest answers at once (the trivial export). */
    public static final List<Object> TRIVIAL = List.of(new byte[] {'p'});

    /** A message the benchmark guest answers by spinning in {@code (loop br 0)} until it is interrupted. */
    public static final List<Object> SPIN = List.of(new byte[] {'s'});

    /** The engines every engine-bound benchmark runs on. */
    public static final List<String> ENGINES = List.of("chicory", "wasmtime");

    /** The packaged guests, under {@code /guests/}. */
    private static final List<String> GUESTS = List.of("bench-actor.wasm", "bench-sender.wasm");

    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final Path home;
    private final Path guestDirectory;
    private final Path guest;
    private final TheaterRuntime runtime;
    private final String engine;

    private BenchActors(String engine) {
        this.engine = requireNonNull(engine, "engine is null");
        try {
            this.home = Files.createTempDirectory("theater-bench-");
            this.guestDirectory = Files.createDirectories(home.resolve("guests"));
            for (String name : GUESTS) {
                Files.write(guestDirectory.resolve(name), guestBytes("/guests/" + name));
            }
            this.guest = guestDirectory.resolve("bench-actor.wasm");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a benchmark home in the temporary directory: " + e, e);
        }
        this.runtime = TheaterRuntime.builder()
                .withHome(home)
                .withDefaultEngine(engine)
                .withStopTimeout(Duration.ofSeconds(5))
                .discoverHandlers(BenchActors.class.getClassLoader())
                .build();
    }

    /** A runtime whose default engine is {@code engine}, in a new temporary home that {@link #close()} deletes. */
    public static BenchActors on(String engine) {
        return new BenchActors(engine);
    }

    /** The file of a packaged guest, e.g. {@code bench-sender.wasm}. */
    public Path guest(String name) {
        if (!GUESTS.contains(name)) {
            throw new IllegalArgumentException("no packaged guest '" + name + "'; guests: " + GUESTS);
        }
        return guestDirectory.resolve(name);
    }

    public TheaterRuntime runtime() {
        return runtime;
    }

    public String engine() {
        return engine;
    }

    /**
     * The benchmark actor's manifest: no handlers, the default limits except no call timeout (the long call runs
     * until it is stopped).
     */
    public Manifest manifest(String name, boolean saveChain) {
        return Manifest.builder(name, new ComponentSource.File(guest))
                .withSaveChain(saveChain)
                .withLimits(new Limits(Limits.DEFAULT_MEMORY, Optional.empty(), Limits.DEFAULT_MAILBOX))
                .build();
    }

    /** Spawns the benchmark actor; returns once its {@code init} has run. */
    public ActorRef spawn(boolean saveChain) {
        return runtime.spawn(manifest("bench", saveChain), null);
    }

    /** Starts the long call on {@code actor} and returns its future once the actor reports that it runs it. */
    public static CompletableFuture<Object> startLongCall(ActorRef actor) {
        CompletableFuture<Object> spinning = actor.executor().call(SEND, SPIN);
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!(actor.controller().status() instanceof ActorStatus.Processing)) {
            if (spinning.isDone() || System.nanoTime() > deadline) {
                throw new IllegalStateException("actor " + actor.id() + " did not start its long call within " + AWAIT
                        + "; status " + actor.controller().status().name() + ", call " + spinning);
            }
            Thread.onSpinWait();
        }
        return spinning;
    }

    /** The exception {@code call} failed with, or {@code null} when it succeeded; waits for it. */
    public static Throwable failureOf(CompletableFuture<?> call) {
        try {
            call.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** Checks that a force-stopped call failed as the runtime promises. */
    public static void requireInterrupted(Throwable failure) {
        if (!(failure instanceof ActorException.Interrupted)) {
            throw new IllegalStateException(
                    "the force-stopped call should fail with ActorException.Interrupted but ended with " + failure,
                    failure);
        }
    }

    /** Closes the runtime (stopping its actors) and deletes the temporary home. */
    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            deleteTree(home);
        }
    }

    /** Deletes the temporary home without stopping the actors: for a JVM that exits right after. */
    public void abandon() {
        deleteTree(home);
    }

    /** The bytes of a packaged guest, e.g. {@code /guests/bench-actor.wasm}. */
    public static byte[] guestBytes(String resource) {
        try (InputStream in = BenchActors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the benchmarks' class"
                        + " path; build theater-benchmarks again (mvn -pl theater-benchmarks -am package)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the next run uses a new one.
        }
    }
}

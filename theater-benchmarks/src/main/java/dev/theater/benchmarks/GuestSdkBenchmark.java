package dev.theater.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmModule;
import dev.theater.manifest.Manifest;
import dev.theater.manifest.ManifestParser;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The example guests of each guest SDK side by side (docs/guests.md): C ({@code examples/hello},
 * {@code examples/ping-pong}), Rust ({@code examples/rust}) and AssemblyScript ({@code examples/assemblyscript}).
 * Each sample is one of:
 *
 * <ul>
 *   <li>{@code pongRequest}: {@code handle-request("ping")} on the pong example through {@code ActorExecutor}, until
 *       its reply is back: lifting the state and the request, the guest's handler (which logs a line through a host
 *       call and formats its reply), lowering the new state and the reply, chain events kept in memory;
 *   <li>{@code helloLifetime}: {@code spawn} of the hello example from a cached module until it has stopped by
 *       itself: instantiation, {@code init} (three log lines, {@code self}, {@code shutdown}) and the stop;
 *   <li>{@code compilePong}: the engine compiling the pong module, which a runtime does once per module.
 * </ul>
 *
 * <p>Manifests are the examples' own, with {@code save_chain = false} so that disk syncs do not hide the guests'
 * differences. Run from the repository root ({@code scripts/bench} does), where {@code examples/} is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuestSdkBenchmark {
    /** The export the pong benchmark calls. */
    static final String REQUEST = "theater:simple/message-server-client#handle-request";

    /** The examples of each language, relative to the repository root. */
    static final Map<String, Path> EXAMPLES = Map.of(
            "c", Path.of("examples"),
            "rust", Path.of("examples", "rust"),
            "assemblyscript", Path.of("examples", "assemblyscript"));

    @Param({"c", "rust", "assemblyscript"})
    public String language;

    @Param({"chicory", "wasmtime"})
    public String engine;

    private Path home;
    private TheaterRuntime runtime;
    private Manifest pongManifest;
    private Manifest helloManifest;
    private byte[] pongWasm;
    private ActorRef pong;

    @Setup(Level.Trial)
    public void startRuntime() throws IOException {
        home = Files.createTempDirectory("theater-bench-guests-");
        runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(5))
                .discoverHandlers(getClass().getClassLoader())
                .build();
        pongManifest = manifest(example(language, "ping-pong/pong.toml"), engine);
        helloManifest = manifest(example(language, "hello/hello.toml"), engine);
        pongWasm = Files.readAllBytes(example(language, "ping-pong/pong.wasm"));
    }

    /** A fresh pong per iteration, so that its in-memory chain does not grow across the whole run. */
    @Setup(Level.Iteration)
    public void spawnPong() {
        pong = runtime.spawn(pongManifest, null);
    }

    @Benchmark
    public Object pongRequest() {
        return pong.executor()
                .call(REQUEST, List.of("bench", "ping".getBytes(UTF_8)))
                .join();
    }

    @Benchmark
    public ActorStatus helloLifetime() throws Exception {
        ActorRef hello = runtime.spawn(helloManifest, null);
        CompletableFuture<ActorStatus> ended = new CompletableFuture<>();
        var subscription = hello.controller().statusChanges(s -> {
            if (s.isTerminal()) {
                ended.complete(s);
            }
        });
        try {
            if (hello.controller().status().isTerminal()) {
                ended.complete(hello.controller().status());
            }
            return ended.get(10, TimeUnit.SECONDS);
        } finally {
            subscription.close();
        }
    }

    @Benchmark
    public WasmModule compilePong() {
        return WasmEngines.discover().require(engine).compile(pongWasm);
    }

    @TearDown(Level.Iteration)
    public void stopPong() {
        runtime.stop(pong.id()).join();
    }

    @TearDown(Level.Trial)
    public void stopRuntime() throws IOException {
        runtime.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** An example's file; fails naming the file and the fix when the benchmark does not run from the root. */
    static Path example(String language, String file) {
        Path path = EXAMPLES.get(language).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("guest benchmark: " + path.toAbsolutePath() + " is missing; run the"
                    + " benchmarks from the repository root (scripts/bench does)");
        }
        return path;
    }

    private static Manifest manifest(Path file, String engine) {
        Manifest m = ManifestParser.parse(file);
        return new Manifest(
                m.name(),
                m.version(),
                m.component(),
                m.description(),
                m.initState(),
                Optional.of(engine),
                false,
                m.limits(),
                m.supervision(),
                m.handlers(),
                m.origin());
    }

    /** The example guests whose sizes the summary lists, per language. */
    static List<Path> guests(String language) {
        List<String> files = List.of(
                "hello/hello.wasm",
                "ping-pong/ping.wasm",
                "ping-pong/pong.wasm",
                language.equals("c") ? "supervisor-tree/supervisor.wasm" : "supervisor/supervisor.wasm",
                language.equals("c") ? "supervisor-tree/worker.wasm" : "supervisor/worker.wasm");
        return files.stream().map(f -> example(language, f)).toList();
    }

    /** The size of a file, for the summary. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

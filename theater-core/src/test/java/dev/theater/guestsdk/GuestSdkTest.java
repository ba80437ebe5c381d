package dev.theater.guestsdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.abi.HostImports;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.WasmEngines;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorException;
import dev.theater.spi.ChainEvent;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Rust and AssemblyScript guest SDKs promise beyond the canonical ABI (which {@code AbiConformanceTest}
 * checks): a panic (Rust) or an abort (AssemblyScript, e.g. {@code throw}) inside a handler becomes the export's
 * {@code err} result with the message, as often as it happens, without losing the actor's state or its stack; and
 * every host function an SDK wraps is imported with the core type of its WIT signature. The probe guests are under
 * {@code src/test/resources/guests/sdk}.
 */
class GuestSdkTest {
    private static final String SEND = "theater:simple/message-server-client#handle-send";
    private static final List<String> HOST_INTERFACES = List.of(
            "runtime",
            "message-server-host",
            "supervisor",
            "store",
            "process",
            "http-client",
            "http-framework",
            "timing",
            "random",
            "environment",
            "filesystem");

    @TempDir
    Path home;

    private TheaterRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static Stream<Arguments> probes() {
        return Stream.of("rust", "assemblyscript")
                .flatMap(language -> Stream.of("chicory", "wasmtime").map(engine -> Arguments.of(language, engine)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void aPanicBecomesAnErrResultCarryingItsMessage(String language, String engine) throws Exception {
        ActorRef probe = spawnProbe(language, engine, null);

        assertThat(failure(send(probe, "panic:the probe was asked to fail")))
                .isInstanceOf(ActorException.GuestError.class)
                .hasMessageContaining("the probe was asked to fail")
                .hasMessageContaining(language.equals("rust") ? "panicked at" : "probe.ts:");
        ChainEvent result = probe.controller().chain().getLast();
        assertThat(result.eventType()).isEqualTo("export-result");
        assertThat(new String(result.data(), UTF_8)).contains("\"err\":").contains("the probe was asked to fail");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void theActorKeepsWorkingAndKeepsItsStateAcrossRepeatedPanics(String language, String engine) throws Exception {
        ActorRef probe = spawnProbe(language, engine, null);

        for (int round = 1; round <= 5; round++) {
            send(probe, "count").get(10, TimeUnit.SECONDS);
            assertThat(failure(send(probe, "panic:round " + round)))
                    .isInstanceOf(ActorException.GuestError.class)
                    .hasMessageContaining("round " + round);
            // The panicking call counted too, but its state was dropped with its err result.
            assertThat(count(probe)).isEqualTo(round);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void aPanicDeepInTheStackUnwindsEveryTimeAndFreesTheStack(String language, String engine) throws Exception {
        ActorRef probe = spawnProbe(language, engine, null);

        // 25 x 60 frames of 512 bytes: far more than the 64 KiB (Rust) or 16 KiB (AssemblyScript) stacks would hold
        // if an unwound call left its frames on the stack.
        for (int i = 0; i < 25; i++) {
            assertThat(failure(send(probe, "deep:60")))
                    .isInstanceOf(ActorException.GuestError.class)
                    .hasMessageContaining("deep panic after 512 bytes of frames");
        }
        send(probe, "count").get(10, TimeUnit.SECONDS);
        assertThat(count(probe)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void anOutOfBoundsIndexIsAnErrResultWithTheLanguagesOwnMessage(String language, String engine) throws Exception {
        ActorRef probe = spawnProbe(language, engine, null);

        assertThat(failure(send(probe, "index")))
                .isInstanceOf(ActorException.GuestError.class)
                .hasMessageContaining(
                        language.equals("rust")
                                ? "index out of bounds: the len is 3 but the index is 5"
                                : "out of range");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void memoryStaysBoundedAcrossManyPanics(String language, String engine) throws Exception {
        ActorRef probe = spawnProbe(language, engine, null);
        failure(send(probe, "panic:first"));
        long afterFirst = probe.controller().metrics().memoryBytes();

        for (int i = 0; i < 300; i++) {
            failure(send(probe, "panic:again"));
        }

        // The unwinding space is taken once; what the unwound Rust frames held (no destructor runs) is a few dozen
        // bytes per panic, and the AssemblyScript collector frees everything.
        assertThat(probe.controller().metrics().memoryBytes()).isLessThanOrEqualTo(afterFirst + 65536);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("probes")
    void aPanicInInitFailsTheSpawnWithTheMessage(String language, String engine) {
        assertThatThrownBy(() -> spawnProbe(language, engine, "panic".getBytes(UTF_8)))
                .isInstanceOf(SpawnException.class)
                .cause()
                .isInstanceOf(ActorException.GuestError.class)
                .hasMessageContaining("probe: asked to fail in init");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "assemblyscript"})
    void everyWrappedHostFunctionIsImportedWithItsWitSignature(String language) {
        WitLibrary wit = WitLibrary.builtin();
        List<FunctionImport> imports = WasmEngines.discover()
                .require("chicory")
                .compile(resource("/guests/sdk/imports-" + language + ".wasm"))
                .functionImports();

        Set<String> imported = new TreeSet<>();
        for (FunctionImport i : imports) {
            WitFunction function = wit.requireFunction(i.module(), i.name());
            assertThat(i.type())
                    .as("the core type of %s#%s", i.module(), i.name())
                    .isEqualTo(HostImports.coreType(function));
            imported.add(i.module() + "#" + i.name());
        }
        Set<String> wrapped = new TreeSet<>();
        for (String name : HOST_INTERFACES) {
            WitInterface iface = wit.requireInterface("theater:simple/" + name);
            iface.functions().keySet().forEach(f -> wrapped.add(iface.qualifiedName() + "#" + f));
        }
        assertThat(imported).isEqualTo(wrapped);
    }

    private ActorRef spawnProbe(String language, String engine, byte[] initState) {
        if (runtime == null) {
            runtime = TheaterRuntime.builder()
                    .withHome(home)
                    .withDefaultEngine(engine)
                    .withStopTimeout(Duration.ofSeconds(5))
                    .discoverHandlers(getClass().getClassLoader())
                    .build();
        }
        Manifest manifest = Manifest.builder("probe-" + language, new ComponentSource.File(guest(language)))
                .addHandler("runtime", Map.of())
                .addHandler("message-server", Map.of())
                .build();
        return runtime.spawn(manifest, initState);
    }

    private static Path guest(String language) {
        try {
            return Path.of(GuestSdkTest.class
                    .getResource("/guests/sdk/probe-" + language + ".wasm")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Object> send(ActorRef actor, String command) {
        return actor.executor().call(SEND, List.of(command.getBytes(UTF_8)));
    }

    private static Throwable failure(CompletableFuture<Object> call) throws Exception {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded; expected it to fail");
    }

    /** The probe's state: a little-endian u32. */
    private static int count(ActorRef probe) {
        byte[] state = probe.controller().state().orElseThrow();
        return ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] resource(String name) {
        try (InputStream in = GuestSdkTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing; run scripts/build-guests");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.theater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.theater.chain.Chain;
import dev.theater.chain.ChainFile;
import dev.theater.manifest.Manifest;
import dev.theater.manifest.ManifestException;
import dev.theater.manifest.ManifestParser;
import dev.theater.plugins.PluginLoadException;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater run <manifest>}: spawns the actor, streams its log lines and chain events, and exits when it stops
 * (0), fails (1) or cannot be loaded (2). Ctrl-C stops it gracefully.
 */
@Command(
        name = "run",
        description = {
            "Run an actor from its manifest until it stops.",
            "Exit codes: 0 the actor shut itself down or was stopped, 1 it failed, 2 the manifest, module or a plugin could"
                    + " not be loaded."
        })
final class RunCommand implements Callable<Integer> {
    private static final String LOG_FUNCTION = "theater:simple/runtime#log";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<manifest>", description = "the actor's manifest (TOML)")
    Path manifestFile;

    @Option(
            names = "--engine",
            paramLabel = "chicory|wasmtime",
            description = "run on this wasm engine instead of the manifest's (or the default)")
    String engine;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "the runtime home (chains, store); default $THEATER_HOME, else ~/.theater")
    Path home;

    @Mixin
    PluginsOption plugins;

    @Option(names = "--quiet-chain", description = "show the actor's log lines only, not its chain events")
    boolean quietChain;

    @Option(
            names = "--stop-timeout",
            paramLabel = "DURATION",
            description = "how long Ctrl-C waits for a graceful stop before forcing it (default ${DEFAULT-VALUE})",
            defaultValue = "PT5S")
    Duration stopTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Manifest manifest;
        try {
            manifest = ManifestParser.parse(manifestFile);
        } catch (ManifestException e) {
            err.println("theater run: " + TerminalText.escapeLines(e.getMessage()));
            return 2;
        }
        if (engine != null) {
            manifest = withEngine(manifest, engine);
        }
        Path runtimeHome = home != null ? home : defaultHome();
        TheaterRuntime runtime;
        try {
            runtime = plugins.apply(TheaterRuntime.builder()
                            .withHome(runtimeHome)
                            .discoverHandlers(RunCommand.class.getClassLoader()))
                    .build();
        } catch (PluginLoadException | IllegalStateException | IllegalArgumentException e) {
            err.println("theater run: " + TerminalText.escapeLines(e.getMessage()));
            return 2;
        }
        try (runtime) {
            return run(runtime, manifest, out, err);
        }
    }

    private int run(TheaterRuntime runtime, Manifest manifest, PrintWriter out, PrintWriter err) {
        ActorRef actor;
        try {
            actor = runtime.spawn(manifest, null);
        } catch (SpawnException e) {
            err.println("theater run: " + TerminalText.escape(e.getMessage()));
            // A failure of the guest's own init is the actor failing; anything else is a load error.
            return e.getCause() instanceof ActorException ? 1 : 2;
        }
        String name = manifest.name();
        CompletableFuture<ActorStatus> finished = new CompletableFuture<>();
        var statusSubscription = actor.controller().statusChanges(status -> {
            if (status.isTerminal()) {
                finished.complete(status);
            }
        });
        if (actor.controller().status().isTerminal()) {
            finished.complete(actor.controller().status());
        }
        Chain.Subscription chainSubscription;
        try {
            chainSubscription = runtime.subscribeChain(actor.id(), 0, event -> print(name, event, out));
        } catch (ActorException.ChannelClosed alreadyStopped) {
            // The actor finished during init (e.g. it asked to shut down): its whole chain is in the snapshot.
            actor.controller().chain().forEach(event -> print(name, event, out));
            chainSubscription = () -> {};
        }
        CountDownLatch reported = new CountDownLatch(1);
        Thread stopOnInterrupt = Thread.ofPlatform().unstarted(() -> {
            if (!finished.isDone()) {
                err.println("theater run: stopping '" + name + "' (waiting up to " + stopTimeout + ")");
                actor.controller().shutdown(stopTimeout).join();
            }
            // Let the main thread print the summary before the JVM halts.
            try {
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        ActorStatus end;
        try {
            end = finished.join();
        } finally {
            statusSubscription.close();
            chainSubscription.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting because of Ctrl-C; the hook is running and stops the actor.
            }
        }
        out.println();
        out.println("actor " + name + " " + actor.id() + " " + end.name());
        Path chainFile = ChainFile.pathFor(runtime.chainDirectory(), actor.id().toString());
        List<ChainEvent> events = actor.controller().chain();
        String summary = summary(events);
        String head = events.isEmpty() ? "" : events.getLast().hashHex();
        if (manifest.saveChain() && Files.exists(chainFile)) {
            out.println("chain: " + chainFile + " (" + summary + ")");
            if (!head.isEmpty()) {
                out.println("head: " + head + " (event #" + events.getLast().seq() + ")");
            }
            out.println("verify it with: theater verify " + chainFile + (head.isEmpty() ? "" : " --head " + head));
        } else {
            out.println("chain: not saved (save_chain = false); " + summary);
            if (!head.isEmpty()) {
                out.println("head: " + head + " (event #" + events.getLast().seq() + ")");
            }
        }
        out.flush();
        try {
            if (end instanceof ActorStatus.Failed failed) {
                err.println("theater run: actor '" + name + "' failed: " + TerminalText.escape(failed.reason()));
                return 1;
            }
            return 0;
        } finally {
            err.flush();
            reported.countDown();
        }
    }

    /** The runtime home when --home is not given: $THEATER_HOME, else ~/.theater. */
    static Path defaultHome() {
        String env = System.getenv("THEATER_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".theater");
    }

    /** {@code 10 events: 3 lifecycle, 1 export-call, ...}, types in order of first appearance. */
    static String summary(List<ChainEvent> events) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        events.forEach(e -> counts.merge(e.eventType(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder().append(events.size()).append(" events");
        String separator = ": ";
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            sb.append(separator).append(c.getValue()).append(' ').append(c.getKey());
            separator = ", ";
        }
        return sb.toString();
    }

    private void print(String actorName, ChainEvent event, PrintWriter out) {
        if (event.eventType().equals("host-call")
                && event.description().filter(LOG_FUNCTION::equals).isPresent()) {
            logMessage(event).ifPresent(msg -> out.println("[" + actorName + "] " + TerminalText.escape(msg)));
        }
        if (!quietChain) {
            out.println("  chain "
                    + EventFormat.line(
                            event.seq(),
                            event.hashHex(),
                            event.eventType(),
                            event.timestamp(),
                            event.data(),
                            event.description()));
        }
        out.flush();
    }

    private static Optional<String> logMessage(ChainEvent event) {
        try {
            JsonNode data = JSON.readTree(event.data());
            JsonNode msg = data.path("params").path("msg");
            return msg.isTextual() ? Optional.of(msg.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Manifest withEngine(Manifest m, String engine) {
        return new Manifest(
                m.name(),
                m.version(),
                m.component(),
                m.description(),
                m.initState(),
                Optional.of(engine),
                m.saveChain(),
                m.limits(),
                m.supervision(),
                m.handlers(),
                m.origin());
    }
}

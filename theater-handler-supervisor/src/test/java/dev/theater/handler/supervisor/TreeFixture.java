package dev.theater.handler.supervisor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.theater.manifest.ManifestParser;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.runtime.handlers.RuntimeHandlerFactory;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.HandlerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime with the supervisor handler on a {@link VirtualScheduler}, manifests written into a directory, and ways to
 * wait for what the tests look at without sleeping. The guests are {@code guests/parent.wat} (writes down everything
 * it did and heard in its state) and {@code guests/child.wat} (crashes on demand).
 */
final class TreeFixture implements AutoCloseable {
    static final String SEND = "theater:simple/message-server-client#handle-send";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    final Path dir;
    final VirtualScheduler clock = new VirtualScheduler();
    final TheaterRuntime runtime;

    TreeFixture(Path dir, String engine, DoubleSupplier jitter, HandlerFactory... extra) {
        this.dir = dir;
        TheaterRuntime.Builder builder = TheaterRuntime.builder()
                .withHome(dir.resolve("home"))
                .withDefaultEngine(engine)
                .withStopTimeout(Duration.ofSeconds(5))
                .addHandler(new RuntimeHandlerFactory())
                .addHandler(new SupervisorHandlerFactory(clock, jitter));
        for (HandlerFactory factory : extra) {
            builder.addHandler(factory);
        }
        this.runtime = builder.build();
    }

    static Path guest(String name) {
        try {
            return Path.of(
                    TreeFixture.class.getResource("/guests/" + name + ".wasm").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code <name>.toml} for the crashing child, with {@code more} TOML (top-level keys, then tables). */
    Path child(String name, String more) {
        return write(
                name,
                "name = \"" + name + "\"\ncomponent = \"" + guest("child") + "\"\nlimits.call_timeout = \"10s\"\n"
                        + more + "\n[[handler]]\ntype = \"runtime\"\n");
    }

    Path child(String name) {
        return child(name, "");
    }

    /**
     * Writes {@code <name>.toml} for a supervising parent with {@code supervision} as its {@code [supervision]} table,
     * the runtime and supervisor handlers, {@code more} TOML appended (more handlers), and, when {@code children} are
     * given, an {@code init_state} that makes it spawn them.
     */
    Path parent(String name, String supervision, String more, Path... children) {
        String init = "";
        if (children.length > 0) {
            Path state = dir.resolve(name + ".init");
            StringBuilder lines = new StringBuilder();
            for (Path child : children) {
                lines.append('+').append(child).append('\n');
            }
            try {
                Files.writeString(state, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            init = "init_state = \"" + state.getFileName() + "\"\n";
        }
        return write(
                name,
                "name = \"" + name + "\"\ncomponent = \"" + guest("parent") + "\"\n" + init
                        + "[limits]\ncall_timeout = \"10s\"\n[supervision]\n" + supervision
                        + "\n[[handler]]\ntype = \"runtime\"\n[[handler]]\ntype = \"supervisor\"\n" + more + "\n");
    }

    Path parent(String name, String supervision, Path... children) {
        return parent(name, supervision, "", children);
    }

    private Path write(String name, String toml) {
        Path file = dir.resolve(name + ".toml");
        try {
            Files.writeString(file, toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    ActorRef spawn(Path manifest) {
        return runtime.spawn(ManifestParser.parse(manifest), null);
    }

    /** The ids a parent's log says it spawned, in order. */
    static List<ActorId> spawned(ActorRef parent) {
        return lines(parent).stream()
                .filter(l -> l.startsWith("spawned "))
                .map(l -> ActorId.parse(l.substring("spawned ".length())))
                .toList();
    }

    static String log(ActorRef actor) {
        return actor.controller().state().map(b -> new String(b, UTF_8)).orElse("");
    }

    static List<String> lines(ActorRef actor) {
        String log = log(actor);
        return log.isEmpty() ? List.of() : Arrays.asList(log.split("\n"));
    }

    /** Sends {@code command} to the parent (or child) and waits for it; returns the lines it added to the log. */
    List<String> send(ActorRef actor, String command) {
        int before = lines(actor).size();
        await(actor.executor().call(SEND, List.of(command.getBytes(UTF_8))));
        List<String> after = lines(actor);
        return after.subList(Math.min(before, after.size()), after.size());
    }

    /** Sends {@code command} to a child and returns how its future ended (a crash fails it). */
    static CompletableFuture<Object> poke(ActorRef child, String command) {
        return child.executor().call(SEND, List.of(command.getBytes(UTF_8)));
    }

    ActorRef ref(ActorId id) {
        return runtime.lookup(id).orElseThrow(() -> new AssertionError("actor " + id + " is not running"));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the operation did not finish within " + WAIT, e);
        }
    }

    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the operation to fail");
    }

    /** Waits until {@code condition} holds, re-checking whenever {@code actor}'s chain grows. */
    void awaitOn(ActorRef actor, BooleanSupplier condition, String what) {
        Object signal = new Object();
        var subscription =
                runtime.subscribeChain(actor.id(), actor.controller().chain().size(), e -> {
                    synchronized (signal) {
                        signal.notifyAll();
                    }
                });
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (signal) {
                while (!condition.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        fail("waited " + WAIT + " for " + what + "; log of " + actor.id() + ":\n" + log(actor));
                    }
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            subscription.close();
        }
    }

    /** Waits until {@code actor} is idle with an empty mailbox: every callback queued so far has run. */
    void awaitQuiet(ActorRef actor) {
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        Runnable check = () -> {
            if (actor.controller().status() instanceof ActorStatus.Idle
                    && actor.controller().metrics().mailboxDepth() == 0) {
                quiet.complete(null);
            }
        };
        var subscription = actor.controller().statusChanges(status -> check.run());
        try {
            check.run();
            await(quiet);
        } finally {
            subscription.close();
        }
    }

    /** Waits until the parent's log has a line starting with {@code prefix}; returns it. */
    String awaitLine(ActorRef parent, String prefix) {
        awaitOn(parent, () -> lines(parent).stream().anyMatch(l -> l.startsWith(prefix)), "a line '" + prefix + "'");
        return lines(parent).stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    /** Waits until the actor's chain holds {@code count} supervision events described {@code decision}. */
    void awaitDecisions(ActorRef parent, String decision, int count) {
        awaitOn(
                parent,
                () -> decisions(parent.controller(), decision).size() >= count,
                count + " '" + decision + "' decisions");
    }

    /** The data of the actor's supervision events described {@code decision}, as JSON text. */
    static List<String> decisions(ActorController actor, String decision) {
        return actor.chain().stream()
                .filter(e -> e.eventType().equals("supervision"))
                .filter(e -> e.description().orElse("").equals(decision))
                .map(e -> new String(e.data(), UTF_8))
                .toList();
    }

    static List<ChainEvent> events(ActorController actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).toList();
    }

    /** Waits until the actor's status is final (stopped or failed). */
    static void awaitTerminal(ActorController actor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ActorController.Subscription subscription = actor.statusChanges(s -> {
            if (s.isTerminal()) {
                done.complete(null);
            }
        });
        try {
            if (actor.status().isTerminal()) {
                return;
            }
            await(done);
        } finally {
            subscription.close();
        }
    }

    /** Waits until the clock has {@code count} tasks pending: the supervisor has decided and scheduled restarts. */
    void awaitPending(int count) {
        try {
            assertThat(clock.awaitPending(count, WAIT))
                    .as("%d restart(s) scheduled; %s", count, clock)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code count} delays in all were requested from the clock. */
    void awaitRequested(int count) {
        try {
            assertThat(clock.awaitRequested(count, WAIT))
                    .as("%d backoff delay(s) requested; %s", count, clock)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String firstId(String text) {
        Matcher m = ID.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no actor id in '" + text + "'");
        }
        return m.group();
    }

    @Override
    public void close() {
        runtime.close();
    }
}

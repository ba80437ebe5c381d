package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.Chain;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.WitTuple;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The test actor {@code guests/process-driver.wasm}, seen from a test: requests in, the log of delivered output and
 * exits out (decoded from its state).
 */
final class Driver {
    static final String REQUEST = "theater:simple/message-server-client#handle-request";

    /** One delivery the actor received: {@code 'o'} stdout, {@code 'e'} stderr, {@code 'x'} exit. */
    record Event(char kind, long pid, byte[] bytes) {
        String text() {
            return new String(bytes, UTF_8);
        }

        int exitCode() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        @Override
        public String toString() {
            return kind == 'x' ? "exit(" + pid + ", " + exitCode() + ")" : kind + "(" + pid + ", \"" + text() + "\")";
        }
    }

    private final TheaterRuntime runtime;
    private final ActorRef actor;

    Driver(TheaterRuntime runtime, ActorRef actor) {
        this.runtime = runtime;
        this.actor = actor;
    }

    ActorRef actor() {
        return actor;
    }

    /** Sends a request whose payload is {@code fields} joined by NUL; returns the response text. */
    String request(List<String> fields) throws Exception {
        return request(String.join("\0", fields).getBytes(UTF_8));
    }

    String request(byte[] payload) throws Exception {
        Object value = actor.executor().call(REQUEST, List.of("req", payload)).get(30, TimeUnit.SECONDS);
        Optional<?> response = (Optional<?>) ((WitTuple) value).get(0);
        return new String((byte[]) response.orElseThrow(), UTF_8);
    }

    /** Spawns; the answer must be {@code ok <pid>}. */
    long spawn(Spawn spawn) throws Exception {
        String answer = trySpawn(spawn);
        assertThat(answer).as("os-spawn answer").startsWith("ok ");
        return Long.parseLong(answer.substring(3));
    }

    /** Spawns; returns the answer as is ({@code ok <pid>} or {@code err <message>}). */
    String trySpawn(Spawn spawn) throws Exception {
        List<String> fields = new ArrayList<>();
        fields.add("spawn");
        fields.addAll(spawn.fields());
        return request(fields);
    }

    String write(long pid, byte[] data) throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(("write\0" + pid + "\0").getBytes(UTF_8));
        payload.writeBytes(data);
        return request(payload.toByteArray());
    }

    String write(long pid, String text) throws Exception {
        return write(pid, text.getBytes(UTF_8));
    }

    String status(long pid) throws Exception {
        return request(List.of("status", Long.toString(pid)));
    }

    String signal(long pid, int signal) throws Exception {
        return request(List.of("signal", Long.toString(pid), Integer.toString(signal)));
    }

    String kill(long pid) throws Exception {
        return request(List.of("kill", Long.toString(pid)));
    }

    /** Everything the actor has received so far, in order. */
    List<Event> events() {
        byte[] state = actor.controller().state().orElse(new byte[0]);
        ByteBuffer in = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            char kind = (char) in.get();
            long pid = in.getLong();
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            events.add(new Event(kind, pid, bytes));
        }
        return events;
    }

    List<Event> events(long pid) {
        return events().stream().filter(e -> e.pid() == pid).toList();
    }

    /** The messages of one stream ({@code 'o'} or {@code 'e'}) of one process, as text. */
    List<String> messages(long pid, char kind) {
        return events(pid).stream()
                .filter(e -> e.kind() == kind)
                .map(Event::text)
                .toList();
    }

    /** One stream of one process, all messages joined. */
    byte[] bytes(long pid, char kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events(pid).stream().filter(e -> e.kind() == kind).forEach(e -> out.writeBytes(e.bytes()));
        return out.toByteArray();
    }

    /** Waits (up to 30 s) until the events satisfy {@code condition}, watching the actor's chain; returns them. */
    List<Event> await(String what, Predicate<List<Event>> condition) throws Exception {
        CompletableFuture<List<Event>> done = new CompletableFuture<>();
        Runnable check = () -> {
            try {
                List<Event> now = events();
                if (condition.test(now)) {
                    done.complete(now);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e); // never throw into the chain's listener: that would fail the actor
            }
        };
        Chain.Subscription subscription = runtime.subscribeChain(actor.id(), 0, e -> check.run());
        try {
            check.run();
            return done.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; the actor received " + events(), e);
        } finally {
            subscription.close();
        }
    }

    /** Waits for the exit of {@code pid}; returns that process's events, the exit last. */
    List<Event> awaitExit(long pid) throws Exception {
        await("the exit of process " + pid, events -> events.stream().anyMatch(e -> e.pid() == pid && e.kind() == 'x'));
        return events(pid);
    }

    /** Waits until process {@code pid} has written {@code text} on stdout (all messages joined). */
    void awaitStdout(long pid, String text) throws Exception {
        await("\"" + text + "\" on the stdout of process " + pid, events -> new String(bytes(pid, 'o'), UTF_8)
                .contains(text));
    }
}

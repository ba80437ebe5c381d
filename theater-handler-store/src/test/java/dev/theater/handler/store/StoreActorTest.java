package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ChainEvent;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real actors using the store through the canonical ABI: the guest {@code guests/store-user.wat} calls one store
 * function per message and keeps the outcome as its state.
 */
class StoreActorTest {
    static final String SEND = "theater:simple/message-server-client#handle-send";

    @TempDir
    Path home;

    StoreHandlerFactory factory;
    TheaterRuntime runtime;

    @BeforeEach
    void buildRuntime() {
        factory = new StoreHandlerFactory();
        runtime = runtime("chicory");
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    TheaterRuntime runtime(String engine) {
        return TheaterRuntime.builder()
                .withHome(home)
                .withDefaultEngine(engine)
                .withStopTimeout(Duration.ofSeconds(5))
                .addHandler(factory)
                .build();
    }

    static Path guest() {
        try {
            return Path.of(
                    StoreActorTest.class.getResource("/guests/store-user.wasm").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ActorRef spawn(String name, Map<String, Object> storeConfig) {
        return runtime.spawn(
                Manifest.builder(name, new ComponentSource.File(guest()))
                        .addHandler("store", storeConfig)
                        .withSaveChain(false)
                        .build(),
                null);
    }

    /** What one store call returned: ok with its payload, or err with its message. */
    record Outcome(boolean ok, byte[] payload) {
        String text() {
            return new String(payload, UTF_8);
        }

        Outcome assertOk() {
            assertThat(ok).as("expected ok, got err: %s", text()).isTrue();
            return this;
        }

        String assertErr() {
            assertThat(ok).as("expected err, got ok").isFalse();
            return text();
        }

        /** list<string> or list<content-ref>: u32 length + bytes per element. */
        List<String> strings() {
            ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            List<String> out = new ArrayList<>();
            while (in.hasRemaining()) {
                byte[] element = new byte[in.getInt()];
                in.get(element);
                out.add(new String(element, UTF_8));
            }
            return out;
        }
    }

    static byte[] message(char op, Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(op);
        for (Object field : fields) {
            byte[] bytes = field instanceof byte[] b ? b : ((String) field).getBytes(UTF_8);
            out.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(bytes.length)
                    .array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    static CompletableFuture<Object> sendAsync(ActorRef actor, char op, Object... fields) {
        return actor.executor().call(SEND, List.of(message(op, fields)));
    }

    static Outcome outcome(ActorRef actor) {
        byte[] state = actor.controller().state().orElseThrow();
        return new Outcome(state[0] == 0, Arrays.copyOfRange(state, 1, state.length));
    }

    static Outcome send(ActorRef actor, char op, Object... fields) throws Exception {
        sendAsync(actor, op, fields).get(30, TimeUnit.SECONDS);
        return outcome(actor);
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String sha256(String text) {
        return ContentRef.of(bytes(text)).hash();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void everyFunctionWorksFromAGuest(String engine) throws Exception {
        runtime.close();
        runtime = runtime(engine);
        ActorRef actor = spawn("user", Map.of());

        String id = send(actor, 'n').assertOk().text();
        assertThat(id).matches("[0-9a-f]{32}");

        String hello = send(actor, 's', id, "hello").assertOk().text();
        assertThat(hello).isEqualTo(sha256("hello"));
        assertThat(send(actor, 'g', id, hello).assertOk().text()).isEqualTo("hello");
        assertThat(send(actor, 'e', id, hello).assertOk().payload()).containsExactly(1);
        assertThat(send(actor, 'e', id, sha256("absent")).assertOk().payload()).containsExactly(0);

        assertThat(send(actor, 'l', id, "greeting", hello).assertOk().payload()).isEmpty();
        assertThat(send(actor, 'b', id, "greeting").assertOk().text()).isEqualTo("\u0001" + hello);
        assertThat(send(actor, 'b', id, "nothing").assertOk().payload()).containsExactly(0);

        String world = send(actor, 'S', id, "greeting", "world").assertOk().text();
        assertThat(world).isEqualTo(sha256("world"));
        assertThat(send(actor, 'b', id, "greeting").assertOk().text()).isEqualTo("\u0001" + world);
        send(actor, 'f', id, "greeting", world).assertOk();
        assertThat(send(actor, 'b', id, "greeting").assertOk().text()).isEqualTo("\u0001" + hello);

        String replaced =
                send(actor, 'C', id, "greeting", "replaced").assertOk().text();
        assertThat(send(actor, 'b', id, "greeting").assertOk().text()).isEqualTo("\u0001" + replaced);
        send(actor, 'R', id, "greeting", hello).assertOk();
        assertThat(send(actor, 'b', id, "greeting").assertOk().text()).isEqualTo("\u0001" + hello);

        send(actor, 'l', id, "other", world).assertOk();
        assertThat(send(actor, 'L', id).assertOk().strings()).containsExactly("greeting", "other");
        send(actor, 'r', id, "other").assertOk();
        assertThat(send(actor, 'L', id).assertOk().strings()).containsExactly("greeting");

        assertThat(send(actor, 'A', id).assertOk().strings()).containsExactlyInAnyOrder(hello, world, replaced);
        byte[] size = send(actor, 'z', id).assertOk().payload();
        assertThat(ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(("hello" + "world" + "replaced").length());

        assertThat(send(actor, 'g', id, sha256("absent")).assertErr()).contains("has no content " + sha256("absent"));
        assertThat(new Stores(home).open(id).get(new ContentRef(hello))).isEqualTo(bytes("hello"));
    }

    @Test
    void storeCallsAreRecordedInTheActorsChain() throws Exception {
        ActorRef actor = runtime.spawn(
                Manifest.builder("recorded", new ComponentSource.File(guest()))
                        .addHandler("store", Map.of())
                        .build(),
                null);

        String id = send(actor, 'n').assertOk().text();
        send(actor, 's', id, "remember me").assertOk();

        List<String> calls = actor.controller().chain().stream()
                .filter(e -> e.eventType().equals("host-call"))
                .map(ChainEvent::description)
                .flatMap(Optional::stream)
                .toList();
        assertThat(calls).containsExactly("theater:simple/store#new", "theater:simple/store#store");
    }

    @Test
    void severalActorsWriteToOneStoreAtOnce() throws Exception {
        String id = new Stores(home).create().id();
        int actors = 4;
        int writes = 25;
        List<ActorRef> writers = new ArrayList<>();
        for (int a = 0; a < actors; a++) {
            writers.add(spawn("writer" + a, Map.of("stores", List.of(id))));
        }

        List<CompletableFuture<Object>> pending = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            for (int a = 0; a < actors; a++) {
                pending.add(sendAsync(writers.get(a), 'S', id, "log", "actor " + a + " entry " + i));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (ActorRef writer : writers) {
            outcome(writer).assertOk();
        }
        ContentStore store = new Stores(home).open(id);
        Set<ContentRef> expected = new HashSet<>();
        for (int a = 0; a < actors; a++) {
            for (int i = 0; i < writes; i++) {
                expected.add(ContentRef.of(bytes("actor " + a + " entry " + i)));
            }
        }
        assertThat(store.labelContents("log")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.contents()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.verify()).isEmpty();
        // Each writer's own entries keep their order in the label.
        List<ContentRef> log = store.labelContents("log");
        for (int a = 0; a < actors; a++) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                positions.add(log.indexOf(ContentRef.of(bytes("actor " + a + " entry " + i))));
            }
            assertThat(positions).isSorted();
        }
    }

    @Test
    void anActorIsRefusedAStoreItWasNotGivenUntilAHolderPassesIt() throws Exception {
        ActorRef owner = spawn("owner", Map.of());
        ActorRef stranger = spawn("stranger", Map.of());
        String id = send(owner, 'n').assertOk().text();
        String secret = send(owner, 's', id, "secret").assertOk().text();

        assertThat(send(stranger, 'g', id, secret).assertErr())
                .contains("actor 'stranger' (" + stranger.id() + ") may not use store '" + id + "'");
        assertThat(send(stranger, 's', id, "graffiti").assertErr()).contains("may not use store");
        assertThat(send(stranger, 'L', id).assertErr()).contains("may not use store");

        factory.grants().pass(owner.id(), stranger.id(), id);

        assertThat(send(stranger, 'g', id, secret).assertOk().text()).isEqualTo("secret");
    }

    @Test
    void aStoreGivenInTheManifestIsUsable() throws Exception {
        ContentStore store = new Stores(home).create();
        ContentRef ref = store.putAtLabel("config", bytes("{\"answer\":42}"));
        ActorRef actor = spawn("reader", Map.of("stores", List.of(store.id())));

        assertThat(send(actor, 'b', store.id(), "config").assertOk().text()).isEqualTo("\u0001" + ref.hash());
        assertThat(send(actor, 'g', store.id(), ref.hash()).assertOk().text()).isEqualTo("{\"answer\":42}");
    }

    @Test
    void limitsFromTheManifestAreRefusalsNamingTheLimit() throws Exception {
        ActorRef actor = spawn("small", Map.of("max_content_size", "8B", "max_store_size", "12"));
        String id = send(actor, 'n').assertOk().text();

        assertThat(send(actor, 's', id, "123456789").assertErr()).contains("exceeds max_content_size = 8");
        send(actor, 's', id, "12345678").assertOk();
        assertThat(send(actor, 's', id, "abcdefgh").assertErr()).contains("exceeds max_store_size = 12");
    }

    @Test
    void aCorruptedContentFileIsReportedToTheGuest() throws Exception {
        ActorRef actor = spawn("victim", Map.of());
        String id = send(actor, 'n').assertOk().text();
        String ref = send(actor, 's', id, "pristine").assertOk().text();
        Files.write(new Stores(home).open(id).contentPath(new ContentRef(ref)), bytes("tampered"));

        String error = send(actor, 'g', id, ref).assertErr();

        assertThat(error).contains("content " + ref + " is corrupt").doesNotContain("tampered");
    }

    // ---- deploying from a store ----

    @Test
    void anActorSpawnedFromAStoreComponentReferenceRuns() throws Exception {
        ContentStore store = new Stores(home).create();
        ContentRef wasm = store.put(Files.readAllBytes(guest()));
        ContentRef initState = store.put(bytes("\u0000initial"));
        Path manifest = home.resolve("deployed.toml");
        Files.writeString(manifest, """
                name = "deployed"
                component = "store:%s/%s"
                init_state = "store:%s/%s"
                save_chain = false

                [[handler]]
                type = "store"
                """.formatted(store.id(), wasm.hash(), store.id(), initState.hash()));

        ActorRef actor = runtime.spawn(manifest);

        assertThat(outcome(actor).assertOk().text()).isEqualTo("initial");
        String id = send(actor, 'n').assertOk().text();
        assertThat(send(actor, 's', id, "it runs").assertOk().text()).isEqualTo(sha256("it runs"));
    }

    @Test
    void spawningFromAMissingStoreEntryFailsNamingTheReference() throws Exception {
        ContentStore store = new Stores(home).create();
        String missing = sha256("not stored");
        Manifest manifest = Manifest.builder("ghost", new ComponentSource.StoreRef(store.id(), missing))
                .build();

        assertThatThrownBy(() -> runtime.spawn(manifest, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("store:" + store.id() + "/" + missing)
                .hasMessageContaining("has no content " + missing);
    }

    @Test
    void spawningFromACorruptStoreEntryFailsAndRunsNothing() throws Exception {
        ContentStore store = new Stores(home).create();
        ContentRef wasm = store.put(Files.readAllBytes(guest()));
        byte[] damaged = Files.readAllBytes(guest());
        damaged[damaged.length - 1] ^= 1;
        Files.write(store.contentPath(wasm), damaged);
        Manifest manifest = Manifest.builder("tampered", new ComponentSource.StoreRef(store.id(), wasm.hash()))
                .build();

        assertThatThrownBy(() -> runtime.spawn(manifest, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("is corrupt");
        assertThat(runtime.list()).isEmpty();
    }
}

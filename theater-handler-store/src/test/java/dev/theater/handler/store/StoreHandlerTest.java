package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.internal.FunctionLinker;
import dev.theater.runtime.internal.ManifestHandlerConfig;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HostFunction;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.wit.WitLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host functions as the runtime calls them: Java values of the WIT types in, {@code result} values out. */
class StoreHandlerTest {
    @TempDir
    Path home;

    StoreHandlerFactory factory;

    @BeforeEach
    void factory() {
        factory = new StoreHandlerFactory();
    }

    /** One actor's store handler, linked and started. */
    final class Actor {
        final ActorId id = ActorId.random();
        final Map<String, HostFunction> functions = new HashMap<>();
        final Handler handler;

        Actor(Map<String, Object> config) {
            handler = factory.create(config(config), context());
            FunctionLinker.Collecting linker =
                    new FunctionLinker.Collecting("store", WitLibrary.builtin(), factory.provides());
            handler.link(linker);
            assertThat(linker.functions())
                    .allSatisfy((key, f) -> assertThat(key).startsWith("theater:simple/store#"));
            functions.putAll(linker.functions("theater:simple/store"));
            handler.start(executor(id), null, null);
        }

        WitResult<?, ?> call(String function, Object... args) {
            return (WitResult<?, ?>) functions.get(function).call(List.of(args));
        }

        /** The ok payload, failing the test with the error otherwise. */
        Object ok(String function, Object... args) {
            WitResult<?, ?> result = call(function, args);
            assertThat(result.isOk()).as("%s: %s", function, result.value()).isTrue();
            return result.value();
        }

        String err(String function, Object... args) {
            WitResult<?, ?> result = call(function, args);
            assertThat(result.isOk()).as("%s should fail", function).isFalse();
            return (String) result.value();
        }

        String newStore() {
            return (String) ok("new");
        }
    }

    Actor actor() {
        return new Actor(Map.of());
    }

    ManifestHandlerConfig config(Map<String, Object> values) {
        return new ManifestHandlerConfig("tester", "store", home.resolve("tester.toml"), values);
    }

    /** The runtime services of a handler outside a runtime: only the home is used. */
    HandlerContext context() {
        return new HandlerContext() {
            @Override
            public ActorId actorId() {
                return ActorId.random();
            }

            @Override
            public Path runtimeHome() {
                return home;
            }

            @Override
            public ActorTree actorTree() {
                throw new UnsupportedOperationException("no actor tree outside a runtime");
            }
        };
    }

    static ActorExecutor executor(ActorId id) {
        return new ActorExecutor() {
            @Override
            public ActorId id() {
                return id;
            }

            @Override
            public CompletableFuture<Object> call(String function, List<Object> params) {
                throw new UnsupportedOperationException("the store handler calls no export");
            }

            @Override
            public CompletableFuture<Void> saveChain() {
                throw new UnsupportedOperationException("the store handler saves no chain");
            }
        };
    }

    static WitRecord ref(String hash) {
        return new WitRecord(Map.of("hash", hash));
    }

    static String hash(Object contentRef) {
        return (String) ((WitRecord) contentRef).get("hash");
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void theHandlerProvidesTheStoreInterfaceAndBindsAllFourteenFunctions() {
        Actor actor = actor();

        assertThat(actor.handler.imports()).containsExactly("theater:simple/store");
        assertThat(actor.handler.exports()).isEmpty();
        assertThat(actor.functions.keySet())
                .containsExactlyInAnyOrder(
                        "new",
                        "store",
                        "get",
                        "exists",
                        "label",
                        "get-by-label",
                        "remove-label",
                        "remove-from-label",
                        "store-at-label",
                        "replace-content-at-label",
                        "replace-at-label",
                        "list-labels",
                        "list-all-content",
                        "calculate-total-size");
        assertThat(factory.provides()).containsExactly("theater:simple/store");
    }

    @Test
    void everyFunctionWorks() {
        Actor actor = actor();
        String id = actor.newStore();
        assertThat(id).matches("[0-9a-f]{32}");

        Object hello = actor.ok("store", id, bytes("hello"));
        assertThat(hash(hello)).isEqualTo(ContentRef.of(bytes("hello")).hash());
        assertThat(actor.ok("get", id, hello)).isEqualTo(bytes("hello"));
        assertThat(actor.ok("exists", id, hello)).isEqualTo(true);
        assertThat(actor.ok("exists", id, ref(ContentRef.of(bytes("nope")).hash())))
                .isEqualTo(false);

        assertThat(actor.ok("label", id, "greeting", hello)).isNull();
        assertThat(actor.ok("get-by-label", id, "greeting")).isEqualTo(Optional.of(hello));
        assertThat(actor.ok("get-by-label", id, "nothing")).isEqualTo(Optional.empty());

        Object world = actor.ok("store-at-label", id, "greeting", bytes("world"));
        assertThat(actor.ok("get-by-label", id, "greeting")).isEqualTo(Optional.of(world));
        assertThat(actor.ok("remove-from-label", id, "greeting", world)).isNull();
        assertThat(actor.ok("get-by-label", id, "greeting")).isEqualTo(Optional.of(hello));

        Object replaced = actor.ok("replace-content-at-label", id, "greeting", bytes("replaced"));
        assertThat(actor.ok("get-by-label", id, "greeting")).isEqualTo(Optional.of(replaced));
        assertThat(actor.ok("replace-at-label", id, "greeting", hello)).isNull();
        assertThat(actor.ok("get-by-label", id, "greeting")).isEqualTo(Optional.of(hello));

        actor.ok("label", id, "another", world);
        assertThat(actor.ok("list-labels", id)).isEqualTo(List.of("another", "greeting"));
        assertThat(actor.ok("remove-label", id, "another")).isNull();
        assertThat(actor.ok("list-labels", id)).isEqualTo(List.of("greeting"));

        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) actor.ok("list-all-content", id);
        assertThat(all).containsExactlyInAnyOrder(hello, world, replaced);
        assertThat(actor.ok("calculate-total-size", id)).isEqualTo((long) ("hello" + "world" + "replaced").length());
    }

    @Test
    void anActorIsRefusedAStoreItWasNotGiven() {
        Actor owner = actor();
        Actor stranger = actor();
        String id = owner.newStore();
        Object ref = owner.ok("store", id, bytes("private"));

        for (String message : List.of(
                stranger.err("get", id, ref),
                stranger.err("store", id, bytes("intrusion")),
                stranger.err("list-labels", id),
                stranger.err("calculate-total-size", id))) {
            assertThat(message)
                    .contains("actor 'tester' (" + stranger.id + ") may not use store '" + id + "'")
                    .contains("new()")
                    .contains("stores = [...]")
                    .contains("passed it on");
        }
        assertThat(new Stores(home).open(id).contents()).hasSize(1);
    }

    @Test
    void somethingThatIsNotAStoreIdIsRefusedLikeAStoreNotGiven() {
        Actor actor = actor();

        assertThat(actor.err("list-labels", "../../etc")).contains("may not use store '../../etc'");
        assertThat(actor.err("store", "", bytes("x"))).contains("may not use store ''");
    }

    @Test
    void aStoreListedInTheManifestIsGiven() {
        String id = new Stores(home).create().id();
        Actor actor = new Actor(Map.of("stores", List.of(id)));

        Object ref = actor.ok("store", id, bytes("allowed"));
        assertThat(actor.ok("get", id, ref)).isEqualTo(bytes("allowed"));
    }

    @Test
    void aStorePassedByAnActorThatHoldsItIsGiven() {
        Actor owner = actor();
        Actor friend = actor();
        String id = owner.newStore();

        factory.grants().pass(owner.id, friend.id, id);

        assertThat(friend.ok("store", id, bytes("shared"))).isNotNull();
    }

    @Test
    void aStoreIdWrittenInAMessageIsPassedWithIt() {
        Actor owner = actor();
        Actor friend = actor();
        String id = owner.newStore();
        String forged = "0123456789abcdef0123456789abcdef";

        assertThat(factory.grants().passIn(owner.id, friend.id, bytes("{\"store\":\"" + id + "\",\"x\":\"" + forged)))
                .containsExactly(id);

        assertThat(friend.ok("list-labels", id)).isEqualTo(List.of());
        assertThat(factory.grants().held(friend.id)).containsExactly(id);
    }

    @Test
    void anActorCannotPassAStoreItDoesNotHold() {
        Actor owner = actor();
        Actor thief = actor();
        Actor accomplice = actor();
        String id = owner.newStore();

        assertThatThrownBy(() -> factory.grants().pass(thief.id, accomplice.id, id))
                .isInstanceOf(StoreException.AccessDenied.class)
                .hasMessageContaining("does not hold that store");
        assertThat(factory.grants().passIn(thief.id, accomplice.id, bytes(id))).isEmpty();
        assertThat(accomplice.err("list-labels", id)).contains("may not use store");
    }

    @Test
    void closingTheHandlerReleasesTheActorsStores() {
        Actor actor = actor();
        String id = actor.newStore();

        actor.handler.close();

        assertThat(factory.grants().held(actor.id)).isEmpty();
        assertThat(new Stores(home).exists(id)).as("the store itself stays").isTrue();
    }

    @Test
    void aMalformedContentReferenceIsAnErrorNamingTheRule() {
        Actor actor = actor();
        String id = actor.newStore();

        assertThat(actor.err("get", id, ref("../../secret")))
                .startsWith("theater:simple/store#get: ")
                .contains("'../../secret' is not a content reference");
    }

    @Test
    void getOfCorruptContentIsAnErrorAndNeverReturnsTheBytes() throws Exception {
        Actor actor = actor();
        String id = actor.newStore();
        Object ref = actor.ok("store", id, bytes("original"));
        Files.write(new Stores(home).open(id).contentPath(new ContentRef(hash(ref))), bytes("tampered"));

        assertThat(actor.err("get", id, ref)).contains("is corrupt").contains(hash(ref));
    }

    @Test
    void errorsOfMissingContentNameTheReference() {
        Actor actor = actor();
        String id = actor.newStore();
        String missing = ContentRef.of(bytes("missing")).hash();

        assertThat(actor.err("get", id, ref(missing))).contains("has no content " + missing);
        assertThat(actor.err("label", id, "l", ref(missing))).contains("has no content " + missing);
        assertThat(actor.err("replace-at-label", id, "l", ref(missing))).contains("has no content " + missing);
    }

    // ---- limits ----

    @Test
    void maxContentSizeFromTheManifestRefusesLargerContentNamingTheLimit() {
        Actor actor = new Actor(Map.of("max_content_size", "1KiB"));
        String id = actor.newStore();

        assertThat(actor.ok("store", id, new byte[1024])).isNotNull();
        for (String function : List.of("store", "store-at-label", "replace-content-at-label")) {
            Object[] args = function.equals("store")
                    ? new Object[] {id, new byte[1025]}
                    : new Object[] {id, "l", new byte[1025]};
            assertThat(actor.err(function, args))
                    .contains("1025 bytes exceeds max_content_size = 1KiB")
                    .contains("max_content_size in the [[handler]] type = \"store\" table of tester.toml");
        }
    }

    @Test
    void maxStoreSizeFromTheManifestRefusesAWriteThatWouldExceedItNamingTheLimit() {
        Actor actor = new Actor(Map.of("max_store_size", 10L));
        String id = actor.newStore();
        actor.ok("store", id, bytes("123456"));

        assertThat(actor.err("store", id, bytes("abcdef")))
                .contains("exceeds max_store_size = 10")
                .contains("tester.toml");
        assertThat(actor.ok("calculate-total-size", id)).isEqualTo(6L);
    }

    @Test
    void maxContentSizeDefaultsToSixteenMebibytes() {
        Actor actor = actor();
        String id = actor.newStore();

        assertThat(actor.err("store", id, new byte[(16 << 20) + 1])).contains("max_content_size = 16MiB");
    }

    // ---- manifest configuration ----

    @Test
    void anUnknownManifestKeyIsRefusedWithAHint() {
        assertThatThrownBy(() -> factory.create(config(Map.of("max_contents_size", "1KiB")), context()))
                .isInstanceOf(HandlerConfigException.class)
                .hasMessageContaining("'max_contents_size'")
                .hasMessageContaining("did you mean 'max_content_size'");
    }

    @Test
    void aSizeThatIsNotASizeIsRefusedNamingTheKeyAndTheForm() {
        assertThatThrownBy(() -> factory.create(config(Map.of("max_store_size", "lots")), context()))
                .isInstanceOfSatisfying(
                        HandlerConfigException.class, e -> assertThat(e.key()).isEqualTo("max_store_size"))
                .hasMessageContaining("tester.toml")
                .hasMessageContaining("\"16MiB\"");
        // One size parser for manifests and handler tables: its message names the bad value and the right case.
        assertThatThrownBy(() -> factory.create(config(Map.of("max_content_size", "16mib")), context()))
                .hasMessageContaining("\"16mib\"")
                .hasMessageContaining("did you mean \"16MiB\"");
        assertThatThrownBy(() -> factory.create(config(Map.of("max_content_size", -1L)), context()))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void aManifestListingAStoreThatDoesNotExistIsRefused() {
        String missing = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> factory.create(config(Map.of("stores", List.of(missing))), context()))
                .isInstanceOfSatisfying(
                        HandlerConfigException.class, e -> assertThat(e.key()).isEqualTo("stores"))
                .hasMessageContaining("no such store exists")
                .hasMessageContaining(missing);
        assertThatThrownBy(() -> factory.create(config(Map.of("stores", List.of("../x"))), context()))
                .hasMessageContaining("'../x', which is not a store id");
    }

    // ---- deploying from a store ----

    @Test
    void theContentResolverReadsAStoreEntryAndChecksItsHash() throws Exception {
        ContentStore store = new Stores(home).create();
        ContentRef ref = store.put(bytes("wasm bytes"));

        assertThat(factory.contentResolver().orElseThrow().resolve(home, store.id(), ref.hash()))
                .isEqualTo(bytes("wasm bytes"));

        Files.write(store.contentPath(ref), bytes("evil bytes"));
        assertThatThrownBy(() -> factory.contentResolver().orElseThrow().resolve(home, store.id(), ref.hash()))
                .hasMessageContaining("corrupt");
    }
}

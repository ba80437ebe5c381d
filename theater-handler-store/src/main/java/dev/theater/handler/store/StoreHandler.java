package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store handler of one actor: binds every function of {@code theater:simple/store}, checks each store id against
 * the actor's capabilities, and turns refusals and failures into {@code err(message)} for the guest.
 */
final class StoreHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHandler.class);

    /** A host function body: returns the ok payload, or throws what becomes {@code err}. */
    @FunctionalInterface
    private interface Body<T> {
        T call();
    }

    /** The WIT record {@code content-ref}: the SHA-256 of a content, 64 lowercase hex digits. */
    record Ref(String hash) {}

    private final String actorName;
    private final String manifestFile;
    private final Stores stores;
    private final StoreGrants grants;
    private final List<String> given;
    private final ConcurrentHashMap<String, ContentStore> open = new ConcurrentHashMap<>();
    private volatile ActorId actor;

    StoreHandler(HandlerConfig config, Stores stores, StoreGrants grants, List<String> given) {
        requireNonNull(config, "config is null");
        this.actorName = config.actorName();
        this.manifestFile = String.valueOf(config.manifest().getFileName());
        this.stores = requireNonNull(stores, "stores is null");
        this.grants = requireNonNull(grants, "grants is null");
        this.given = List.copyOf(requireNonNull(given, "given is null"));
    }

    @Override
    public Set<String> imports() {
        return Set.of(StoreHandlerFactory.INTERFACE);
    }

    @HostCall("new")
    WitResult<String, String> create() {
        return result("new", () -> {
            ActorId self = self();
            ContentStore store = stores.create();
            open.put(store.id(), store);
            grants.grant(self, store.id());
            LOG.debug("actor '{}' ({}) created store {}", actorName, self, store.id());
            return store.id();
        });
    }

    @HostCall
    WitResult<Ref, String> store(String storeId, byte[] content) {
        return result("store", () -> ref(store(storeId).put(content)));
    }

    @HostCall
    WitResult<byte[], String> get(String storeId, Ref contentRef) {
        return result("get", () -> store(storeId).get(ref(contentRef)));
    }

    @HostCall
    WitResult<Boolean, String> exists(String storeId, Ref contentRef) {
        return result("exists", () -> store(storeId).exists(ref(contentRef)));
    }

    @HostCall
    WitResult<Void, String> label(String storeId, String label, Ref contentRef) {
        return result("label", () -> {
            store(storeId).label(label, ref(contentRef));
            return null;
        });
    }

    @HostCall
    WitResult<Optional<Ref>, String> getByLabel(String storeId, String label) {
        return result("get-by-label", () -> store(storeId).getByLabel(label).map(StoreHandler::ref));
    }

    @HostCall
    WitResult<Void, String> removeLabel(String storeId, String label) {
        return result("remove-label", () -> {
            store(storeId).removeLabel(label);
            return null;
        });
    }

    @HostCall
    WitResult<Void, String> removeFromLabel(String storeId, String label, Ref contentRef) {
        return result("remove-from-label", () -> {
            store(storeId).removeFromLabel(label, ref(contentRef));
            return null;
        });
    }

    @HostCall
    WitResult<Ref, String> storeAtLabel(String storeId, String label, byte[] content) {
        return result("store-at-label", () -> ref(store(storeId).putAtLabel(label, content)));
    }

    @HostCall
    WitResult<Ref, String> replaceContentAtLabel(String storeId, String label, byte[] content) {
        return result("replace-content-at-label", () -> ref(store(storeId).replaceContentAtLabel(label, content)));
    }

    @HostCall
    WitResult<Void, String> replaceAtLabel(String storeId, String label, Ref contentRef) {
        return result("replace-at-label", () -> {
            store(storeId).replaceAtLabel(label, ref(contentRef));
            return null;
        });
    }

    @HostCall
    WitResult<List<String>, String> listLabels(String storeId) {
        return result("list-labels", () -> store(storeId).labels());
    }

    @HostCall
    WitResult<List<Ref>, String> listAllContent(String storeId) {
        return result(
                "list-all-content",
                () -> store(storeId).contents().stream().map(StoreHandler::ref).toList());
    }

    @HostCall
    WitResult<Long, String> calculateTotalSize(String storeId) {
        return result("calculate-total-size", () -> store(storeId).totalSize());
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        ActorId id = executor.id();
        for (String storeId : given) {
            grants.grant(id, storeId);
        }
        actor = id;
    }

    @Override
    public void close() {
        ActorId id = actor;
        if (id != null) {
            grants.release(id);
        }
        open.clear();
    }

    private <T> WitResult<T, String> result(String function, Body<T> body) {
        String name = StoreHandlerFactory.INTERFACE + "#" + function;
        try {
            return WitResult.ok(body.call());
        } catch (StoreException e) {
            return WitResult.err(name + ": " + e.getMessage() + hint(e));
        } catch (IllegalArgumentException e) {
            return WitResult.err(name + ": " + e.getMessage());
        }
    }

    private String hint(StoreException e) {
        if (e instanceof StoreException.LimitExceeded limit) {
            return "; the limit is set by " + limit.limit() + " in the [[handler]] type = \"" + StoreHandlerFactory.ID
                    + "\" table of " + manifestFile + " (actor '" + actorName + "')";
        }
        return "";
    }

    /** Passes access to every store this actor holds whose id the message carries (docs/store.md). */
    @Override
    public void messageSent(ActorId recipient, byte[] payload) {
        ActorId self = actor;
        if (self != null) {
            grants.passIn(self, recipient, payload);
        }
    }

    private ActorId self() {
        ActorId id = actor;
        if (id == null) {
            throw new IllegalStateException("the store handler of actor '" + actorName + "' was called before the"
                    + " runtime started it; the runtime must call Handler.start before any host call");
        }
        return id;
    }

    /** The store {@code id}, if this actor holds it. */
    private ContentStore store(String id) {
        ActorId self = self();
        if (!grants.holds(self, id)) {
            throw new StoreException.AccessDenied(
                    id,
                    "actor '" + actorName + "' (" + self + ") may not use store '" + abbreviate(id) + "': it did not"
                            + " create it with new(), " + manifestFile + " does not list it in "
                            + StoreHandlerFactory.STORES
                            + " = [...] of its [[handler]] type = \"" + StoreHandlerFactory.ID + "\", and no actor"
                            + " that holds it passed it on");
        }
        return open.computeIfAbsent(id, stores::open);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static ContentRef ref(Ref ref) {
        return ContentRef.parse(ref.hash());
    }

    private static Ref ref(ContentRef ref) {
        return new Ref(ref.hash());
    }
}

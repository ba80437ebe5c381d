package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import java.util.List;
import java.util.Map;
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
    private interface Body {
        Object call(List<Object> args);
    }

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

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public void link(HostLinker linker) {
        bind(linker, "new", args -> {
            ActorId self = self();
            ContentStore store = stores.create();
            open.put(store.id(), store);
            grants.grant(self, store.id());
            LOG.debug("actor '{}' ({}) created store {}", actorName, self, store.id());
            return store.id();
        });
        bind(linker, "store", args -> ref(store(args, 0).put(bytes(args, 1))));
        bind(linker, "get", args -> store(args, 0).get(ref(args, 1)));
        bind(linker, "exists", args -> store(args, 0).exists(ref(args, 1)));
        bind(linker, "label", args -> {
            store(args, 0).label(string(args, 1), ref(args, 2));
            return null;
        });
        bind(linker, "get-by-label", args -> store(args, 0)
                .getByLabel(string(args, 1))
                .map(StoreHandler::ref));
        bind(linker, "remove-label", args -> {
            store(args, 0).removeLabel(string(args, 1));
            return null;
        });
        bind(linker, "remove-from-label", args -> {
            store(args, 0).removeFromLabel(string(args, 1), ref(args, 2));
            return null;
        });
        bind(linker, "store-at-label", args -> ref(store(args, 0).putAtLabel(string(args, 1), bytes(args, 2))));
        bind(
                linker,
                "replace-content-at-label",
                args -> ref(store(args, 0).replaceContentAtLabel(string(args, 1), bytes(args, 2))));
        bind(linker, "replace-at-label", args -> {
            store(args, 0).replaceAtLabel(string(args, 1), ref(args, 2));
            return null;
        });
        bind(linker, "list-labels", args -> store(args, 0).labels());
        bind(linker, "list-all-content", args -> store(args, 0).contents().stream()
                .map(StoreHandler::ref)
                .toList());
        bind(linker, "calculate-total-size", args -> store(args, 0).totalSize());
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

    private void bind(HostLinker linker, String function, Body body) {
        String name = StoreHandlerFactory.INTERFACE + "#" + function;
        linker.function(StoreHandlerFactory.INTERFACE, function, args -> {
            try {
                return WitResult.ok(body.call(args));
            } catch (StoreException e) {
                return WitResult.err(name + ": " + e.getMessage() + hint(e));
            } catch (IllegalArgumentException e) {
                return WitResult.err(name + ": " + e.getMessage());
            }
        });
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

    /** The store named by argument {@code index}, if this actor holds it. */
    private ContentStore store(List<Object> args, int index) {
        String id = string(args, index);
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

    private static String string(List<Object> args, int index) {
        return (String) args.get(index);
    }

    private static byte[] bytes(List<Object> args, int index) {
        return (byte[]) args.get(index);
    }

    private static ContentRef ref(List<Object> args, int index) {
        WitRecord record = (WitRecord) args.get(index);
        return ContentRef.parse((String) record.get("hash"));
    }

    private static WitRecord ref(ContentRef ref) {
        return new WitRecord(Map.of("hash", ref.hash()));
    }
}

package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ContentResolver;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code store} handler: gives actors the {@code theater:simple/store} interface over the stores under the
 * runtime home ({@code <home>/store}), and resolves manifest references {@code store:<store-id>/<sha256>} so actors
 * can be deployed from a store. Manifest table:
 *
 * <pre>
 * [[handler]]
 * type = "store"
 * stores = ["3f2b9c1e8d4a4e579b1a2c3d4e5f6a7b"]   # stores the actor may use besides those it creates (optional)
 * max_content_size = "16MiB"                      # largest content one write may store (default 16MiB)
 * max_store_size = "1GiB"                         # largest total a write may make a store (default: no limit)
 * </pre>
 *
 * <p>Found by {@link java.util.ServiceLoader}. The factory keeps the {@link StoreGrants} table of the actors it serves;
 * the messaging layer reaches it through {@link #grants()}.
 */
public final class StoreHandlerFactory implements HandlerFactory {
    /** The handler type manifests name. */
    public static final String ID = "store";

    /** The interface the handler provides. */
    public static final String INTERFACE = "theater:simple/store";

    /** The manifest key listing the stores an actor is given. */
    public static final String STORES = "stores";

    /** {@value StoreLimits#MAX_CONTENT_SIZE} when the manifest sets none: 16 MiB. */
    public static final long DEFAULT_MAX_CONTENT_SIZE = 16L << 20;

    private final StoreGrants grants;

    /** The factory {@link java.util.ServiceLoader} creates, with a grant table of its own. */
    public StoreHandlerFactory() {
        this(new StoreGrants());
    }

    /** A factory whose handlers record capabilities in {@code grants}. */
    public StoreHandlerFactory(StoreGrants grants) {
        this.grants = requireNonNull(grants, "grants is null");
    }

    /** Which actor holds which store; see {@link StoreGrants} for passing stores between actors. */
    public StoreGrants grants() {
        return grants;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    /** Reads {@code store:<store-id>/<sha256>} references, checking the bytes against the hash. */
    @Override
    public Optional<ContentResolver> contentResolver() {
        return Optional.of((home, storeId, contentHash) -> {
            try {
                return new Stores(home).open(storeId).get(new ContentRef(contentHash));
            } catch (StoreException | IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        requireNonNull(config, "config is null");
        config.requireOnly(STORES, StoreLimits.MAX_CONTENT_SIZE, StoreLimits.MAX_STORE_SIZE);
        StoreLimits limits = new StoreLimits(
                config.size(StoreLimits.MAX_CONTENT_SIZE).orElse(DEFAULT_MAX_CONTENT_SIZE),
                config.size(StoreLimits.MAX_STORE_SIZE).orElse(Long.MAX_VALUE));
        Stores stores = new Stores(context.runtimeHome(), limits);
        List<String> given = config.strings(STORES).orElse(List.of());
        for (String id : given) {
            if (!Stores.isStoreId(id)) {
                throw new HandlerConfigException(
                        STORES,
                        location(config) + ": " + STORES + " lists '" + id + "', which is not a store id; a store id"
                                + " is 32 lowercase hex digits, as new() and theater store put print");
            }
            if (!stores.exists(id)) {
                throw new HandlerConfigException(
                        STORES,
                        location(config) + ": " + STORES + " lists store " + id + ", but no such store exists under "
                                + stores.root() + "; create one with theater store put, or remove it from " + STORES);
            }
        }
        return new StoreHandler(config, stores, grants, given);
    }

    static String location(HandlerConfig config) {
        return config.manifest().getFileName() + ": [[handler]] type = \"" + ID + "\" of actor '" + config.actorName()
                + "'";
    }

    @Override
    public String toString() {
        return "StoreHandlerFactory[" + grants + "]";
    }
}

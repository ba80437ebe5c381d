package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores under a runtime home, {@code <home>/store/<store-id>/}: creates and opens {@link ContentStore}s. A store
 * id is 128 random bits from {@link SecureRandom} as 32 lowercase hex digits, so it cannot be guessed: the id works as
 * a capability (see {@link StoreGrants}). Thread-safe; cheap to create.
 */
public final class Stores {
    /** The directory under the runtime home that holds the stores. */
    public static final String DIRECTORY = "store";

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
    private static final Pattern STORE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final StoreLimits limits;
    private final ContentStore.WriteHook hook;

    /** The stores under {@code home}, writing without limits. */
    public Stores(Path home) {
        this(home, StoreLimits.UNLIMITED);
    }

    /** The stores under {@code home}; stores opened here enforce {@code limits} on writes. */
    public Stores(Path home, StoreLimits limits) {
        this(home, limits, ContentStore.WriteHook.NONE);
    }

    Stores(Path home, StoreLimits limits, ContentStore.WriteHook hook) {
        this.root = requireNonNull(home, "home is null").toAbsolutePath().resolve(DIRECTORY);
        this.limits = requireNonNull(limits, "limits is null");
        this.hook = requireNonNull(hook, "hook is null");
    }

    /** {@code <home>/store}. */
    public Path root() {
        return root;
    }

    /** Whether {@code text} has the form of a store id (32 lowercase hex digits). */
    public static boolean isStoreId(String text) {
        return text != null && STORE_ID.matcher(text).matches();
    }

    /**
     * Creates an empty store with a new random id. The store's directory appears whole: it is prepared under a
     * hidden name and renamed into place.
     */
    public ContentStore create() {
        String id;
        Path directory;
        while (true) {
            byte[] bits = new byte[16];
            RANDOM.nextBytes(bits);
            id = HexFormat.of().formatHex(bits);
            directory = root.resolve(id);
            Path staging = root.resolve(".new-" + id);
            try {
                Files.createDirectories(staging.resolve(ContentStore.CONTENT));
                Files.createDirectories(staging.resolve(ContentStore.TMP));
                ContentStore.forceDirectory(staging);
                Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
                ContentStore.forceDirectory(root);
                break;
            } catch (FileAlreadyExistsException e) {
                LOG.warn("store id {} is taken under {}; drawing another", id, root);
            } catch (IOException e) {
                throw new StoreException.StorageFailure(
                        id,
                        "cannot create a store under " + root + ": " + e
                                + "; check that the runtime home is writable and has free space",
                        e);
            }
        }
        LOG.debug("created store {} at {}", id, directory);
        return new ContentStore(id, directory, limits, hook);
    }

    /**
     * Opens the store {@code id}.
     *
     * @throws StoreException.NoSuchStore when {@code id} is not a store id or no such store exists here
     */
    public ContentStore open(String id) {
        requireNonNull(id, "id is null");
        if (!isStoreId(id)) {
            throw new StoreException.NoSuchStore(
                    id,
                    "'" + (id.length() > 80 ? id.substring(0, 77) + "..." : id) + "' is not a store id: a store id is"
                            + " 32 lowercase hex digits, as new() returns");
        }
        Path directory = root.resolve(id);
        if (!Files.isDirectory(directory.resolve(ContentStore.CONTENT))) {
            throw new StoreException.NoSuchStore(
                    id, "no store " + id + " exists under " + root + "; create one with new() or theater store put");
        }
        return new ContentStore(id, directory, limits, hook);
    }

    /** Whether store {@code id} exists here. */
    public boolean exists(String id) {
        return isStoreId(id) && Files.isDirectory(root.resolve(id).resolve(ContentStore.CONTENT));
    }

    /** The ids of every store here, sorted. */
    public List<String> list() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (exists(name)) {
                    ids.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException.StorageFailure("", "cannot list the stores under " + root + ": " + e, e);
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "Stores[" + root + "]";
    }
}

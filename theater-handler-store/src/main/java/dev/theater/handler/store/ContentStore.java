package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One content-addressed store with labels, kept in a directory:
 *
 * <pre>
 * &lt;dir&gt;/content/&lt;sha256-hex&gt;   the content, one file per distinct content
 * &lt;dir&gt;/labels               the label index (see docs/store.md); absent while there are no labels
 * &lt;dir&gt;/tmp/                 files being written; never read
 * &lt;dir&gt;/lock                 taken (with a JVM-wide lock) while the index changes or a size limit is checked
 * </pre>
 *
 * <p>Every write is atomic: the bytes go to a new file under {@code tmp/}, are forced to disk, then renamed into
 * place atomically and the directory is forced; a crash at any point leaves either the old file or the complete new
 * one. Temporary files left by a crashed writer are removed when the store is opened ({@link #cleanUp()}). Every read
 * checks the content against its SHA-256; damaged content is reported ({@link StoreException.Corrupt}), never
 * returned.
 *
 * <p>Thread-safe, also across instances and processes sharing the directory: content files are written without a
 * lock (two writers of the same content write the same bytes), the label index and size-limit checks are serialised
 * by a lock per store directory within this JVM plus a file lock between processes. Get one from {@link Stores}.
 */
public final class ContentStore {
    private static final Logger LOG = LoggerFactory.getLogger(ContentStore.class);

    static final String CONTENT = "content";
    static final String LABELS = "labels";
    static final String TMP = "tmp";
    static final String LOCK = "lock";
    static final String TEMP_SUFFIX = ".tmp";

    /** One lock per store directory in this JVM (a FileLock alone does not exclude threads of one JVM). */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Temporary files being written by this JVM now; {@link #cleanUp()} leaves them alone. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();

    private final String id;
    private final Path directory;
    private final Path contentDir;
    private final Path tmpDir;
    private final StoreLimits limits;
    private final ReentrantLock lock;
    private final WriteHook hook;

    /** Called between a content file's fsync and its rename into place; lets tests crash a writer there. */
    @FunctionalInterface
    interface WriteHook {
        WriteHook NONE = temp -> {};

        void beforeRename(Path temp) throws IOException;
    }

    ContentStore(String id, Path directory, StoreLimits limits, WriteHook hook) {
        this.id = requireNonNull(id, "id is null");
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        this.limits = requireNonNull(limits, "limits is null");
        this.hook = requireNonNull(hook, "hook is null");
        this.contentDir = this.directory.resolve(CONTENT);
        this.tmpDir = this.directory.resolve(TMP);
        Path key;
        try {
            key = this.directory.toRealPath();
        } catch (IOException e) {
            throw new StoreException.NoSuchStore(
                    id, "store " + id + " has no directory " + this.directory + ": " + e.getMessage());
        }
        this.lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        cleanUp();
    }

    /** The store's id: 32 lowercase hex digits, the name of its directory. */
    public String id() {
        return id;
    }

    public Path directory() {
        return directory;
    }

    /** The limits this instance enforces on writes. */
    public StoreLimits limits() {
        return limits;
    }

    /** This store seen with other limits (the same directory, lock and content). */
    public ContentStore withLimits(StoreLimits limits) {
        return new ContentStore(id, directory, limits, hook);
    }

    // ---- content ----

    /**
     * Stores {@code content} once and returns its reference. Storing content that is already there writes nothing
     * (and repairs the file if it was damaged).
     *
     * @throws StoreException.LimitExceeded when the content or the resulting store is larger than the limits
     */
    public ContentRef put(byte[] content) {
        requireNonNull(content, "content is null");
        if (content.length > limits.maxContentSize()) {
            throw new StoreException.LimitExceeded(
                    id,
                    StoreLimits.MAX_CONTENT_SIZE,
                    "store " + id + ": content of " + content.length + " bytes exceeds " + StoreLimits.MAX_CONTENT_SIZE
                            + " = " + SizeText.format(limits.maxContentSize()));
        }
        ContentRef ref = ContentRef.of(content);
        Path target = contentPath(ref);
        if (Files.isRegularFile(target)) {
            if (matches(target, ref)) {
                return ref;
            }
            LOG.warn("store {}: content file {} was corrupt; rewriting it with the stored bytes", id, target);
        }
        Path temp = writeTemp(content);
        try {
            locked("store content " + ref, () -> {
                checkStoreSize(target, content.length);
                hook.beforeRename(temp);
                moveIntoPlace(temp, target);
                return null;
            });
        } finally {
            deleteTemp(temp);
        }
        return ref;
    }

    /**
     * The content of {@code ref}, checked against its hash.
     *
     * @throws StoreException.NoSuchContent when the store does not hold it
     * @throws StoreException.Corrupt when the file's bytes no longer hash to {@code ref}
     */
    public byte[] get(ContentRef ref) {
        requireNonNull(ref, "ref is null");
        Path file = contentPath(ref);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw noSuchContent(ref);
        } catch (IOException e) {
            throw failure("read content " + ref, e);
        }
        String actual = hex(ContentRef.sha256().digest(bytes));
        if (!actual.equals(ref.hash())) {
            throw new StoreException.Corrupt(
                    id,
                    ref,
                    "store " + id + ": content " + ref + " is corrupt: its file " + file + " hashes to " + actual
                            + ", so it is not returned; store the original bytes again to repair it");
        }
        return bytes;
    }

    /** Whether the store holds content {@code ref} (a file by that name; {@link #get} checks its bytes). */
    public boolean exists(ContentRef ref) {
        requireNonNull(ref, "ref is null");
        return Files.isRegularFile(contentPath(ref));
    }

    /** Every content reference in the store, sorted. */
    public List<ContentRef> contents() {
        List<ContentRef> refs = new ArrayList<>();
        forEachContent(file -> refs.add(new ContentRef(file.getFileName().toString())));
        refs.sort((a, b) -> a.hash().compareTo(b.hash()));
        return List.copyOf(refs);
    }

    /** The total size of the store's content in bytes (each distinct content once). */
    public long totalSize() {
        long[] total = {0};
        forEachContent(file -> total[0] += sizeOf(file));
        return total[0];
    }

    /** Checks every content file against its hash; returns the damaged ones, sorted (empty when all are intact). */
    public List<ContentRef> verify() {
        List<ContentRef> corrupt = new ArrayList<>();
        for (ContentRef ref : contents()) {
            if (!matches(contentPath(ref), ref)) {
                corrupt.add(ref);
            }
        }
        return List.copyOf(corrupt);
    }

    // ---- labels ----

    /**
     * Adds {@code ref} to {@code label} as its newest content; the label is created if needed.
     *
     * @throws StoreException.NoSuchContent when the store does not hold {@code ref}
     */
    public void label(String label, ContentRef ref) {
        checkLabel(label);
        requireNonNull(ref, "ref is null");
        changeLabels("label '" + label + "'", index -> {
            requireContent(ref);
            index.add(label, ref);
            return true;
        });
    }

    /** The content added to {@code label} most recently, or empty when there is no such label. */
    public Optional<ContentRef> getByLabel(String label) {
        checkLabel(label);
        return readIndex().latest(label);
    }

    /** Every content reference of {@code label}, oldest first; empty when there is no such label. */
    public List<ContentRef> labelContents(String label) {
        checkLabel(label);
        return readIndex().contents(label);
    }

    /** Deletes {@code label} (not its content). Deleting a label that does not exist does nothing. */
    public void removeLabel(String label) {
        checkLabel(label);
        changeLabels("remove label '" + label + "'", index -> index.remove(label));
    }

    /**
     * Removes {@code ref} from {@code label} (not from the store); a label left empty is deleted. Removing content the
     * label does not hold does nothing.
     */
    public void removeFromLabel(String label, ContentRef ref) {
        checkLabel(label);
        requireNonNull(ref, "ref is null");
        changeLabels("remove " + ref + " from label '" + label + "'", index -> index.remove(label, ref));
    }

    /** Stores {@code content} and adds it to {@code label} as its newest content. */
    public ContentRef putAtLabel(String label, byte[] content) {
        checkLabel(label);
        ContentRef ref = put(content);
        label(label, ref);
        return ref;
    }

    /** Stores {@code content} and makes it the only content of {@code label}. */
    public ContentRef replaceContentAtLabel(String label, byte[] content) {
        checkLabel(label);
        ContentRef ref = put(content);
        replaceAtLabel(label, ref);
        return ref;
    }

    /**
     * Makes {@code ref} the only content of {@code label}.
     *
     * @throws StoreException.NoSuchContent when the store does not hold {@code ref}
     */
    public void replaceAtLabel(String label, ContentRef ref) {
        checkLabel(label);
        requireNonNull(ref, "ref is null");
        changeLabels("replace label '" + label + "'", index -> {
            requireContent(ref);
            index.replace(label, ref);
            return true;
        });
    }

    /** Every label, sorted. */
    public List<String> labels() {
        return readIndex().labels();
    }

    // ---- recovery ----

    /**
     * Removes temporary files left by writers that died between writing and renaming (a crashed JVM, a killed
     * process): files in {@code tmp/} of a process that no longer runs, or of this JVM but no longer being written.
     * Runs when the store is opened. Returns how many it removed.
     */
    public int cleanUp() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir, "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                if (abandoned(file)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw failure("clean up " + tmpDir, e);
        }
        if (removed > 0) {
            LOG.info("store {}: removed {} temporary file(s) left by interrupted writes in {}", id, removed, tmpDir);
        }
        return removed;
    }

    private static boolean abandoned(Path file) {
        if (IN_FLIGHT.contains(file.toAbsolutePath())) {
            return false;
        }
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        long pid;
        try {
            pid = Long.parseLong(name.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return true;
        }
        return pid == PID || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    // ---- internals ----

    Path contentPath(ContentRef ref) {
        return contentDir.resolve(ref.hash());
    }

    Path labelsPath() {
        return directory.resolve(LABELS);
    }

    Path tmpDirectory() {
        return tmpDir;
    }

    private static void checkLabel(String label) {
        requireNonNull(label, "label is null");
        if (label.isEmpty()) {
            throw new IllegalArgumentException("a label must not be empty; name it, e.g. \"latest\"");
        }
    }

    private void requireContent(ContentRef ref) {
        if (!exists(ref)) {
            throw noSuchContent(ref);
        }
    }

    private StoreException.NoSuchContent noSuchContent(ContentRef ref) {
        return new StoreException.NoSuchContent(
                id,
                ref,
                "store " + id + " has no content " + ref + "; store the content first (store returns its"
                        + " reference), or check the reference");
    }

    private void checkStoreSize(Path target, long adding) throws IOException {
        if (limits.maxStoreSize() == Long.MAX_VALUE || Files.isRegularFile(target)) {
            return;
        }
        long total = totalSize();
        if (total + adding > limits.maxStoreSize()) {
            throw new StoreException.LimitExceeded(
                    id,
                    StoreLimits.MAX_STORE_SIZE,
                    "store " + id + ": storing " + adding + " more bytes would make it " + (total + adding)
                            + " bytes, which exceeds " + StoreLimits.MAX_STORE_SIZE + " = "
                            + SizeText.format(limits.maxStoreSize()));
        }
    }

    private static boolean matches(Path file, ContentRef ref) {
        MessageDigest digest = ContentRef.sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            return false;
        }
        return hex(digest.digest()).equals(ref.hash());
    }

    private void forEachContent(Consumer<Path> action) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(contentDir)) {
            for (Path file : files) {
                if (ContentRef.isHash(file.getFileName().toString()) && Files.isRegularFile(file)) {
                    action.accept(file);
                }
            }
        } catch (IOException e) {
            throw failure("list " + contentDir, e);
        }
    }

    private long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw failure("read the size of " + file, e);
        }
    }

    private LabelIndex readIndex() {
        Path file = labelsPath();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return LabelIndex.empty();
        } catch (IOException e) {
            throw failure("read the label index " + file, e);
        }
        try {
            return LabelIndex.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new StoreException.Corrupt(
                    id,
                    null,
                    "store " + id + ": the label index " + file + " is corrupt: " + e.getMessage()
                            + "; restore it from a backup, or delete it to drop every label (content is kept)");
        }
    }

    private void changeLabels(String what, Predicate<LabelIndex> change) {
        locked(what, () -> {
            LabelIndex index = readIndex();
            if (change.test(index)) {
                Path temp = writeTemp(index.encode());
                try {
                    moveIntoPlace(temp, labelsPath());
                } finally {
                    deleteTemp(temp);
                }
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Action<T> {
        T run() throws IOException;
    }

    private <T> T locked(String what, Action<T> action) {
        lock.lock();
        try (FileChannel channel =
                FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock fileLock = channel.lock();
            try {
                return action.run();
            } finally {
                fileLock.release();
            }
        } catch (IOException e) {
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code bytes} to a new file under {@code tmp/} and forces it to disk. */
    private Path writeTemp(byte[] bytes) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temp = tmpDir.resolve(PID + "." + hex(random) + TEMP_SUFFIX);
        IN_FLIGHT.add(temp);
        try {
            Files.createDirectories(tmpDir);
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return temp;
        } catch (IOException e) {
            deleteTemp(temp);
            throw failure("write " + temp, e);
        }
    }

    private void deleteTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("store {}: cannot delete temporary file {}: {}", id, temp, e.getMessage());
        } finally {
            IN_FLIGHT.remove(temp);
        }
    }

    /** Renames {@code temp} over {@code target} atomically, then forces the directory so the rename is durable. */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of " + target.getParent() + " cannot rename atomically, which the store needs"
                            + " to never show partial content; put the runtime home on a local file system",
                    e);
        }
        forceDirectory(target.getParent());
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
            if (System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    private StoreException.StorageFailure failure(String what, IOException e) {
        return new StoreException.StorageFailure(
                id,
                "store " + id + ": cannot " + what + ": " + e
                        + "; check that the runtime home is writable and has free space",
                e);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "ContentStore[" + id + " at " + directory + "]";
    }
}

package dev.theater.chain;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the events of one chain to its file. The one way to persist a chain: subscribe a writer to the {@link
 * Chain} ({@code chain.subscribe(chain.length(), writer)}) and it writes every event as it is appended, in order.
 *
 * <p><b>The head file.</b> After forcing the file, {@link #sync()} and {@link #close()} record the number of events
 * and the hash of the last one in the chain's head file ({@link ChainHead}), so that a verifier can tell a chain
 * whose last whole events were cut off from one that never had them.
 *
 * <p><b>Durability.</b> Each {@link #append} hands the complete record to the operating system with {@code write}
 * calls before it returns (no buffering in the JVM), so an appended event survives the JVM dying (crash, {@code kill
 * -9}, out of memory). It survives the machine dying (power loss, kernel panic) only after {@link #sync()} or
 * {@link #close()}, which force the file to the storage device (and, the first time for a file this writer
 * created, its directory entry). {@link #create} itself forces nothing, so spawning an actor costs no fsync: a new
 * chain is durable from its first {@code sync()} or {@code close()} on, like every event in it. A crash can therefore lose the events after the last sync and leave an incomplete last
 * record, a torn tail, which readers report and appends refuse (see {@link #openForAppend}).
 *
 * <p><b>One writer per file.</b> A writer holds an exclusive {@link FileLock} on its file while open: a second
 * writer in the same JVM, or in another process that also locks, fails to open. (File locks are advisory, and on
 * POSIX systems closing any other channel this JVM has open on the same file drops the lock; the in-JVM check
 * always holds.)
 *
 * <p><b>Failure.</b> If a write fails, the writer tries to cut the partial record off the file and refuses every
 * later append; the chain in memory then has events the file lacks, which the runtime must treat as a failure of the
 * actor. Methods are thread-safe.
 *
 * <p><b>Interrupts.</b> A {@link FileChannel} closes itself when a thread blocked in it, or entering it, is
 * interrupted, which would end the file for every later event. {@link #append}, {@link #sync()} and {@link #close()}
 * therefore hold the calling thread's interrupt status back while they use the file and restore it afterwards: an
 * actor thread that is being interrupted (to stop its guest) still records its events.
 */
public final class ChainWriter implements Consumer<ChainEvent>, Closeable {
    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final FileChannel channel;
    private long nextSeq;
    private byte[] headHash;
    private long size;
    private boolean closed;
    private IOException failure;

    /** True for a file this writer created until its directory entry has been forced (at the first sync or close). */
    private boolean directoryEntryPending;

    private ChainWriter(Path file, FileChannel channel, long nextSeq, byte[] headHash, long size) {
        this.file = requireNonNull(file, "file is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.nextSeq = nextSeq;
        this.headHash = requireNonNull(headHash, "headHash is null");
        this.size = size;
    }

    /**
     * Creates a new, empty chain file (and its parent directories) and opens it for append; the next event must be
     * seq 0.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists: continue it with {@link
     *     #openForAppend} or choose another path
     */
    public static ChainWriter create(Path file) throws IOException {
        requireNonNull(file, "file is null");
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE);
        try {
            lock(channel, file);
            Files.deleteIfExists(ChainHead.fileFor(file)); // left by an earlier chain of the same name
            writeFully(channel, ByteBuffer.wrap(ChainFile.header()));
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(channel, e);
            Files.deleteIfExists(file);
            throw e;
        }
        log.debug("created chain file {}", file);
        ChainWriter writer = new ChainWriter(file, channel, 0, ChainEvents.zeroHash(), ChainFile.HEADER_BYTES);
        writer.directoryEntryPending = true;
        return writer;
    }

    /**
     * Opens an existing chain file to append to it, after verifying all of it; the next event must continue its
     * chain ({@link #length()}, {@link #headHash()}).
     *
     * @throws ChainFileException when the file does not verify, with {@link VerifyResult.Problem#TORN_TAIL} when it
     *     ends with an incomplete record: nothing is appended after it unless {@link #truncateTornTail} cuts it off
     *     first
     * @throws java.nio.file.NoSuchFileException when the file does not exist: use {@link #create}
     */
    public static ChainWriter openForAppend(Path file) throws IOException {
        requireNonNull(file, "file is null");
        ChainVerifier.FileCheck check = ChainVerifier.verifyFile(file);
        if (check.result() instanceof VerifyResult.Broken broken) {
            String advice = broken.problem() == VerifyResult.Problem.TORN_TAIL
                    ? "refusing to append after an incomplete record; if the events before it are the ones you"
                            + " expect, cut it off with ChainWriter.truncateTornTail and open the file again"
                    : "refusing to append to a damaged or modified chain; keep the file for inspection and"
                            + " start a new chain file";
            throw new ChainFileException(file, broken, advice);
        }
        VerifyResult.Intact intact = (VerifyResult.Intact) check.result();
        FileChannel channel = FileChannel.open(file, WRITE);
        try {
            lock(channel, file);
            long actualSize = channel.size();
            if (actualSize != check.length()) {
                throw new IOException("chain file " + file + " changed while it was being opened for append ("
                        + check.length() + " bytes verified, " + actualSize + " bytes now): another program"
                        + " is writing it; stop it and open the file again");
            }
            channel.position(actualSize);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
        log.debug(
                "opened chain file {} for append after {} events, head {}", file, intact.count(), intact.headHashHex());
        return new ChainWriter(file, channel, intact.count(), intact.headHash(), check.length());
    }

    /**
     * Cuts an incomplete last record off a chain file, so that it can be opened for append again; does nothing to a
     * file without one. A file cut inside its header is reset to an empty chain. Only the structure of the
     * records before it is checked here; {@link #openForAppend} verifies their hashes.
     *
     * @return the record that was cut off, or empty when there was none
     * @throws ChainFileException when the file is damaged other than at its tail: nothing is cut
     */
    public static Optional<TornTail> truncateTornTail(Path file) throws IOException {
        requireNonNull(file, "file is null");
        Optional<TornTail> torn;
        try (ChainFileScanner scanner = ChainFileScanner.open(file)) {
            scanner.skipToEnd();
            torn = scanner.tornTail();
        }
        if (torn.isEmpty()) {
            return torn;
        }
        TornTail tail = torn.get();
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            lock(channel, file);
            if (channel.size() != tail.endOffset()) {
                throw new IOException("chain file " + file + " changed while its torn tail was being cut ("
                        + tail.endOffset() + " bytes read, " + channel.size() + " bytes now): another program"
                        + " is writing it; stop it and try again");
            }
            if (tail.inHeader()) {
                channel.truncate(0);
                ByteBuffer header = ByteBuffer.wrap(ChainFile.header());
                while (header.hasRemaining()) {
                    channel.write(header, header.position());
                }
            } else {
                channel.truncate(tail.offset());
            }
            channel.force(true);
        }
        log.warn(
                "cut {} bytes of an incomplete last record (seq {}) off chain file {} at byte {}",
                tail.presentBytes(),
                tail.seq(),
                file,
                tail.offset());
        return torn;
    }

    /**
     * Appends an event: writes its record to the operating system before returning.
     *
     * @throws IllegalArgumentException when the event does not continue this file's chain (wrong seq or parent
     *     hash); nothing is written
     * @throws IOException when the write fails; the writer then refuses all later appends
     */
    public synchronized void append(ChainEvent event) throws IOException {
        requireNonNull(event, "event is null");
        if (closed) {
            throw new IOException("chain writer for " + file + " is closed; open the file again with"
                    + " ChainWriter.openForAppend to append event seq " + event.seq());
        }
        if (failure != null) {
            throw new IOException(
                    "chain writer for " + file + " failed an earlier write and accepts no more events; the actor's"
                            + " chain is no longer persisted. Reopen the file with ChainWriter.openForAppend",
                    failure);
        }
        if (event.seq() != nextSeq) {
            throw new IllegalArgumentException("chain writer for " + file + " expects seq " + nextSeq
                    + " next but got " + event.seq() + " (" + event.eventType() + "): a writer must receive every"
                    + " event of its chain once, in order; subscribe it with chain.subscribe(writer.length(), writer)");
        }
        if (!Arrays.equals(event.parentHash(), headHash)) {
            throw new IllegalArgumentException("chain writer for " + file + " got event seq " + event.seq()
                    + " with parent hash " + event.parentHashHex() + " but the file's head is "
                    + HEX.formatHex(headHash) + ": the event belongs to another chain");
        }
        ByteBuffer frame = ChainFile.frame(event);
        boolean interrupted = Thread.interrupted();
        try {
            writeFully(channel, frame);
        } catch (IOException e) {
            failure = e;
            try {
                channel.truncate(size);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw new IOException(
                    "could not append event seq " + event.seq() + " (" + event.eventType() + ") to chain file "
                            + file + ": " + e + "; this writer accepts no more events and the file"
                            + " may end with an incomplete record, which opening it again will report",
                    e);
        } finally {
            restoreInterrupt(interrupted);
        }
        size += frame.limit();
        nextSeq++;
        headHash = event.hash();
    }

    /**
     * {@link #append} for use as a {@link Chain} listener.
     *
     * @throws UncheckedIOException when the write fails ({@link Chain#append} then throws a {@link
     *     ChainListenerException} carrying it)
     */
    @Override
    public void accept(ChainEvent event) {
        try {
            append(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Forces everything appended so far to the storage device. */
    public synchronized void sync() throws IOException {
        if (closed) {
            throw new IOException("chain writer for " + file + " is closed; nothing to sync");
        }
        boolean interrupted = Thread.interrupted();
        try {
            channel.force(true);
            forceDirectoryEntryOnce();
            writeHead();
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /** Forces everything appended to the storage device and closes the file; does nothing when already closed. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        try (channel) {
            if (failure == null) {
                channel.force(true);
                forceDirectoryEntryOnce();
                writeHead();
            }
        } finally {
            restoreInterrupt(interrupted);
        }
        log.debug("closed chain file {} after {} events", file, nextSeq);
    }

    /** The file this writer appends to. */
    public Path file() {
        return file;
    }

    /** The number of events in the file, which is the seq the next event must have. */
    public synchronized long length() {
        return nextSeq;
    }

    /** The hash of the last event in the file (zero when empty), which the next event must name as its parent. */
    public synchronized byte[] headHash() {
        return headHash.clone();
    }

    /** Records the head that is now durable in the head file ({@link ChainHead}), after the file was forced. */
    private void writeHead() throws IOException {
        if (failure != null) {
            return;
        }
        try {
            new ChainHead(nextSeq, headHash).write(file);
        } catch (IOException e) {
            throw new IOException(
                    "chain file " + file + " was forced, but its head file " + ChainHead.fileFor(file)
                            + " could not be written: " + e.getMessage(),
                    e);
        }
    }

    private static void lock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException("chain file " + file + " is already open for writing in this JVM; an actor's"
                    + " chain has one writer: use the writer that is open, or close it first");
        }
        if (lock == null) {
            throw new IOException("chain file " + file + " is locked by another program (another Theater running"
                    + " the same actor?); stop it, or use another runtime home");
        }
    }

    /** Gives the thread back the interrupt status {@link Thread#interrupted()} cleared. */
    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void forceDirectoryEntryOnce() {
        if (directoryEntryPending) {
            directoryEntryPending = false;
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    private static void syncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug(
                    "could not force directory {} to disk (not supported on this platform?): {}",
                    directory,
                    e.toString());
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads chain files. Reading checks the file's structure (header, every record's frame check and encoding) but not
 * the hashes and links between events, so that a tool can show the events of a tampered chain; {@link
 * ReadResult#verify()} or {@link ChainVerifier#verify(Path)} check those.
 *
 * <p>Reading a file while a {@link ChainWriter} appends to it may report the record being written as a torn tail.
 */
public final class ChainReader {
    private ChainReader() {}

    /**
     * Reads all complete events of a chain file and the incomplete last record, if the file ends inside one.
     *
     * @throws ChainFileException when the header or a record is damaged or was modified; its {@link
     *     ChainFileException#broken()} names the first bad record
     * @throws IOException when the file cannot be read
     */
    public static ReadResult read(Path file) throws IOException {
        requireNonNull(file, "file is null");
        List<ChainEvent> events = new ArrayList<>();
        try (ChainFileScanner scanner = ChainFileScanner.open(file)) {
            Optional<ChainEvent> event;
            while ((event = scanner.next()).isPresent()) {
                events.add(event.get());
            }
            return new ReadResult(events, scanner.tornTail());
        }
    }
}

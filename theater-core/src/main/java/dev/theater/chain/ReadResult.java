package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ChainReader#read} found in a chain file: its complete events, and the incomplete last record if the
 * file ends inside one. The events are well-framed but their hashes are not checked; {@link #verify()} does that.
 */
public record ReadResult(List<ChainEvent> events, Optional<TornTail> tornTail) {
    public ReadResult {
        events = List.copyOf(requireNonNull(events, "events is null"));
        requireNonNull(tornTail, "tornTail is null");
    }

    /** Checks the hashes, seqs and parent links of the events (not the torn tail). */
    public VerifyResult verify() {
        return ChainVerifier.verify(events);
    }
}

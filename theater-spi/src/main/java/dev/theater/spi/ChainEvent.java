package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One event of an actor's hash chain. {@code hash} is SHA-256 over the canonical encoding of the other fields
 * (docs/chain.md); {@code parentHash} is the previous event's hash (32 zero bytes for the first event).
 */
public record ChainEvent(
        long seq,
        byte[] hash,
        byte[] parentHash,
        String eventType,
        byte[] data,
        Instant timestamp,
        Optional<String> description) {
    public ChainEvent {
        requireNonNull(hash, "hash is null");
        requireNonNull(parentHash, "parentHash is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(data, "data is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(description, "description is null");
        hash = hash.clone();
        parentHash = parentHash.clone();
        data = data.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public byte[] parentHash() {
        return parentHash.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * This event as the WIT record {@code chain-event} of {@code theater:simple/types}, for host functions that hand
     * chains to guests ({@code runtime#get-chain}, {@code supervisor#get-child-events}).
     */
    public WitChainEvent toWit() {
        return new WitChainEvent(
                hash(),
                seq == 0 ? Optional.empty() : Optional.of(parentHash()),
                eventType,
                data(),
                timestamp.toEpochMilli(),
                description);
    }

    /** The WIT record {@code chain-event} of {@code theater:simple/types}, as a typed host function returns it. */
    public record WitChainEvent(
            byte[] hash,
            Optional<byte[]> parentHash,
            String eventType,
            byte[] data,
            long timestamp,
            Optional<String> description) {}

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    public String parentHashHex() {
        return HexFormat.of().formatHex(parentHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainEvent e
                && seq == e.seq
                && Arrays.equals(hash, e.hash)
                && Arrays.equals(parentHash, e.parentHash)
                && eventType.equals(e.eventType)
                && Arrays.equals(data, e.data)
                && timestamp.equals(e.timestamp)
                && description.equals(e.description);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "ChainEvent[seq=" + seq + ", type=" + eventType + ", hash=" + hashHex() + ", parent="
                + parentHashHex() + ", data=" + data.length + " bytes, timestamp=" + timestamp
                + description.map(d -> ", description=" + d).orElse("") + "]";
    }
}

package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An immutable snapshot of an actor's counters, taken without waiting for guest code.
 *
 * @param operationsTotal operations finished (successfully or not)
 * @param operationsFailed operations that failed
 * @param processingTotal time spent running operations
 * @param processingMin shortest operation ({@link Duration#ZERO} before the first)
 * @param processingMax longest operation
 * @param processingLast the last finished operation
 * @param currentOperation the operation running now, if any
 * @param currentSince when it started, if any
 * @param mailboxDepth operations waiting
 * @param memoryBytes guest linear memory size
 * @param chainLength events in the actor's chain
 * @param uptime time since the actor was spawned
 * @param restarts how often a supervisor restarted it
 */
public record ActorMetrics(
        long operationsTotal,
        long operationsFailed,
        Duration processingTotal,
        Duration processingMin,
        Duration processingMax,
        Duration processingLast,
        Optional<String> currentOperation,
        Optional<Instant> currentSince,
        int mailboxDepth,
        long memoryBytes,
        long chainLength,
        Duration uptime,
        int restarts) {
    public ActorMetrics {
        requireNonNull(processingTotal, "processingTotal is null");
        requireNonNull(processingMin, "processingMin is null");
        requireNonNull(processingMax, "processingMax is null");
        requireNonNull(processingLast, "processingLast is null");
        requireNonNull(currentOperation, "currentOperation is null");
        requireNonNull(currentSince, "currentSince is null");
        requireNonNull(uptime, "uptime is null");
    }
}

package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import java.util.concurrent.CompletableFuture;

/**
 * A request on its way: sent, maybe delivered to the target's {@code handle-request}, not yet answered. It is
 * outstanding (listed, answerable, cancellable by the target) from its delivery until {@link #reply} completes.
 */
final class PendingRequest {
    /** The answer and the hash of the target's {@code message-send} event that carried it. */
    record Reply(byte[] payload, String sendHash) {}

    final String id;
    /** The requesting actor; {@code null} for Java code. */
    final ActorId requester;
    /** How messages and chain descriptions name the requester. */
    final String requesterName;

    final Actor target;
    final CompletableFuture<Reply> reply = new CompletableFuture<>();
    /** 0 until the request is delivered, then the delivery's sequence number (orders the outstanding list). */
    volatile long delivered;

    PendingRequest(String id, ActorId requester, String requesterName, Actor target) {
        this.id = requireNonNull(id, "id is null");
        this.requester = requester;
        this.requesterName = requireNonNull(requesterName, "requesterName is null");
        this.target = requireNonNull(target, "target is null");
    }

    boolean isOutstanding() {
        return delivered != 0 && !reply.isDone();
    }
}

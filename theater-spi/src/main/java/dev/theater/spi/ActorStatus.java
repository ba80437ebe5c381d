package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The state of an actor's life. Transitions: {@code Starting → Idle ⇄ Processing}, {@code Idle ⇄ Paused}, any
 * state {@code → ShuttingDown → Stopped}, any state {@code → Failed}. {@code Stopped} and {@code Failed} are final.
 */
public sealed interface ActorStatus {

    /** A short lowercase name for logs and the chain: {@code idle}, {@code processing}, ... */
    String name();

    /** True for {@link Stopped} and {@link Failed}. */
    default boolean isTerminal() {
        return this instanceof Stopped || this instanceof Failed;
    }

    /** Instantiating the module, starting handlers and running {@code init}. */
    record Starting() implements ActorStatus {
        @Override
        public String name() {
            return "starting";
        }
    }

    /** Waiting for work; owns no thread. */
    record Idle() implements ActorStatus {
        @Override
        public String name() {
            return "idle";
        }
    }

    /** Running one operation of guest code since {@code since}. */
    record Processing(String operation, Instant since) implements ActorStatus {
        public Processing {
            requireNonNull(operation, "operation is null");
            requireNonNull(since, "since is null");
        }

        @Override
        public String name() {
            return "processing";
        }
    }

    /** Paused: operations wait in the mailbox, in order, until resumed. */
    record Paused() implements ActorStatus {
        @Override
        public String name() {
            return "paused";
        }
    }

    /** Finishing: accepts no new operations; forced when the shutdown timeout passes. */
    record ShuttingDown() implements ActorStatus {
        @Override
        public String name() {
            return "shutting-down";
        }
    }

    /** Stopped; every handle method fails with {@link ActorException.ChannelClosed}. */
    record Stopped() implements ActorStatus {
        @Override
        public String name() {
            return "stopped";
        }
    }

    /** Failed for {@code reason}; final, like {@link Stopped}. */
    record Failed(String reason) implements ActorStatus {
        public Failed {
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String name() {
            return "failed";
        }
    }
}

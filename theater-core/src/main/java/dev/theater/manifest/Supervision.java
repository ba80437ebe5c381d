package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a supervised actor is restarted, from the manifest's {@code [supervision]} table. The defaults follow Erlang/OTP:
 * {@link #DEFAULT} is one-for-one, permanent, at most 3 restarts in 5 seconds, backoff from 10 ms to 5 s, restart
 * from the initial state.
 *
 * @param strategy which siblings restart together with a failed child
 * @param restart when a child that ended is restarted
 * @param maxRestarts restarts allowed within {@code period}; one more escalates the failure to the supervisor's own
 *     parent. Zero means the first failure escalates.
 * @param period the sliding window {@code maxRestarts} counts within; positive
 * @param backoffMin the delay before the first restart; grows exponentially (with jitter) up to {@code backoffMax}
 * @param backoffMax the largest delay between restarts; at least {@code backoffMin}
 * @param restartState the state a restarted actor starts with
 */
public record Supervision(
        Strategy strategy,
        Restart restart,
        int maxRestarts,
        Duration period,
        Duration backoffMin,
        Duration backoffMax,
        RestartState restartState) {

    public static final Supervision DEFAULT = new Supervision(
            Strategy.ONE_FOR_ONE,
            Restart.PERMANENT,
            3,
            Duration.ofSeconds(5),
            Duration.ofMillis(10),
            Duration.ofSeconds(5),
            RestartState.INITIAL);

    public Supervision {
        requireNonNull(strategy, "strategy is null");
        requireNonNull(restart, "restart is null");
        requireNonNull(period, "period is null");
        requireNonNull(backoffMin, "backoffMin is null");
        requireNonNull(backoffMax, "backoffMax is null");
        requireNonNull(restartState, "restartState is null");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, was " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        if (backoffMin.isNegative()) {
            throw new IllegalArgumentException("backoffMin must be >= 0, was " + backoffMin);
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException(
                    "backoffMax (" + backoffMax + ") must be >= backoffMin (" + backoffMin + ")");
        }
    }

    /** Which children restart when one fails. */
    public enum Strategy {
        /** Only the failed child. */
        ONE_FOR_ONE("one-for-one"),
        /** All children of the supervisor. */
        ONE_FOR_ALL("one-for-all"),
        /** The failed child and the children started after it. */
        REST_FOR_ONE("rest-for-one");

        private final String tomlName;

        Strategy(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name written in a manifest, e.g. {@code one-for-one}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<Strategy> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }

    /** When a child that ended is restarted. */
    public enum Restart {
        /** Always. */
        PERMANENT("permanent"),
        /** Only when it failed; a normal exit is final. */
        TRANSIENT("transient"),
        /** Never. */
        TEMPORARY("temporary");

        private final String tomlName;

        Restart(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name written in a manifest, e.g. {@code permanent}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<Restart> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }

    /** The state a restarted actor starts with. */
    public enum RestartState {
        /** The state it had when it failed. */
        LAST("last"),
        /** The manifest's initial state, as on first start. */
        INITIAL("initial");

        private final String tomlName;

        RestartState(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name written in a manifest, e.g. {@code initial}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<RestartState> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }
}

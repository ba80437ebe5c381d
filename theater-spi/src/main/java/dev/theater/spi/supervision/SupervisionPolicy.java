package dev.theater.spi.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How an actor supervises its children: the {@code [supervision]} table of its manifest, as the runtime hands it to
 * handlers ({@link ActorTree#policy()}). The defaults follow Erlang/OTP: one-for-one, permanent, at most 3 restarts in
 * 5 seconds, backoff from 10 ms to 5 s, restart from the initial state.
 *
 * @param strategy which children restart when one of them fails
 * @param restart when a child that ended is restarted
 * @param maxRestarts restarts allowed within {@code period}; one more gives up and escalates to the supervisor's own
 *     parent. Zero escalates the first failure.
 * @param period the sliding window {@code maxRestarts} counts within; positive
 * @param backoffMin the delay before the first restart; it doubles (with jitter) for each further restart, up to
 *     {@code backoffMax}
 * @param backoffMax the largest delay before a restart; at least {@code backoffMin}
 * @param restartState the state a restarted child starts with
 */
public record SupervisionPolicy(
        Strategy strategy,
        Restart restart,
        int maxRestarts,
        Duration period,
        Duration backoffMin,
        Duration backoffMax,
        RestartState restartState) {

    public static final SupervisionPolicy DEFAULT = new SupervisionPolicy(
            Strategy.ONE_FOR_ONE,
            Restart.PERMANENT,
            3,
            Duration.ofSeconds(5),
            Duration.ofMillis(10),
            Duration.ofSeconds(5),
            RestartState.INITIAL);

    public SupervisionPolicy {
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

    /** A copy with {@code restart} instead. */
    public SupervisionPolicy withRestart(Restart restart) {
        return new SupervisionPolicy(strategy, restart, maxRestarts, period, backoffMin, backoffMax, restartState);
    }

    /** A copy with {@code restartState} instead. */
    public SupervisionPolicy withRestartState(RestartState restartState) {
        return new SupervisionPolicy(strategy, restart, maxRestarts, period, backoffMin, backoffMax, restartState);
    }

    /** A copy with this backoff instead. */
    public SupervisionPolicy withBackoff(Duration backoffMin, Duration backoffMax) {
        return new SupervisionPolicy(strategy, restart, maxRestarts, period, backoffMin, backoffMax, restartState);
    }

    /** Which children restart when one of them fails. */
    public enum Strategy {
        /** Only the failed child. */
        ONE_FOR_ONE("one-for-one"),
        /** Every child of the supervisor. */
        ONE_FOR_ALL("one-for-all"),
        /** The failed child and the children spawned after it. */
        REST_FOR_ONE("rest-for-one");

        private final String tomlName;

        Strategy(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name a manifest uses, e.g. {@code one-for-one}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<Strategy> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }

    /** When a child that ended is restarted. */
    public enum Restart {
        /** Always: after a failure, a normal exit or a stop by someone other than its parent. */
        PERMANENT("permanent"),
        /** Only after a failure. */
        TRANSIENT("transient"),
        /** Never. */
        TEMPORARY("temporary");

        private final String tomlName;

        Restart(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name a manifest uses, e.g. {@code permanent}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<Restart> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }

    /** The state a restarted child starts with. */
    public enum RestartState {
        /** The state it had when its last instance ended. */
        LAST("last"),
        /** The state it was first started with. */
        INITIAL("initial");

        private final String tomlName;

        RestartState(String tomlName) {
            this.tomlName = tomlName;
        }

        /** The name a manifest uses, e.g. {@code initial}. */
        public String tomlName() {
            return tomlName;
        }

        public static Optional<RestartState> fromTomlName(String name) {
            return Arrays.stream(values()).filter(v -> v.tomlName.equals(name)).findFirst();
        }
    }
}

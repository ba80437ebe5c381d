package dev.theater.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A performance target of DESIGN §10: a bound on a figure, in the figure's unit.
 *
 * @param bound how the figure must compare with {@code limit}
 * @param limit the limit, in {@code unit}
 * @param unit the unit of the limit and of the figures checked against it
 */
public record Target(Bound bound, double limit, Unit unit) {
    /** {@code controller.metrics()} while the actor runs a long call: p99 &lt; 10 µs. */
    public static final Target METRICS_P99 = new Target(Bound.BELOW, 10, Unit.MICROS);
    /** {@code forceStop()} of a guest in {@code (loop br 0)} until the call is interrupted: p99 &lt; 10 ms. */
    public static final Target FORCE_STOP_P99 = new Target(Bound.BELOW, 10, Unit.MILLIS);
    /** A trivial export's round trip through {@code ActorExecutor}, chain on: median &lt; 20 µs. */
    public static final Target ROUND_TRIP_MEDIAN = new Target(Bound.BELOW, 20, Unit.MICROS);
    /** Spawn of a cached module: median &lt; 1 ms. */
    public static final Target SPAWN_MEDIAN = new Target(Bound.BELOW, 1, Unit.MILLIS);
    /** Idle actors held by a 1 GiB heap: at least 10,000. */
    public static final Target IDLE_ACTORS_IN_1_GIB = new Target(Bound.AT_LEAST, 10_000, Unit.ACTORS);
    /** Host heap per actor beyond its guest linear memory: at most 32 KiB. */
    public static final Target OVERHEAD_PER_ACTOR = new Target(Bound.AT_MOST, 32, Unit.KIB);

    public Target {
        requireNonNull(bound, "bound is null");
        requireNonNull(unit, "unit is null");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("limit must be a finite number, was " + limit);
        }
    }

    /** Whether {@code value} (in {@link #unit()}) meets the target. */
    public boolean isMetBy(double value) {
        return switch (bound) {
            case BELOW -> value < limit;
            case AT_MOST -> value <= limit;
            case AT_LEAST -> value >= limit;
        };
    }

    /** E.g. {@code < 10 µs}. */
    public String describe() {
        return bound.symbol() + " " + unit.formatLimit(limit);
    }

    /** How a figure must compare with the limit. */
    public enum Bound {
        BELOW("<"),
        AT_MOST("<="),
        AT_LEAST(">=");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The units figures are reported in. */
    public enum Unit {
        MICROS("µs"),
        MILLIS("ms"),
        KIB("KiB"),
        MIB("MiB"),
        ACTORS("actors"),
        MSGS_PER_SECOND("msg/s"),
        RATIO("x");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        /** A limit with this unit: whole numbers without decimals, {@code 10 µs}, {@code 10,000 actors}. */
        public String formatLimit(double limit) {
            return limit == Math.rint(limit) && Math.abs(limit) < 1e15
                    ? String.format(Locale.ROOT, "%,.0f %s", limit, symbol)
                    : format(limit);
        }

        /** {@code value} with this unit, rounded for reading: {@code 3.21 µs}, {@code 10,000 actors}. */
        public String format(double value) {
            String number;
            if (this == RATIO) {
                number = String.format(Locale.ROOT, "%.2g", value);
            } else if (this == ACTORS || this == MSGS_PER_SECOND) {
                number = String.format(Locale.ROOT, "%,.0f", value);
            } else if (Math.abs(value) >= 100) {
                number = String.format(Locale.ROOT, "%.0f", value);
            } else if (Math.abs(value) >= 10) {
                number = String.format(Locale.ROOT, "%.1f", value);
            } else {
                number = String.format(Locale.ROOT, "%.2f", value);
            }
            return number + " " + symbol;
        }
    }
}

package dev.theater.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One measured figure of a run.
 *
 * @param name what was measured, with the engine in brackets where one is involved
 * @param value the figure, in {@code unit}
 * @param unit its unit
 * @param target the DESIGN §10 target it is checked against, if it has one (others are reported only)
 * @param gating whether missing the target fails the run: targets gate the default engine; the other engine's
 *     figures gate only in strict mode
 */
public record Figure(String name, double value, Target.Unit unit, Optional<Target> target, boolean gating) {
    public Figure {
        requireNonNull(name, "name is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(target, "target is null");
        target.ifPresent(t -> {
            if (t.unit() != unit) {
                throw new IllegalArgumentException(
                        "figure '" + name + "' is in " + unit + " but its target is in " + t.unit());
            }
        });
    }

    /** A figure that is reported without a target. */
    public static Figure report(String name, double value, Target.Unit unit) {
        return new Figure(name, value, unit, Optional.empty(), false);
    }

    /** A figure checked against {@code target}. */
    public static Figure checked(String name, double value, Target target, boolean gating) {
        return new Figure(name, value, target.unit(), Optional.of(target), gating);
    }

    public Verdict verdict() {
        if (target.isEmpty()) {
            return Verdict.REPORT;
        }
        if (target.get().isMetBy(value)) {
            return Verdict.PASS;
        }
        return gating ? Verdict.MISS : Verdict.MISS_NOT_GATING;
    }

    /** The outcome of one figure. */
    public enum Verdict {
        PASS("PASS"),
        MISS("MISS"),
        /** Missed on an engine that is not the default; fails the run only in strict mode. */
        MISS_NOT_GATING("MISS*"),
        REPORT("-");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

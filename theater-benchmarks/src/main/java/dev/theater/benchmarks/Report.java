package dev.theater.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** The figures of a run: one line each with its figure, target and verdict, and whether the run passed. */
public final class Report {
    private final List<Figure> figures = new ArrayList<>();

    public void add(Figure figure) {
        figures.add(requireNonNull(figure, "figure is null"));
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** True when no gating figure missed its target. */
    public boolean passed() {
        return figures.stream().noneMatch(f -> f.verdict() == Figure.Verdict.MISS);
    }

    /** {@code name  figure  target  verdict}, one line per figure, in columns. */
    public static String line(Figure figure, int nameWidth) {
        String target = figure.target().map(Target::describe).orElse("(report)");
        return String.format(
                "%-" + nameWidth + "s  %14s  %-14s  %s",
                figure.name(),
                figure.unit().format(figure.value()),
                target,
                figure.verdict().label());
    }

    /** Every line, with a footnote when a non-default engine missed a target. */
    public String render() {
        int width = figures.stream().mapToInt(f -> f.name().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        for (Figure figure : figures) {
            out.append(line(figure, width)).append('\n');
        }
        if (figures.stream().anyMatch(f -> f.verdict() == Figure.Verdict.MISS_NOT_GATING)) {
            out.append("MISS* = missed on an engine that is not the default; fails the run only with --strict\n");
        }
        return out.toString();
    }
}

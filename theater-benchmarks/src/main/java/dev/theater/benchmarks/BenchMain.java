package dev.theater.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.runtime.TheaterRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the DESIGN §10 benchmarks, prints one line per figure ({@code name  figure  target  verdict}) and exits 1 when
 * a gating figure misses its target. Targets gate the default engine ({@link TheaterRuntime#DEFAULT_ENGINE}); with
 * {@code --strict} they gate every engine.
 *
 * <pre>
 * BenchMain [--quick] [--strict] [--only metrics,forcestop,roundtrip,rawcall,spawn,send,footprint,guests] [--out DIR]
 * </pre>
 *
 * <p>{@code --quick}: one fork, 2 warm-up and 3 measured iterations of 1 s each (a few minutes in all). Without it:
 * two forks, 3 warm-up iterations of 2 s and 5 measured iterations of 3 s. The JMH output of each benchmark goes to
 * {@code DIR/<benchmark>.log}, the lines also to {@code DIR/summary.txt}.
 */
public final class BenchMain {
    /** The parts of a run, for {@code --only}. */
    static final List<String> PARTS =
            List.of("metrics", "forcestop", "roundtrip", "rawcall", "spawn", "send", "footprint", "guests");

    /** Idle actors the footprint part spawns, in a JVM with {@code -Xmx1g}. */
    static final int IDLE_ACTORS = 10_000;

    private static final double MICROS_PER_MILLI = 1_000;

    /** JMH run lengths. */
    record Settings(String name, int forks, int warmups, Duration warmup, int iterations, Duration iteration) {}

    static final Settings QUICK = new Settings("quick", 1, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
    static final Settings FULL = new Settings("full", 2, 3, Duration.ofSeconds(2), 5, Duration.ofSeconds(3));

    private final Settings settings;
    private final boolean strict;
    private final Path out;
    private final String defaultEngine = TheaterRuntime.DEFAULT_ENGINE;
    private final Report report = new Report();

    private BenchMain(Settings settings, boolean strict, Path out) {
        this.settings = settings;
        this.strict = strict;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = FULL;
        boolean strict = false;
        Path out = Path.of("bench-results");
        Set<String> parts = new LinkedHashSet<>(PARTS);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> settings = QUICK;
                case "--strict" -> strict = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> {
                    parts.clear();
                    for (String part : value(args, ++i, "--only").split(",")) {
                        if (!PARTS.contains(part)) {
                            usage("unknown part '" + part + "' after --only; parts: " + String.join(",", PARTS));
                        }
                        parts.add(part);
                    }
                }
                case "-h", "--help" -> {
                    System.out.println(usageText());
                    return;
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        Files.createDirectories(out);
        BenchMain bench = new BenchMain(settings, strict, out);
        System.exit(bench.run(parts) ? 0 : 1);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value");
        }
        return args[index];
    }

    private static String usageText() {
        return "usage: bench [--quick] [--strict] [--only " + String.join(",", PARTS) + "] [--out DIR]";
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println(usageText());
        System.exit(2);
    }

    private boolean run(Set<String> parts) throws RunnerException, IOException, InterruptedException {
        long started = System.nanoTime();
        double loadBefore = loadAverage();
        System.err.printf(
                Locale.ROOT,
                "bench: %s mode, default engine %s, JMH logs in %s%n",
                settings.name(),
                defaultEngine,
                out.toAbsolutePath());
        if (parts.contains("metrics")) {
            metrics();
        }
        if (parts.contains("forcestop")) {
            forceStop();
        }
        if (parts.contains("roundtrip")) {
            roundTrip();
        }
        if (parts.contains("rawcall")) {
            rawCall();
        }
        if (parts.contains("spawn")) {
            spawn();
        }
        if (parts.contains("send")) {
            send();
        }
        if (parts.contains("footprint")) {
            for (String engine : BenchActors.ENGINES) {
                footprint(engine);
            }
        }
        if (parts.contains("guests")) {
            guests();
        }
        String header = String.format(
                Locale.ROOT,
                "# theater benchmarks, %s mode, %s, %s, %d cores, load average %.1f before / %.1f after, CPU"
                        + " pressure %s, JDK %s, default engine %s, %.0f s%n",
                settings.name(),
                LocalDate.now(),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAverage(),
                cpuPressure(),
                Runtime.version(),
                defaultEngine,
                (System.nanoTime() - started) / 1e9);
        String table = report.render();
        System.out.print(header + table);
        Files.writeString(out.resolve("summary.txt"), header + table, UTF_8);
        boolean passed = report.passed();
        System.out.println(passed ? "bench: every gating target met" : "bench: a target was missed (MISS above)");
        return passed;
    }

    /**
     * The one-minute system load average: other processes on the machine show up in the tail percentiles, so each run
     * records it.
     */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Linux's CPU pressure over the last 60 s: the share of time some runnable thread waited for a CPU ({@code
     * /proc/pressure/cpu}); "n/a" elsewhere.
     */
    private static String cpuPressure() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some ")) {
                    for (String field : line.split(" ")) {
                        if (field.startsWith("avg60=")) {
                            return field.substring("avg60=".length()) + "%";
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }

    private boolean gating(String engine) {
        return strict || engine.equals(defaultEngine);
    }

    private void metrics() throws RunnerException {
        for (RunResult r : sorted(jmh(MetricsBenchmark.class))) {
            String engine = param(r, "engine");
            Statistics s = r.getPrimaryResult().getStatistics();
            report.add(Figure.checked(
                    "metrics() p99 during a long call [" + engine + "]",
                    s.getPercentile(99),
                    Target.METRICS_P99,
                    gating(engine)));
            report.add(Figure.report(
                    "metrics() median during a long call [" + engine + "]", s.getPercentile(50), Target.Unit.MICROS));
        }
    }

    private void forceStop() throws RunnerException {
        for (RunResult r : sorted(jmh(ForceStopBenchmark.class))) {
            String engine = param(r, "engine");
            Statistics s = r.getPrimaryResult().getStatistics();
            double p99 = s.getPercentile(99) / MICROS_PER_MILLI;
            double median = s.getPercentile(50) / MICROS_PER_MILLI;
            if (method(r).equals("untilStopped")) {
                report.add(Figure.checked(
                        "forceStop() until stopped, p99 [" + engine + "]", p99, Target.FORCE_STOP_P99, gating(engine)));
                report.add(Figure.report(
                        "forceStop() until stopped, median [" + engine + "]", median, Target.Unit.MILLIS));
            } else {
                report.add(Figure.report(
                        "forceStop() until the call fails Interrupted, p99 [" + engine + "]", p99, Target.Unit.MILLIS));
            }
        }
    }

    private void roundTrip() throws RunnerException {
        for (RunResult r : sorted(jmh(RoundTripBenchmark.class))) {
            String engine = param(r, "engine");
            String chain = param(r, "chain");
            double median = r.getPrimaryResult().getStatistics().getPercentile(50);
            String name = "round trip via ActorExecutor, chain " + chain + ", median [" + engine + "]";
            report.add(
                    chain.equals("on")
                            ? Figure.checked(name, median, Target.ROUND_TRIP_MEDIAN, gating(engine))
                            : Figure.report(name, median, Target.Unit.MICROS));
        }
    }

    private void rawCall() throws RunnerException {
        for (RunResult r : sorted(jmh(RawCallBenchmark.class))) {
            report.add(Figure.report(
                    "raw engine call of the same export, median [" + param(r, "engine") + "]",
                    r.getPrimaryResult().getStatistics().getPercentile(50),
                    Target.Unit.MICROS));
        }
    }

    private void spawn() throws RunnerException {
        for (RunResult r : sorted(jmh(SpawnBenchmark.class))) {
            String engine = param(r, "engine");
            String chain = param(r, "chain");
            double median = r.getPrimaryResult().getStatistics().getPercentile(50) / MICROS_PER_MILLI;
            String name = "spawn of a cached module, chain " + chain + ", median [" + engine + "]";
            report.add(
                    chain.equals("on")
                            ? Figure.checked(name, median, Target.SPAWN_MEDIAN, gating(engine))
                            : Figure.report(name, median, Target.Unit.MILLIS));
        }
    }

    private void send() throws RunnerException {
        double pekko = Double.NaN;
        for (RunResult r : jmh(PekkoTellBenchmark.class)) {
            pekko = r.getPrimaryResult().getScore();
        }
        report.add(Figure.report("Pekko typed tell between two actors", pekko, Target.Unit.MSGS_PER_SECOND));
        for (RunResult r : sorted(jmh(SendBenchmark.class))) {
            String engine = param(r, "engine");
            String chain = param(r, "chain");
            double theater = r.getPrimaryResult().getScore();
            report.add(Figure.report(
                    "actor-to-actor send, chain " + chain + " [" + engine + "]", theater, Target.Unit.MSGS_PER_SECOND));
            if (chain.equals("on")) {
                report.add(Figure.report(
                        "send, chain on / Pekko tell [" + engine + "]", theater / pekko, Target.Unit.RATIO));
            }
        }
    }

    private void footprint(String engine) throws IOException, InterruptedException {
        System.err.printf(Locale.ROOT, "bench: footprint of %d idle actors on %s (-Xmx1g) ...%n", IDLE_ACTORS, engine);
        Path log = out.resolve("footprint-" + engine + ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Footprint.class.getName(),
                        engine,
                        Integer.toString(IDLE_ACTORS))
                .redirectError(log.toFile())
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), UTF_8);
        int exit = process.waitFor();
        Map<String, String> f = parseFootprint(stdout);
        if (exit != 0 || f.isEmpty()) {
            System.err.printf(
                    Locale.ROOT, "bench: the footprint run on %s failed (exit %d); see %s%n", engine, exit, log);
        }
        double spawned = Double.parseDouble(f.getOrDefault("spawned", "0"));
        report.add(Figure.checked(
                "idle actors held by a 1 GiB heap [" + engine + "]",
                spawned,
                Target.IDLE_ACTORS_IN_1_GIB,
                gating(engine)));
        report.add(Figure.checked(
                "host heap per actor beyond linear memory [" + engine + "]",
                exit == 0 && !f.isEmpty() ? Double.parseDouble(f.get("overhead_per_actor")) / 1024 : Double.NaN,
                Target.OVERHEAD_PER_ACTOR,
                gating(engine)));
        report.add(Figure.report(
                "heap used with " + IDLE_ACTORS + " idle actors [" + engine + "]",
                Double.parseDouble(f.getOrDefault("heap_after", "NaN")) / (1024 * 1024),
                Target.Unit.MIB));
        report.add(Figure.report(
                "guest linear memory per actor [" + engine + "]",
                Double.parseDouble(f.getOrDefault("linear_per_actor", "NaN")) / 1024,
                Target.Unit.KIB));
        report.add(Figure.report(
                "resident memory per idle actor [" + engine + "]",
                Double.parseDouble(f.getOrDefault("rss_per_actor", "NaN")) / 1024,
                Target.Unit.KIB));
    }

    /** The example guests of each guest SDK: their sizes, then GuestSdkBenchmark (docs/guests.md). */
    private void guests() throws RunnerException {
        for (String language : List.of("c", "rust", "assemblyscript")) {
            for (Path guest : GuestSdkBenchmark.guests(language)) {
                report.add(Figure.report(
                        "guest size " + guest.getParent().getFileName() + "/" + guest.getFileName() + " [" + language
                                + "]",
                        GuestSdkBenchmark.size(guest) / 1024.0,
                        Target.Unit.KIB));
            }
        }
        List<RunResult> results = new ArrayList<>(jmh(GuestSdkBenchmark.class));
        results.sort(Comparator.comparing((RunResult r) -> method(r))
                .thenComparing(r -> param(r, "engine"))
                .thenComparing(r -> List.of("c", "rust", "assemblyscript").indexOf(param(r, "language"))));
        for (RunResult r : results) {
            String method = method(r);
            double median = r.getPrimaryResult().getStatistics().getPercentile(50);
            String what =
                    switch (method) {
                        case "pongRequest" -> "pong handle-request round trip";
                        case "helloLifetime" -> "hello spawn until stopped";
                        case "compilePong" -> "compile of pong";
                        default -> method;
                    };
            boolean micros = method.equals("pongRequest");
            report.add(Figure.report(
                    what + ", median [" + param(r, "language") + ", " + param(r, "engine") + "]",
                    micros ? median : median / MICROS_PER_MILLI,
                    micros ? Target.Unit.MICROS : Target.Unit.MILLIS));
        }
    }

    /** The key=value pairs of Footprint's {@code footprint ...} line; empty when there is none. */
    static Map<String, String> parseFootprint(String stdout) {
        Map<String, String> values = new HashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("footprint ")) {
                for (String pair : line.substring("footprint ".length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        values.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        return values;
    }

    private Collection<RunResult> jmh(Class<?> benchmark) throws RunnerException {
        String name = benchmark.getSimpleName();
        System.err.printf(Locale.ROOT, "bench: %s ...%n", name);
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "."))
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.milliseconds(settings.warmup().toMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iteration().toMillis()))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
                .shouldFailOnError(true)
                .output(out.resolve(name + ".log").toString())
                .build();
        return new Runner(options).run();
    }

    private static List<RunResult> sorted(Collection<RunResult> results) {
        List<RunResult> list = new ArrayList<>(results);
        list.sort(Comparator.comparing(BenchMain::sortKey));
        return list;
    }

    /** Benchmark method, then engine, then chain on before off. */
    private static String sortKey(RunResult r) {
        String chain = r.getParams().getParam("chain");
        return method(r) + " " + r.getParams().getParam("engine") + " "
                + (chain == null ? "" : chain.equals("on") ? "0" : "1");
    }

    private static String method(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String param(RunResult r, String name) {
        String value = r.getParams().getParam(name);
        if (value == null) {
            throw new IllegalStateException(
                    "benchmark " + r.getParams().getBenchmark() + " has no @Param '" + name + "'");
        }
        return value;
    }
}

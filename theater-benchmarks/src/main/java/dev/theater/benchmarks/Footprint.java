package dev.theater.benchmarks;

import dev.theater.runtime.ActorRef;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DESIGN §10: how many idle actors fit in the heap, and each one's host heap beyond its guest linear memory (target
 * 10,000 in ≤ 1 GiB and ≤ 32 KiB). Not a JMH benchmark: it spawns {@code count} idle benchmark actors (chain on, the
 * manifest default) in a JVM that {@link BenchMain} starts with {@code -Xmx1g}, measures the used heap after full
 * collections before and after, and prints one {@code footprint key=value ...} line.
 *
 * <p>Chicory keeps an actor's linear memory on the Java heap (a {@code byte[]}), so it is subtracted; wasmtime keeps
 * it in native memory, so all of its heap per actor is overhead, and the resident set size shows its native cost.
 *
 * <pre>java -Xmx1g -cp ... dev.theater.benchmarks.Footprint chicory 10000</pre>
 */
public final class Footprint {
    /** Threads that spawn concurrently. */
    private static final int SPAWNERS = 8;

    private Footprint() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: Footprint <engine> <count>, e.g. Footprint chicory 10000");
            System.exit(2);
        }
        String engine = args[0];
        int count = Integer.parseInt(args[1]);
        BenchActors actors = BenchActors.on(engine);
        System.out.println(measure(actors, count));
        System.out.flush();
        // Stopping thousands of actors one by one (each closing and syncing its chain file) would take longer than
        // the measurement; the figures are printed, so delete the home and let the JVM end them.
        actors.abandon();
        System.exit(0);
    }

    private static String measure(BenchActors actors, int count) throws InterruptedException {
        // The first spawn compiles the module and loads the engine; it is not counted.
        ActorRef warm = actors.spawn(true);
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentBytes();
        List<ActorRef> idle = Collections.synchronizedList(new ArrayList<>(count));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        // Several spawning threads: with the chain on, each spawn waits for the new chain file to reach the disk,
        // and concurrent spawns share those waits. The heap figures do not depend on it.
        Thread[] spawners = new Thread[SPAWNERS];
        for (int t = 0; t < spawners.length; t++) {
            spawners[t] = Thread.ofPlatform().name("footprint-spawner-" + t).start(() -> {
                try {
                    while (failure.get() == null && next.getAndIncrement() < count) {
                        idle.add(actors.spawn(true));
                    }
                } catch (OutOfMemoryError | RuntimeException e) {
                    // Out of heap, directly or in the actor's init (a SpawnException): the count so far is the figure.
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread spawner : spawners) {
            spawner.join();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            System.err.println("footprint: spawning stopped after " + idle.size() + " actors: " + failed);
        }
        long spawnNanos = System.nanoTime() - started;
        int spawned = idle.size();
        long heapAfter = usedHeapAfterGc();
        long rssAfter = residentBytes();
        long linear = 0;
        for (ActorRef ref : idle) {
            linear += ref.controller().metrics().memoryBytes();
        }
        long linearPerActor = spawned == 0 ? 0 : linear / spawned;
        double heapPerActor = spawned == 0 ? 0 : (double) (heapAfter - heapBefore) / spawned;
        boolean linearOnHeap = actors.engine().equals("chicory");
        double overhead = heapPerActor - (linearOnHeap ? linearPerActor : 0);
        String line = String.format(
                Locale.ROOT,
                "footprint engine=%s requested=%d spawned=%d spawn_failed=%b heap_max=%d heap_before=%d"
                        + " heap_after=%d heap_per_actor=%.0f linear_per_actor=%d linear_on_heap=%b"
                        + " overhead_per_actor=%.0f rss_per_actor=%.0f spawn_seconds=%.1f",
                actors.engine(),
                count,
                spawned,
                failed != null,
                Runtime.getRuntime().maxMemory(),
                heapBefore,
                heapAfter,
                heapPerActor,
                linearPerActor,
                linearOnHeap,
                overhead,
                rssBefore < 0 || spawned == 0 ? -1.0 : (double) (rssAfter - rssBefore) / spawned,
                spawnNanos / 1e9);
        actors.runtime().terminate(warm.id());
        return line;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's resident set size from /proc (Linux), or -1 where there is none. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

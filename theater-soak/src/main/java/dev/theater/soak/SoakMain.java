package dev.theater.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorId;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * {@code scripts/soak [--minutes N]}: hundreds of actors for N minutes, under supervisors and on their own, while
 * workers crash children (which their supervisors restart), replace whole supervision trees, make calls run into
 * their timeout, trap, force-stop actors and spawn them again, run processes (some killed by a force-stop), and
 * send messages between actors. It prints heap (after a GC), threads, open file descriptors and child processes at
 * the start, every minute and at the end, and exits 1 when one of them grew beyond its tolerance.
 *
 * <p>The guests are the test guests of the repository (supervision parent and child, the messaging test actor, the
 * process test driver), read from the repository given with {@code --repo}. Actors are replaced regularly, so what
 * they keep (their states and in-memory chains) stays bounded and only the runtime's own leaks would accumulate.
 */
public final class SoakMain {
    private static final String SEND = "theater:simple/message-server-client#handle-send";
    private static final String REQUEST = "theater:simple/message-server-client#handle-request";

    /** How much each figure may grow from start to end and still count as flat. */
    private static final long HEAP_TOLERANCE = 64L << 20;

    private static final long THREAD_TOLERANCE = 8;
    private static final long FD_TOLERANCE = 16;
    private static final long CHILD_TOLERANCE = 4;

    private final Path repo;
    private final Path home;
    private final TheaterRuntime runtime;
    private final AtomicReferenceArray<ActorRef> trees;
    private final AtomicReferenceArray<ActorRef> messengers;
    private final AtomicReferenceArray<ActorRef> drivers;
    private final AtomicLong actions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final PrintStream out = System.out;
    private Path parentManifest;
    private Path messengerManifest;
    private Path driverManifest;

    private SoakMain(Path repo, Path home, int trees, int messengers, int drivers) {
        this.repo = repo;
        this.home = home;
        this.runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(2))
                .withMailboxWait(Duration.ofMillis(200))
                .withRequestTimeout(Duration.ofSeconds(1))
                .discoverHandlers(SoakMain.class.getClassLoader())
                .build();
        this.trees = new AtomicReferenceArray<>(trees);
        this.messengers = new AtomicReferenceArray<>(messengers);
        this.drivers = new AtomicReferenceArray<>(drivers);
    }

    public static void main(String[] args) throws Exception {
        double minutes = 5;
        Path repo = Path.of("").toAbsolutePath();
        int trees = 20;
        int children = 10;
        int messengers = 60;
        int drivers = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--repo" -> repo = Path.of(args[++i]);
                case "--trees" -> trees = Integer.parseInt(args[++i]);
                case "--children" -> children = Integer.parseInt(args[++i]);
                case "--messengers" -> messengers = Integer.parseInt(args[++i]);
                case "--drivers" -> drivers = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("soak: unknown argument '" + args[i] + "'; usage: scripts/soak [--minutes N]"
                            + " [--trees N] [--children N] [--messengers N] [--drivers N]");
                    System.exit(2);
                }
            }
        }
        Path home = Files.createTempDirectory("theater-soak-");
        SoakMain soak = new SoakMain(repo, home, trees, messengers, drivers);
        boolean flat;
        try {
            flat = soak.run(Duration.ofMillis((long) (minutes * 60_000)), children);
        } finally {
            soak.runtime.close();
            deleteTree(home);
        }
        System.exit(flat ? 0 : 1);
    }

    private boolean run(Duration length, int children) throws Exception {
        writeManifests(children);
        out.printf(
                "soak: %d supervision trees of %d children, %d messaging actors, %d process drivers, for %s%n",
                trees.length(), children, messengers.length(), drivers.length(), length);
        populate();
        // Warm up (class loading, JIT, the pools reaching their working size) before the first figures.
        chaos(Duration.ofSeconds(30));
        settle();
        Figures start = Figures.now(runtime);
        out.println("start " + start + "  (" + Instant.now() + ")");
        Instant end = Instant.now().plus(length);
        while (Instant.now().isBefore(end)) {
            Duration slice = Duration.between(Instant.now(), end);
            chaos(slice.compareTo(Duration.ofMinutes(1)) < 0 ? slice : Duration.ofMinutes(1));
            out.println("      " + Figures.now(runtime) + "  actions " + actions.get() + ", failed as intended "
                    + failures.get());
        }
        // Everything the last actions started finishes; then the same population as at the start is measured.
        settle();
        Figures last = Figures.now(runtime);
        out.println("end   " + last + "  (" + Instant.now() + ")");
        boolean flat = last.heapBytes() - start.heapBytes() <= HEAP_TOLERANCE
                && last.threads() - start.threads() <= THREAD_TOLERANCE
                && last.fds() - start.fds() <= FD_TOLERANCE
                && last.children() - start.children() <= CHILD_TOLERANCE;
        out.println(
                flat
                        ? "soak: flat: heap, threads, file descriptors and child processes stayed within tolerance"
                        : "soak: NOT FLAT: a figure grew beyond its tolerance (heap 64 MiB, threads 8, fds 16,"
                                + " children 4)");
        return flat;
    }

    private void writeManifests(int children) throws IOException {
        Path guests = repo.resolve("theater-handler-supervisor/src/test/resources/guests");
        Path child = Files.writeString(
                home.resolve("child.toml"),
                "name = \"child\"\ncomponent = \"" + guests.resolve("child.wasm") + "\"\nsave_chain = false\n"
                        + "[limits]\ncall_timeout = \"200ms\"\n[[handler]]\ntype = \"runtime\"\n");
        Path init = Files.writeString(home.resolve("parent.init"), ("+" + child + "\n").repeat(children));
        parentManifest = Files.writeString(
                home.resolve("parent.toml"),
                "name = \"parent\"\ncomponent = \"" + guests.resolve("parent.wasm") + "\"\ninit_state = \"" + init
                        + "\"\n[limits]\ncall_timeout = \"2s\"\n[supervision]\nstrategy = \"one-for-one\"\n"
                        + "max_restarts = 100000\nperiod = \"1s\"\nbackoff_min = \"1ms\"\nbackoff_max = \"20ms\"\n"
                        + "[[handler]]\ntype = \"runtime\"\n[[handler]]\ntype = \"supervisor\"\n");
        messengerManifest = Files.writeString(
                home.resolve("messenger.toml"),
                "name = \"messenger\"\ncomponent = \""
                        + repo.resolve("theater-core/src/test/resources/guests/messaging/messenger.wasm")
                        + "\"\n[limits]\ncall_timeout = \"50ms\"\nmailbox = 16\n[[handler]]\ntype ="
                        + " \"message-server\"\n");
        driverManifest = Files.writeString(
                home.resolve("driver.toml"),
                "name = \"driver\"\ncomponent = \""
                        + repo.resolve("theater-handler-process/src/test/resources/guests/process-driver.wasm")
                        + "\"\nsave_chain = false\n[limits]\ncall_timeout = \"2s\"\n[[handler]]\ntype = \"process\"\n"
                        + "allowed_programs = [\"sh\"]\nmax_processes = 4\nkill_grace = \"100ms\"\n"
                        + "default_timeout = \"3s\"\n");
    }

    private void populate() {
        for (int i = 0; i < trees.length(); i++) {
            trees.set(i, runtime.spawn(parentManifest));
        }
        for (int i = 0; i < messengers.length(); i++) {
            messengers.set(i, runtime.spawn(messengerManifest));
        }
        for (int i = 0; i < drivers.length(); i++) {
            drivers.set(i, runtime.spawn(driverManifest));
        }
    }

    /** Four workers doing random actions for {@code length}. */
    private void chaos(Duration length) throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            workers.execute(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        act(ThreadLocalRandom.current());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet(); // a stopped actor, a full mailbox, a crash: what the soak causes
                    }
                    actions.incrementAndGet();
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(length.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("soak workers did not finish within a minute of their deadline");
        }
    }

    private void act(ThreadLocalRandom random) {
        int dice = random.nextInt(100);
        if (dice < 25) {
            crashAChild(random);
        } else if (dice < 27) {
            replace(trees, random.nextInt(trees.length()), parentManifest, false);
        } else if (dice < 55) {
            message(random);
        } else if (dice < 60) {
            call(messengers.get(random.nextInt(messengers.length())), SEND, "w"); // runs into its call timeout
        } else if (dice < 64) {
            call(messengers.get(random.nextInt(messengers.length())), SEND, "t"); // a trap fails the operation
        } else if (dice < 67) {
            replace(messengers, random.nextInt(messengers.length()), messengerManifest, true);
        } else if (dice < 90) {
            process(random);
        } else if (dice < 93) {
            replace(drivers, random.nextInt(drivers.length()), driverManifest, true);
        } else {
            pause(random.nextInt(5));
        }
    }

    private void crashAChild(ThreadLocalRandom random) {
        ActorRef parent = trees.get(random.nextInt(trees.length()));
        if (parent == null) {
            return;
        }
        List<ActorId> kids = runtime.childrenOf(parent.id());
        if (kids.isEmpty()) {
            return;
        }
        runtime.lookup(kids.get(random.nextInt(kids.size())))
                .ifPresent(kid -> call(kid, SEND, random.nextBoolean() ? "t" : "c"));
    }

    private void message(ThreadLocalRandom random) {
        ActorRef from = messengers.get(random.nextInt(messengers.length()));
        ActorRef to = messengers.get(random.nextInt(messengers.length()));
        if (to != null) {
            call(from, SEND, "s" + to.id() + "e" + random.nextInt(1000));
        }
    }

    private void process(ThreadLocalRandom random) {
        ActorRef driver = drivers.get(random.nextInt(drivers.length()));
        if (driver == null) {
            return;
        }
        String script = random.nextInt(10) == 0
                ? "sleep 30 & sleep 30 & echo started; wait" // left running until a force-stop or the timeout
                : "echo hello; sleep 0.0" + random.nextInt(10);
        String request = String.join("\0", "spawn", "p=sh", "a=-c", "a=" + script, "o=1");
        try {
            driver.executor()
                    .call(REQUEST, List.of("req", request.getBytes(UTF_8)))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.incrementAndGet();
        }
    }

    /** Stops the actor in {@code slot} and puts a new one there; a worker that finds the slot taken does nothing. */
    private void replace(AtomicReferenceArray<ActorRef> slots, int slot, Path manifest, boolean force) {
        ActorRef old = slots.get(slot);
        if (old == null || !slots.compareAndSet(slot, old, null)) {
            return; // another worker is replacing it
        }
        try {
            CompletableFuture<Void> stopped = force ? old.controller().forceStop() : runtime.stop(old.id());
            stopped.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.incrementAndGet();
        } finally {
            slots.set(slot, runtime.spawn(manifest));
        }
    }

    private void call(ActorRef actor, String function, String command) {
        if (actor == null) {
            return; // being replaced
        }
        try {
            actor.executor().call(function, List.of(command.getBytes(UTF_8))).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.incrementAndGet();
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis); // a worker that idles now and then lets timers and restarts interleave differently
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Replaces every actor once, so that the start and the end are measured on equally fresh populations. */
    private void settle() {
        for (int i = 0; i < trees.length(); i++) {
            replace(trees, i, parentManifest, false);
        }
        for (int i = 0; i < messengers.length(); i++) {
            replace(messengers, i, messengerManifest, false);
        }
        for (int i = 0; i < drivers.length(); i++) {
            replace(drivers, i, driverManifest, true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The four figures, measured now: heap after a full GC, live threads, open fds, live child processes. */
    record Figures(long heapBytes, long threads, long fds, long children, int actors, long strays) {
        static Figures now(TheaterRuntime runtime) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            } catch (IOException e) {
                fds = -1;
            }
            long children = ProcessHandle.current()
                    .descendants()
                    .filter(ProcessHandle::isAlive)
                    .count();
            List<ActorRef> running = runtime.list();
            long strays = running.stream()
                    .filter(a -> runtime.parentOf(a.id())
                            .filter(p -> runtime.lookup(p).isEmpty())
                            .isPresent())
                    .count();
            return new Figures(heap, threads, fds, children, running.size(), strays);
        }

        @Override
        public String toString() {
            return String.format(
                    "heap %6.1f MiB, threads %4d, fds %4d, child processes %3d, actors %4d (%d without their parent)",
                    heapBytes / 1048576.0, threads, fds, children, actors, strays);
        }
    }
}

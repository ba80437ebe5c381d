package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each process in a cgroup (version 2) of its own: {@code <runtime's cgroup>/theater-<jvm pid>/p<n>}. The process
 * enters it before the program starts, through a fixed trampoline ({@code /bin/sh -c 'echo 0 > "$0"; exec "$@"'},
 * which interprets none of the program's arguments), so even its first child is inside. Nothing a process does
 * takes it or its descendants out of the cgroup, so {@code cgroup.kill} (or, before Linux 5.14, killing every member
 * until none is left) ends all of them, and an empty {@code cgroup.procs} proves it.
 */
final class CgroupContainment implements Containment {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupContainment.class);

    private static final Path SHELL = Path.of("/bin/sh");
    private static final int KILL_ROUNDS = 16;
    private static final long MAX_POLL_MILLIS = 20;

    private final Path root;
    private final AtomicLong next = new AtomicLong();

    private CgroupContainment(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** The one containment of this JVM below its cgroup (created on first use), or empty when there is none. */
    static Optional<CgroupContainment> create() {
        return Shared.INSTANCE;
    }

    /** Holds the JVM's one instance: every mode that uses cgroups shares its directory and its numbering. */
    private static final class Shared {
        private static final Optional<CgroupContainment> INSTANCE = createOnce();
    }

    private static Optional<CgroupContainment> createOnce() {
        if (!Files.isExecutable(SHELL)) {
            return Optional.empty();
        }
        Optional<Path> own = ownCgroup();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Path root = own.get().resolve("theater-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(root);
            if (!Files.isWritable(root.resolve("cgroup.procs"))) {
                Files.deleteIfExists(root);
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no cgroup for processes under {}: {}", own.get(), e.toString());
            return Optional.empty();
        }
        removeStale(own.get());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "theater-cgroup-cleanup"));
        return Optional.of(new CgroupContainment(root));
    }

    /** This JVM's cgroup directory in the cgroup version 2 hierarchy, from /proc/self/cgroup and mountinfo. */
    private static Optional<Path> ownCgroup() {
        try {
            Optional<String> path = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .filter(l -> l.startsWith("0::"))
                    .map(l -> l.substring(3))
                    .findFirst();
            Optional<String> mount = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .filter(l -> l.contains(" - cgroup2 "))
                    .map(l -> l.split(" ")[4])
                    .findFirst();
            if (path.isEmpty() || mount.isEmpty()) {
                return Optional.empty();
            }
            Path dir = Path.of(mount.get(), path.get().replaceFirst("^/", ""));
            return Files.isRegularFile(dir.resolve("cgroup.procs")) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the empty cgroups earlier runtimes (no longer running) left behind. */
    private static void removeStale(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.matches("theater-\\d+")
                        && ProcessHandle.of(Long.parseLong(name.substring(8))).isEmpty()) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not look for stale cgroups in {}: {}", parent, e.toString());
        }
    }

    /** Removes a cgroup directory and the (empty) cgroups below it; leaves any that still hold processes. */
    private static void deleteQuietly(Path cgroup) {
        try (Stream<Path> entries = Files.list(cgroup)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                deleteQuietly(entry);
            }
        } catch (IOException | RuntimeException e) {
            // gone already, or not ours to list
        }
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cgroup {} not removed: {}", cgroup, e.toString());
        }
    }

    @Override
    public Confined open(String label) {
        return new Cgroup(root.resolve("p" + next.incrementAndGet()), label);
    }

    @Override
    public String describe() {
        return "in a cgroup each, below " + root;
    }

    /** One process's cgroup. */
    private static final class Cgroup implements Confined {
        private final Path dir;
        private final String label;
        private final Set<ProcessHandle> signalled = ConcurrentHashMap.newKeySet();
        private volatile boolean created;
        private volatile boolean released;

        Cgroup(Path dir, String label) {
            this.dir = dir;
            this.label = label;
        }

        @Override
        public List<String> command(Path program, List<String> args, boolean environmentHasPwd) {
            try {
                Files.createDirectory(dir);
                created = true;
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the cgroup " + dir + " for " + label + ": " + e, e);
            }
            // $0 is the cgroup.procs file; "$@" the program and its arguments, passed on untouched. The shell sets
            // PWD, which the process's environment must not gain.
            String script = "echo 0 > \"$0\" || exit 125; " + (environmentHasPwd ? "" : "unset PWD; ") + "exec \"$@\"";
            List<String> command = new ArrayList<>();
            Containment.setsid().ifPresent(setsid -> {
                command.add(setsid.toString());
                command.add("--");
            });
            command.add(SHELL.toString());
            command.add("-c");
            command.add(script);
            command.add(dir.resolve("cgroup.procs").toString());
            command.add(program.toString());
            command.addAll(args);
            return command;
        }

        @Override
        public void started(ProcessHandle root) {
            signalled.add(root);
        }

        @Override
        public void terminate() {
            for (long pid : members()) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    signalled.add(p);
                    p.destroy();
                });
            }
        }

        @Override
        public void kill() {
            if (!created) {
                return;
            }
            for (long pid : members()) {
                ProcessHandle.of(pid).ifPresent(signalled::add);
            }
            Path killFile = dir.resolve("cgroup.kill");
            if (Files.exists(killFile)) {
                try {
                    Files.writeString(killFile, "1", US_ASCII);
                    return;
                } catch (IOException e) {
                    LOG.debug("cannot write {}: {}", killFile, e.toString());
                }
            }
            for (int round = 0; round < KILL_ROUNDS; round++) {
                List<Long> members = members();
                if (members.isEmpty()) {
                    return;
                }
                for (long pid : members) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }

        /**
         * Waits until the cgroup is empty and every process seen in it is gone: a process leaves its cgroup when it
         * exits, and is gone once its parent (or init, for an orphan) has collected its exit status.
         */
        @Override
        public boolean awaitGone(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long pause = 1;
            while (!members().isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                try {
                    Thread.sleep(pause); // cgroup.events could be watched; a short poll is enough at a stop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
            return ProcessTree.awaitGone(List.copyOf(signalled), Duration.ofNanos(deadline - System.nanoTime()));
        }

        @Override
        public void release() {
            if (!created || released) {
                return;
            }
            try {
                Files.deleteIfExists(dir);
                released = true;
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                released = true;
            } catch (IOException e) {
                // EBUSY: processes are still in it; the handler's close() kills them and releases it again
                LOG.debug("cgroup {} of {} not removed yet: {}", dir, label, e.toString());
            }
        }

        /** The pids in the cgroup now. */
        private List<Long> members() {
            if (!created) {
                return List.of();
            }
            try {
                return Files.readAllLines(dir.resolve("cgroup.procs"), US_ASCII).stream()
                        .filter(l -> !l.isBlank())
                        .map(l -> Long.parseLong(l.strip()))
                        .toList();
            } catch (NoSuchFileException e) {
                return List.of();
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read the members of {}: {}", dir, e.toString());
                return List.of();
            }
        }
    }
}

package dev.theater.handler.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each process in a session (and so a process group) of its own, started through {@code setsid}: no terminal
 * signals it (a Ctrl-C reaches the runtime, which stops the actor and with it the process), and a signal to the
 * group reaches every descendant that stayed in it, background children and double-forked ones included. The
 * runtime makes itself a child subreaper (Linux, Java 22 or newer), so a descendant that also left the group (its
 * own {@code setsid}, a daemon) and whose parent died comes back to the runtime instead of to init; it is ended with
 * the process it is traced to: by its session or group (which name a process the handler saw), or else by time
 * (it started while that process ran). When several processes ran then, it is ended with the first of them to stop:
 * early rather than never. Without {@code setsid} or the native calls, what they add is missing, and the handler
 * falls back on the descendants it saw.
 */
final class SessionContainment implements Containment {
    private static final Logger LOG = LoggerFactory.getLogger(SessionContainment.class);
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final long MAX_POLL_MILLIS = 20;

    /** The roots of every confined process of this JVM: a JVM child that is one is not an orphan. */
    private static final Set<Long> ROOTS = ConcurrentHashMap.newKeySet();

    private final Optional<NativeCalls> calls = NativeCalls.get();
    private final boolean subreaper;
    private final long ownSession;

    SessionContainment() {
        this.subreaper = calls.map(NativeCalls::becomeSubreaper).orElse(false);
        this.ownSession = ProcStat.of(ProcessHandle.current().pid())
                .map(ProcStat::session)
                .orElse(-1L);
    }

    @Override
    public Confined open(String label) {
        return new Session(label);
    }

    @Override
    public String describe() {
        return "in a session each"
                + (Containment.setsid().isPresent() ? "" : " (not available: no setsid program)")
                + (subreaper
                        ? ", with the runtime as child subreaper"
                        : ", without a child subreaper (needs Linux and" + " Java 22+ with native access)");
    }

    /** The JVM's children that it did not start as a confined process: orphans that came to the subreaper. */
    private List<ProcStat> orphans() {
        if (!subreaper) {
            return List.of();
        }
        List<ProcStat> orphans = new ArrayList<>();
        ProcessHandle.current().children().forEach(child -> {
            if (!ROOTS.contains(child.pid())) {
                ProcStat.of(child.pid()).filter(s -> s.session() != ownSession).ifPresent(orphans::add);
            }
        });
        return orphans;
    }

    /** Collects the exit status of orphans that have exited, which nothing else in the JVM waits for. */
    private void reapOrphans() {
        if (calls.isEmpty()) {
            return;
        }
        for (ProcStat orphan : orphans()) {
            if (orphan.isZombie()) {
                calls.get().reap(orphan.pid());
            }
        }
    }

    /** One process's session. */
    private final class Session implements Confined {
        private final String label;
        private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        private volatile ProcessHandle root;
        private volatile long startTicks = Long.MAX_VALUE;
        private volatile boolean grouped;

        Session(String label) {
            this.label = label;
        }

        @Override
        public List<String> command(Path program, List<String> args, boolean environmentHasPwd) {
            List<String> command = new ArrayList<>();
            Containment.setsid().ifPresent(setsid -> {
                command.add(setsid.toString());
                command.add("--");
                grouped = true;
            });
            command.add(program.toString());
            command.addAll(args);
            return command;
        }

        @Override
        public void started(ProcessHandle root) {
            this.root = root;
            ROOTS.add(root.pid());
            startTicks = ProcStat.of(root.pid()).map(ProcStat::startTicks).orElse(Long.MAX_VALUE);
            root.onExit().thenRun(() -> ROOTS.remove(root.pid()));
        }

        @Override
        public void terminate() {
            signal(SIGTERM);
        }

        @Override
        public void kill() {
            signal(SIGKILL);
        }

        private void signal(int signal) {
            ProcessHandle r = root;
            if (r == null) {
                return;
            }
            if (grouped && calls.isPresent()) {
                calls.get().killGroup(r.pid(), signal);
            }
            if (signal == SIGKILL) {
                ProcessTree.kill(r, seen);
            } else {
                ProcessTree.terminate(r, seen);
            }
            for (ProcStat orphan : mine()) {
                ProcessHandle.of(orphan.pid()).ifPresent(p -> {
                    if (signal == SIGKILL) {
                        p.destroyForcibly();
                    } else {
                        p.destroy();
                    }
                });
            }
        }

        /** The orphans traced to this process: by session or group, else by the time they started. */
        private List<ProcStat> mine() {
            ProcessHandle r = root;
            if (r == null) {
                return List.of();
            }
            Set<Long> known = ConcurrentHashMap.newKeySet();
            known.add(r.pid());
            seen.forEach(p -> known.add(p.pid()));
            List<ProcStat> mine = new ArrayList<>();
            for (ProcStat orphan : orphans()) {
                boolean traced = known.contains(orphan.session()) || known.contains(orphan.group());
                boolean meanwhile = orphan.startTicks() >= startTicks;
                if (traced || meanwhile) {
                    mine.add(orphan);
                }
            }
            return mine;
        }

        @Override
        public boolean awaitGone(Duration timeout) {
            ProcessHandle r = root;
            if (r == null) {
                return true;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<ProcessHandle> all = new ArrayList<>();
            all.add(r);
            all.addAll(seen);
            if (!ProcessTree.awaitGone(all, timeout)) {
                return false;
            }
            long pause = 1;
            while (true) {
                reapOrphans();
                boolean groupLeft = grouped && groupHasMembers(r.pid());
                if (!groupLeft && mine().stream().noneMatch(o -> !o.isZombie())) {
                    return true;
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
        }

        @Override
        public void release() {
            reapOrphans();
            LOG.trace("released the session of {}", label);
        }
    }

    /** Whether a live process is still in process group {@code group} (a scan of /proc, only done at a stop). */
    private static boolean groupHasMembers(long group) {
        return ProcessHandle.allProcesses().anyMatch(p -> ProcStat.of(p.pid())
                .filter(s -> s.group() == group && !s.isZombie())
                .isPresent());
    }
}

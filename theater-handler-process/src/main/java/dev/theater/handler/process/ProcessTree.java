package dev.theater.handler.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process together with its descendants. Descendants are found through {@link ProcessHandle#descendants()} and
 * remembered in {@code known}, because once a process dies its children are re-parented and no longer show up as its
 * descendants. Best effort: a descendant that detached itself before it was seen (a double-forking daemon, or a
 * child left behind by a process that had already exited) cannot be found this way.
 */
final class ProcessTree {
    private static final int KILL_ROUNDS = 4;

    private ProcessTree() {}

    /** Asks the process and every descendant to terminate (SIGTERM on POSIX). */
    static void terminate(ProcessHandle root, Set<ProcessHandle> known) {
        for (ProcessHandle handle : snapshot(root, known)) {
            if (handle.isAlive()) {
                handle.destroy();
            }
        }
    }

    /**
     * Kills the process and every descendant (SIGKILL on POSIX). The root goes first, so it cannot start new children;
     * then the descendants seen before it died. Repeats while it keeps finding live ones, to catch children forked
     * while it worked.
     */
    static void kill(ProcessHandle root, Set<ProcessHandle> known) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> all = snapshot(root, known);
            boolean found = false;
            for (ProcessHandle handle : all) {
                if (handle.isAlive()) {
                    handle.destroyForcibly();
                    found = true;
                }
            }
            if (!found) {
                return;
            }
        }
    }

    /** Waits until every process of {@code handles} has ended, or {@code timeout} has passed; true when all ended. */
    static boolean awaitGone(Collection<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (!handle.isAlive()) {
                continue;
            }
            if (left <= 0) {
                return false;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // onExit never fails; the process is gone either way.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The root, then its current descendants and those of every known member still alive; all added to known. */
    private static List<ProcessHandle> snapshot(ProcessHandle root, Set<ProcessHandle> known) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        List<ProcessHandle> members = new ArrayList<>(known);
        if (root.isAlive()) {
            root.descendants().forEach(all::add);
        }
        for (ProcessHandle member : members) {
            all.add(member);
            if (member.isAlive()) {
                member.descendants().forEach(all::add);
            }
        }
        known.addAll(all.subList(1, all.size()));
        return all.stream().distinct().toList();
    }
}

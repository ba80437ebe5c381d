package dev.theater.handler.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the processes of an actor run so that the handler can find and end all of them, however they try to get
 * away: a {@code setsid} (a new session), a double fork (an orphan), or a terminal's Ctrl-C that kills the program
 * the actor started but not what it started in the background.
 *
 * <ul>
 *   <li>{@link CgroupContainment}: each process in a cgroup (version 2) of its own, below the runtime's cgroup, where
 *       that is writable. A process cannot leave its cgroup, so ending the cgroup ends everything, exactly.
 *   <li>{@link SessionContainment}: elsewhere, each process in a session and process group of its own (so no
 *       terminal signals it, and killing the group reaches every descendant that stayed in it), with the runtime as
 *       a child subreaper (so a descendant that detached comes back to the runtime instead of to init, and is ended
 *       with the process it came from).
 * </ul>
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default: a cgroup where possible),
 * {@code cgroup} or {@code session}.
 */
sealed interface Containment permits CgroupContainment, SessionContainment {
    /** The system property that chooses the containment. */
    String PROPERTY = "theater.process.containment";

    /** One process's place: how it is started and how all of it is ended. */
    interface Confined {
        /** The command line that starts {@code program} with {@code args} inside this place. */
        List<String> command(Path program, List<String> args, boolean environmentHasPwd);

        /** The process started: it is the root of what this place holds. */
        void started(ProcessHandle root);

        /** Asks every process in this place to terminate (SIGTERM). */
        void terminate();

        /** Kills every process in this place (SIGKILL). */
        void kill();

        /** Waits until nothing runs in this place any more; true when that happened within {@code timeout}. */
        boolean awaitGone(Duration timeout);

        /** Gives back what this place took from the system once it is empty (a cgroup directory); idempotent. */
        void release();
    }

    /** A new place for one process; {@code label} names it in messages. */
    Confined open(String label);

    /** What this containment is, for the log. */
    String describe();

    /** The containment {@value #PROPERTY} chooses for this JVM (one per mode, created once). */
    static Containment system() {
        return forMode(System.getProperty(PROPERTY, "auto"));
    }

    /** The containment of a mode: {@code auto}, {@code cgroup} or {@code session}. */
    static Containment forMode(String mode) {
        String key = mode.strip().toLowerCase(Locale.ROOT);
        return Holder.BY_MODE.computeIfAbsent(key, Holder::create);
    }

    /** The system's {@code setsid} program, which starts a program in a new session. */
    static Optional<Path> setsid() {
        return Holder.SETSID;
    }

    /** The containments created so far, and how they are created. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(Containment.class);
        private static final ConcurrentMap<String, Containment> BY_MODE = new ConcurrentHashMap<>();
        private static final Optional<Path> SETSID =
                List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                        .filter(Files::isExecutable)
                        .findFirst();

        private Holder() {}

        private static Containment create(String mode) {
            Containment chosen =
                    switch (mode) {
                        case "auto" ->
                            CgroupContainment.create().map(c -> (Containment) c).orElseGet(SessionContainment::new);
                        case "cgroup" ->
                            CgroupContainment.create()
                                    .orElseThrow(() -> new IllegalStateException(PROPERTY + " = cgroup, but this"
                                            + " runtime's cgroup (version 2) is not writable; run it where it is"
                                            + " (for example in a systemd unit or scope with Delegate=yes), or"
                                            + " choose auto or session"));
                        case "session" -> new SessionContainment();
                        default ->
                            throw new IllegalArgumentException(
                                    PROPERTY + " must be auto, cgroup or session, found '" + mode + "'");
                    };
            LOG.info("processes of actors run {}", chosen.describe());
            return chosen;
        }
    }
}

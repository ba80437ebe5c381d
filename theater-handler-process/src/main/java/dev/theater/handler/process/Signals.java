package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Delivers real POSIX signals. {@link ProcessHandle} can only send SIGTERM ({@code destroy}) and SIGKILL ({@code
 * destroyForcibly}); those two go through it, since it also checks that the pid still names the same process. Every
 * other signal is sent by executing the system's {@code kill} program directly (no shell): {@code kill -<n> <pid>}.
 */
final class Signals {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    /** The highest signal number on Linux ({@code SIGRTMAX}). */
    static final int MAX_SIGNAL = 64;

    private static final List<Path> KILL_PROGRAMS = List.of(Path.of("/bin/kill"), Path.of("/usr/bin/kill"));
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<Path> killProgram;

    private Signals(Optional<Path> killProgram) {
        this.killProgram = killProgram;
    }

    /** Finds the {@code kill} program at {@code /bin/kill} or {@code /usr/bin/kill}. */
    static Signals system() {
        return new Signals(KILL_PROGRAMS.stream().filter(Files::isExecutable).findFirst());
    }

    /**
     * Sends {@code signal} to {@code target}.
     *
     * @param what how messages name the target, e.g. {@code process 3}
     * @throws ProcessRefusal when the number is not a signal, or the signal could not be delivered
     */
    void send(ProcessHandle target, int signal, String what) throws ProcessRefusal {
        if (signal < 1 || signal > MAX_SIGNAL) {
            throw new ProcessRefusal("cannot send signal " + Integer.toUnsignedString(signal) + " to " + what
                    + ": signals are numbered 1 to " + MAX_SIGNAL + " (e.g. 2 SIGINT, 15 SIGTERM, 9 SIGKILL)");
        }
        if (signal == SIGTERM || signal == SIGKILL) {
            boolean sent = signal == SIGTERM ? target.destroy() : target.destroyForcibly();
            if (!sent && target.isAlive()) {
                throw new ProcessRefusal("cannot send signal " + signal + " to " + what + ": the system refused");
            }
            return;
        }
        Path kill = killProgram.orElseThrow(() -> new ProcessRefusal("cannot send signal " + signal + " to " + what
                + ": this system has no kill program at " + KILL_PROGRAMS + "; only 9 (SIGKILL) and 15 (SIGTERM) can"
                + " be sent without it"));
        CommandLine command = new CommandLine(kill.toString())
                .addArgument("-" + signal, false)
                .addArgument(Long.toString(target.pid()), false);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(errors, errors))
                .get();
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(KILL_TIMEOUT).get());
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(command);
        } catch (IOException e) {
            throw new ProcessRefusal(
                    "cannot send signal " + signal + " to " + what + ": " + kill + " failed: " + e.getMessage());
        }
        if (exit != 0) {
            throw new ProcessRefusal("cannot send signal " + signal + " to " + what + ": " + kill + " exited with "
                    + exit + ": " + errors.toString(UTF_8).strip());
        }
    }
}

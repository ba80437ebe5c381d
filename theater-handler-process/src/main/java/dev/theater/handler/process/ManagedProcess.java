package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ProcessDestroyer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process an actor started: launched by a commons-exec {@link DefaultExecutor} (program and arguments exactly as
 * given, no shell), its stdout and stderr pumped into the actor's {@code process-handlers} exports, its stdin fed by a
 * {@link StdinWriter}.
 *
 * <p>Order of events: each stream's messages reach the actor in stream order (a pump waits for each call before it
 * reads on); {@code handle-exit} comes after both streams have ended and every message of both was delivered. When
 * the handler stopped the process (output limit, timeout), a notice starting with {@value #NOTICE_PREFIX} arrives on
 * {@code handle-stderr} just before {@code handle-exit}.
 */
final class ManagedProcess {
    static final String HANDLE_STDOUT = ProcessHandlerFactory.HANDLERS_INTERFACE + "#handle-stdout";
    static final String HANDLE_STDERR = ProcessHandlerFactory.HANDLERS_INTERFACE + "#handle-stderr";
    static final String HANDLE_EXIT = ProcessHandlerFactory.HANDLERS_INTERFACE + "#handle-exit";
    static final String NOTICE_PREFIX = "theater: ";

    /** How long {@code os-spawn} waits for the operating system to start the program. */
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    /** Calls one of the actor's {@code process-handlers} exports and waits for it. */
    @FunctionalInterface
    interface Delivery {
        /** Returns false when the actor takes no more calls, so the caller can stop producing them. */
        boolean call(String function, List<Object> params);
    }

    private final long id;
    private final String actorName;
    private final SpawnRequest request;
    private final long maxOutputBytes;
    private final String grant;
    private final Delivery delivery;
    private final ThreadFactory threads;
    private final Containment.Confined confined;
    private final StdinWriter stdin;
    private final long startTimeMillis = System.currentTimeMillis();
    private final AtomicLong outputBytes = new AtomicLong();
    private final AtomicReference<String> stopNotice = new AtomicReference<>();
    private final CompletableFuture<Process> launched = new CompletableFuture<>();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CompletableFuture<Void> detached = new CompletableFuture<>();
    private volatile Process process;
    private volatile boolean killRequested;
    private volatile boolean undeliverable;

    ManagedProcess(
            long id,
            String actorName,
            SpawnRequest request,
            ProcessPermissions permissions,
            Delivery delivery,
            ThreadFactory threads,
            Containment.Confined confined) {
        this.id = id;
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.request = requireNonNull(request, "request is null");
        this.maxOutputBytes = requireNonNull(permissions, "permissions is null").maxOutputBytes();
        this.grant = permissions.grant();
        this.delivery = requireNonNull(delivery, "delivery is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.confined = requireNonNull(confined, "confined is null");
        this.stdin = new StdinWriter(id, threads);
    }

    long id() {
        return id;
    }

    /** Completes with the exit code once the operating-system process has ended. */
    CompletableFuture<Integer> exited() {
        return exited;
    }

    /** Completes once {@code handle-exit} was delivered (or could not be, or the launch failed). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Starts the program and waits until the operating system has started it.
     *
     * @param timeout the execution timeout, if any: the process tree is killed when it passes
     * @throws ProcessRefusal when the program cannot be started; the message says why
     */
    void launch(Path program, Map<String, String> env, Path cwd, Optional<Duration> timeout) throws ProcessRefusal {
        List<String> line;
        try {
            line = confined.command(program, request.args(), env.containsKey("PWD"));
        } catch (IllegalStateException e) {
            finished.complete(null);
            throw new ProcessRefusal("cannot start '" + request.program() + "': " + e.getMessage());
        }
        CommandLine command = new CommandLine(line.get(0));
        for (String arg : line.subList(1, line.size())) {
            command.addArgument(arg, false);
        }
        DefaultExecutor executor = DefaultExecutor.builder()
                .setThreadFactory(threads)
                .setExecuteStreamHandler(new Streams())
                .setWorkingDirectory(cwd)
                .get();
        executor.setExitValues(null);
        executor.setProcessDestroyer(new Registration());
        try {
            executor.execute(command, env, new Completion());
        } catch (IOException e) {
            finished.complete(null);
            throw new ProcessRefusal("cannot start '" + request.program() + "': " + e.getMessage());
        }
        Process started;
        try {
            started = launched.get(LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ProcessRefusal("cannot start '" + request.program() + "' (" + program + "): "
                    + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage()));
        } catch (TimeoutException e) {
            kill();
            throw new ProcessRefusal("'" + request.program() + "' did not start within " + LAUNCH_TIMEOUT.toSeconds()
                    + " s; the system may be overloaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ProcessRefusal("interrupted while starting '" + request.program() + "'");
        }
        LOG.debug(
                "actor '{}': process {} started: {} {} in {} (os pid {})",
                actorName,
                id,
                program,
                request.args(),
                cwd,
                started.pid());
        // Killing reads the process table: done on a thread of this process, not on the JDK's shared timer thread.
        timeout.ifPresent(t -> exited.copy()
                .orTimeout(t.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyAsync(
                        failure -> {
                            if (failure instanceof TimeoutException) {
                                stopBecause(
                                        "killed: it ran longer than its execution-timeout of " + t.toMillis() + " ms");
                            }
                            return null;
                        },
                        task -> threads.newThread(task).start()));
    }

    /** Called by commons-exec right after the process started (before this process's id reaches the guest). */
    private void attach(Process started) {
        process = started;
        confined.started(started.toHandle());
        started.onExit().whenComplete((p, e) -> exited.complete(exitCode(started)));
        launched.complete(started);
        if (killRequested) {
            confined.kill();
        }
    }

    private static int exitCode(Process p) {
        try {
            return p.exitValue();
        } catch (IllegalThreadStateException e) {
            return -1;
        }
    }

    /** Queues bytes for stdin; an empty array closes it. */
    int writeStdin(byte[] data) throws ProcessRefusal {
        if (exited.isDone()) {
            throw new ProcessRefusal(
                    "process " + id + " has exited (exit code " + exited.join() + "); its stdin is closed");
        }
        return stdin.write(data);
    }

    /** The WIT record {@code process-status}. */
    ProcessStatus status() {
        return new ProcessStatus(
                id, !exited.isDone(), exited.isDone() ? Optional.of(exited.join()) : Optional.empty(), startTimeMillis);
    }

    /** Delivers a POSIX signal to the process itself (not its descendants). */
    void signal(int signal, Signals signals) throws ProcessRefusal {
        Process p = process;
        if (p == null || exited.isDone() || !p.isAlive()) {
            throw new ProcessRefusal("cannot send signal " + signal + " to process " + id + ": it has exited"
                    + (exited.isDone() ? " (exit code " + exited.join() + ")" : ""));
        }
        signals.send(p.toHandle(), signal, "process " + id);
    }

    /** Asks the process and its descendants to terminate (SIGTERM). */
    void terminate() {
        if (process != null) {
            confined.terminate();
        }
    }

    /** Kills the process and its descendants (SIGKILL); when it has not started yet, as soon as it does. */
    void kill() {
        killRequested = true;
        if (process != null) {
            confined.kill();
        }
    }

    /** Waits for the process itself to exit; true when it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) {
        if (process == null) {
            return true;
        }
        try {
            exited.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the process and everything it started to be gone; true when they are. */
    boolean awaitGone(Duration timeout) {
        return process == null || confined.awaitGone(timeout);
    }

    /** Gives back the process's place (its cgroup) once nothing runs in it; called again at the actor's stop. */
    void release() {
        confined.release();
    }

    /** The actor is gone: stop delivering, drop pending stdin. */
    void detach() {
        undeliverable = true;
        stdin.close("the actor stopped");
        detached.complete(null);
    }

    /** The handler stops the process for {@code why}; the actor learns it on stderr before handle-exit. */
    private void stopBecause(String why) {
        if (stopNotice.compareAndSet(null, NOTICE_PREFIX + "process " + id + " (" + request.program() + ") " + why)) {
            LOG.info("actor '{}': process {} ({}) {}", actorName, id, request.program(), why);
        }
        kill();
    }

    /** How many of {@code n} bytes just read may still be delivered; stops the process when it is past its limit. */
    private int admit(int n) {
        while (true) {
            long used = outputBytes.get();
            long room = maxOutputBytes - used;
            int allowed = (int) Math.max(0, Math.min(n, room));
            if (allowed == 0 || outputBytes.compareAndSet(used, used + allowed)) {
                if (allowed < n) {
                    stopBecause(
                            "stopped: its output exceeded max_output_bytes = " + maxOutputBytes + " bytes of " + grant);
                }
                return allowed;
            }
        }
    }

    private void deliver(String function, byte[] message) {
        if (!undeliverable && !delivery.call(function, List.of(id, message))) {
            undeliverable = true;
        }
    }

    private void complete(int exitCode) {
        // Before handle-exit: an actor that learns of the exit sees it in os-status too.
        exited.complete(exitCode);
        stdin.close("process " + id + " has exited");
        try {
            String notice = stopNotice.get();
            if (notice != null && !undeliverable) {
                deliver(HANDLE_STDERR, notice.getBytes(UTF_8));
            }
            if (!undeliverable) {
                delivery.call(HANDLE_EXIT, List.of(id, exitCode));
            }
        } finally {
            finished.complete(null);
        }
    }

    /** Reads one stream until it ends, cutting it into messages; the output limit applies across both streams. */
    private final class Pump implements Runnable {
        private final InputStream in;
        private final OutputFramer framer;
        private final Consumer<byte[]> sink;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Pump(InputStream in, OutputMode mode, String function) {
            this.in = in;
            this.framer = mode.framer(request.chunkSize());
            this.sink = message -> deliver(function, message);
        }

        @Override
        public void run() {
            try {
                pump();
            } finally {
                done.complete(null);
            }
        }

        private void pump() {
            byte[] buffer = new byte[request.bufferSize()];
            boolean cut = false;
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (cut || undeliverable) {
                        continue; // keep draining, so the process never blocks on a full pipe while it is stopped
                    }
                    int allowed = admit(n);
                    framer.accept(buffer, 0, allowed, sink);
                    if (allowed < n) {
                        cut = true;
                        framer.finish(sink);
                    }
                }
            } catch (IOException e) {
                // The stream was closed under us: the process ended or was killed. What was read is delivered below.
            }
            if (!cut && !undeliverable) {
                framer.finish(sink);
            }
        }
    }

    /** commons-exec's hook for the process's streams, replacing its PumpStreamHandler. */
    private final class Streams implements ExecuteStreamHandler {
        private Pump stdout;
        private Pump stderr;

        @Override
        public void setProcessInputStream(OutputStream os) {
            stdin.attach(os);
        }

        @Override
        public void setProcessOutputStream(InputStream is) {
            stdout = new Pump(is, request.stdoutMode(), HANDLE_STDOUT);
        }

        @Override
        public void setProcessErrorStream(InputStream is) {
            stderr = new Pump(is, request.stderrMode(), HANDLE_STDERR);
        }

        @Override
        public void start() {
            threads.newThread(stdout).start();
            threads.newThread(stderr).start();
        }

        /**
         * Waits until both streams have ended and all their messages were delivered, or the actor is gone. (A
         * descendant that escaped could hold a pipe open for ever; commons-exec's thread must not wait for it, since
         * it keeps the JVM alive.)
         */
        @Override
        public void stop() {
            CompletableFuture.anyOf(CompletableFuture.allOf(stdout.done, stderr.done), detached)
                    .join();
        }
    }

    /** commons-exec's hook that hands over the started process. */
    private final class Registration implements ProcessDestroyer {
        @Override
        public boolean add(Process started) {
            attach(started);
            return true;
        }

        @Override
        public boolean remove(Process started) {
            return true;
        }

        @Override
        public int size() {
            return process == null ? 0 : 1;
        }
    }

    /** commons-exec's report after the process ended and {@link Streams#stop()} returned. */
    private final class Completion implements ExecuteResultHandler {
        @Override
        public void onProcessComplete(int exitValue) {
            complete(exitValue);
        }

        @Override
        public void onProcessFailed(ExecuteException e) {
            if (!launched.isDone()) {
                launched.completeExceptionally(e);
                finished.complete(null);
                return;
            }
            // commons-exec gave up on a started process (its wait was interrupted): make sure it is gone.
            Process p = process;
            if (p != null && p.isAlive()) {
                kill();
            }
            complete(p == null ? e.getExitValue() : exitCode(p.onExit().join()));
        }
    }
}

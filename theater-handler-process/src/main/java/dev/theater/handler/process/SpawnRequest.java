package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked {@code process-config}, the argument of {@code os-spawn}.
 *
 * @param program as the guest named it
 * @param args passed to the program as given, one argv element each
 * @param cwd as the guest named it, if it did
 * @param env the variables the guest sets, in order
 * @param bufferSize the read size in bytes ({@value #DEFAULT_BUFFER_SIZE} when the config says 0)
 * @param chunkSize the message size of {@code chunked} mode; 0 when neither stream is chunked
 * @param executionTimeout how long the process may run, if the config limits it
 */
record SpawnRequest(
        String program,
        List<String> args,
        Optional<String> cwd,
        List<Map.Entry<String, String>> env,
        int bufferSize,
        OutputMode stdoutMode,
        OutputMode stderrMode,
        int chunkSize,
        Optional<Duration> executionTimeout) {
    static final int DEFAULT_BUFFER_SIZE = 4096;
    static final int MAX_BUFFER_SIZE = 1 << 20;
    static final int MAX_CHUNK_SIZE = 1 << 20;

    SpawnRequest {
        requireNonNull(program, "program is null");
        args = List.copyOf(requireNonNull(args, "args is null"));
        requireNonNull(cwd, "cwd is null");
        env = List.copyOf(requireNonNull(env, "env is null"));
        requireNonNull(stdoutMode, "stdoutMode is null");
        requireNonNull(stderrMode, "stderrMode is null");
        requireNonNull(executionTimeout, "executionTimeout is null");
    }

    /** Reads the {@code process-config} record as the core lifted it; refuses values the handler cannot honour. */
    static SpawnRequest from(ProcessConfig config) throws ProcessRefusal {
        String program = config.program();
        List<String> args = new ArrayList<>();
        for (String s : config.args()) {
            if (s.indexOf('\0') >= 0) {
                throw new ProcessRefusal("process-config.args[" + args.size() + "] contains a NUL character, which"
                        + " no program argument can hold");
            }
            args.add(s);
        }
        Optional<String> cwd = config.cwd();
        List<Map.Entry<String, String>> env = new ArrayList<>();
        for (ProcessConfig.EnvVar pair : config.env()) {
            env.add(Map.entry(pair.name(), pair.value()));
        }
        long bufferSize = Integer.toUnsignedLong(config.bufferSize());
        if (bufferSize > MAX_BUFFER_SIZE) {
            throw new ProcessRefusal("process-config.buffer-size is " + bufferSize + " bytes, above the maximum of "
                    + MAX_BUFFER_SIZE + "; use a smaller read buffer (0 means " + DEFAULT_BUFFER_SIZE + ")");
        }
        OutputMode stdoutMode = OutputMode.of(config.stdoutMode(), "stdout-mode");
        OutputMode stderrMode = OutputMode.of(config.stderrMode(), "stderr-mode");
        Optional<Long> chunk = config.chunkSize().map(Integer::toUnsignedLong);
        int chunkSize = 0;
        if (stdoutMode == OutputMode.CHUNKED || stderrMode == OutputMode.CHUNKED) {
            if (chunk.isEmpty() || chunk.get() == 0 || chunk.get() > MAX_CHUNK_SIZE) {
                throw new ProcessRefusal("process-config.chunk-size must be between 1 and " + MAX_CHUNK_SIZE
                        + " bytes when an output mode is chunked, found "
                        + chunk.map(String::valueOf).orElse("none"));
            }
            chunkSize = (int) (long) chunk.get();
        }
        Optional<Duration> timeout = Optional.empty();
        Optional<Long> requestedTimeout = config.executionTimeout();
        if (requestedTimeout.isPresent()) {
            long millis = requestedTimeout.get();
            if (millis == 0) {
                throw new ProcessRefusal(
                        "process-config.execution-timeout is 0 ms; give at least 1 ms, or none for" + " no timeout");
            }
            // An unsigned value beyond Long.MAX_VALUE ms (292 million years) is as good as no limit.
            timeout = Optional.of(Duration.ofMillis(millis < 0 ? Long.MAX_VALUE : millis));
        }
        return new SpawnRequest(
                program,
                args,
                cwd,
                env,
                bufferSize == 0 ? DEFAULT_BUFFER_SIZE : (int) bufferSize,
                stdoutMode,
                stderrMode,
                chunkSize,
                timeout);
    }
}

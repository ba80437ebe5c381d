package dev.theater.handler.process;

import dev.theater.spi.WitVariant;
import java.util.List;
import java.util.Optional;

/** The WIT record {@code process-config}, the argument of {@code os-spawn}, as the guest wrote it. */
record ProcessConfig(
        String program,
        List<String> args,
        Optional<String> cwd,
        List<EnvVar> env,
        int bufferSize,
        WitVariant stdoutMode,
        WitVariant stderrMode,
        Optional<Integer> chunkSize,
        Optional<Long> executionTimeout) {

    /** One {@code tuple<string, string>} of {@code env}. */
    record EnvVar(String name, String value) {}
}

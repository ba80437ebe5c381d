package dev.theater.handler.process;

import java.util.ArrayList;
import java.util.List;

/** A {@code process-config} as the test driver's {@code spawn} request spells it: NUL-separated key=value fields. */
final class Spawn {
    /** The output modes, by their case index in the WIT variant. */
    enum Mode {
        RAW,
        LINES,
        JSON,
        CHUNKED
    }

    private final List<String> fields = new ArrayList<>();

    private Spawn(String program) {
        fields.add("p=" + program);
    }

    static Spawn of(String program, String... args) {
        Spawn spawn = new Spawn(program);
        for (String arg : args) {
            spawn.fields.add("a=" + arg);
        }
        return spawn;
    }

    /** {@code sh -c script}. */
    static Spawn sh(String script) {
        return of("sh", "-c", script);
    }

    Spawn cwd(String cwd) {
        fields.add("c=" + cwd);
        return this;
    }

    Spawn env(String name, String value) {
        fields.add("e=" + name + "=" + value);
        return this;
    }

    Spawn bufferSize(int bytes) {
        fields.add("b=" + bytes);
        return this;
    }

    Spawn stdout(Mode mode) {
        fields.add("o=" + mode.ordinal());
        return this;
    }

    Spawn stderr(Mode mode) {
        fields.add("r=" + mode.ordinal());
        return this;
    }

    Spawn chunkSize(int bytes) {
        fields.add("k=" + bytes);
        return this;
    }

    Spawn timeoutMillis(long millis) {
        fields.add("t=" + millis);
        return this;
    }

    List<String> fields() {
        return List.copyOf(fields);
    }
}

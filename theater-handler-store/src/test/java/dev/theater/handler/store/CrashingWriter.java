package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DurabilityTest}: stores content, and halts the JVM (as a crash or kill -9 would) after
 * the temporary file is written and forced but before it is renamed into place.
 *
 * <p>Arguments: the runtime home, the store id, the content as text.
 */
public final class CrashingWriter {
    static final int CRASHED = 42;

    private CrashingWriter() {}

    public static void main(String[] args) {
        Stores stores = new Stores(Path.of(args[0]), StoreLimits.UNLIMITED, temp -> Runtime.getRuntime()
                .halt(CRASHED));
        stores.open(args[1]).put(args[2].getBytes(UTF_8));
        System.exit(0);
    }
}

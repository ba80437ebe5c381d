package com.example.guice;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** A service of the application. Guice gives it the runtime; it knows nothing of how the runtime was built. */
public final class Greetings {
    static final String SEND = "theater:simple/message-server-client#handle-send";

    private final TheaterRuntime runtime;

    @Inject
    Greetings(TheaterRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Spawns the greeter actor, sends it each name (it logs "hello, name"), stops it, and returns how many messages
     * it counted in its state.
     */
    public int greet(List<String> names) {
        ActorRef greeter = runtime.spawn(
                Manifest.builder("greeter", new ComponentSource.File(wasm()))
                        .addHandler("runtime", Map.of())
                        .build(),
                null);
        for (String name : names) {
            greeter.executor().call(SEND, List.of(name.getBytes(UTF_8))).join();
        }
        int counted = greeter.controller()
                .state()
                .map(s -> ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .orElse(0);
        runtime.stop(greeter.id()).join();
        return counted;
    }

    /** The actor's module, shipped as a class-path resource, as a file in the runtime home (actors load files). */
    private Path wasm() {
        Path file = runtime.home().resolve("greeter.wasm");
        try (InputStream in = Greetings.class.getResourceAsStream("/actors/greeter.wasm")) {
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

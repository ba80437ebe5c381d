package com.example.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceEmbeddingExampleTest {
    @TempDir
    Path home;

    @Test
    void theInjectedRuntimeSpawnsTheGreeterWhichCountsEveryMessage() throws IOException {
        assertEquals(3, GuiceEmbeddingExample.run(home, List.of("Ada", "Grace", "Barbara")));

        try (Stream<Path> chains = Files.list(home.resolve("chains"))) {
            assertTrue(chains.anyMatch(p -> p.toString().endsWith(".chain")), "the actor's chain was saved");
        }
    }
}

package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void mainCodeUsesOnlyTheSpiOfTheCore() throws Exception {
        Path main = Path.of("src/main/java");
        List<String> offending;
        try (Stream<Path> files = Files.walk(main)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream()
                                    .filter(l -> l.startsWith("import dev.theater.")
                                            || l.startsWith("import static dev.theater."))
                                    .filter(l -> !l.contains("dev.theater.spi.")
                                            && !l.contains("dev.theater.handler.store."))
                                    .map(l -> f.getFileName() + ": " + l);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }

        assertThat(offending).isEmpty();
    }
}

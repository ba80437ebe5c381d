package dev.theater.manifest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target: any text given to the manifest parser either is a manifest or fails with a {@link ManifestException};
 * nothing else escapes. Its committed inputs run with the tests; {@code scripts/fuzz} fuzzes it.
 */
class ManifestParserFuzzTest {
    private static final Path DIR = directory();

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("manifest-fuzz");
            Files.write(dir.resolve("a.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
            dir.toFile().deleteOnExit();
            dir.resolve("a.wasm").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyTextIsAManifestOrFailsWithAManifestException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            ManifestParser.parse(text, DIR, "fuzz.toml");
        } catch (ManifestException expected) {
            // the documented outcome for text that is not a valid manifest
        }
    }
}

package dev.theater.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files of bounded size are read, and TOML nests only so deep: a pipe, a device, a huge file or a
 * deeply nested value is a {@link ManifestException} naming the file, the key and the limit, never a hang, an
 * {@link OutOfMemoryError} or a {@link StackOverflowError}.
 */
class ManifestInputLimitsTest {
    @TempDir
    Path dir;

    private Path manifest(String toml) throws IOException {
        Files.write(dir.resolve("hello.wasm"), new byte[] {0, 'a', 's', 'm'});
        return Files.writeString(dir.resolve("hello.toml"), toml);
    }

    private ManifestException error(Path manifest) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(manifest));
        assertThat(e).as("a ManifestException for %s", manifest).isNotNull();
        assertThat(e.getMessage()).as("one line").doesNotContain("\n");
        return e;
    }

    private static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    @Test
    void aDeviceAsComponentOrInitStateIsRefusedNamingTheKey() throws IOException {
        ManifestException component = error(manifest("name = \"a\"\ncomponent = \"/dev/zero\"\n"));
        ManifestException state =
                error(manifest("name = \"a\"\ncomponent = \"hello.wasm\"\ninit_state = \"/dev/zero\"\n"));

        assertThat(component.key()).isEqualTo("component");
        assertThat(component.getMessage()).contains("hello.toml", "/dev/zero", "not a regular file");
        assertThat(state.key()).isEqualTo("init_state");
        assertThat(state.getMessage()).contains("/dev/zero", "not a regular file");
    }

    @Test
    void aPipeAsComponentIsRefusedWithoutWaitingForIt() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        ManifestException e = error(manifest("name = \"a\"\ncomponent = \"pipe\"\n"));

        assertThat(e.key()).isEqualTo("component");
        assertThat(e.getMessage()).contains("a pipe, a device or a socket");
    }

    @Test
    void aComponentOrInitStateOverItsLimitIsRefusedNamingTheLimit() throws IOException {
        sparse(dir.resolve("huge.wasm"), BoundedFiles.MAX_COMPONENT_BYTES + 1);
        sparse(dir.resolve("huge.state"), BoundedFiles.MAX_INIT_STATE_BYTES + 1);

        assertThat(error(manifest("name = \"a\"\ncomponent = \"huge.wasm\"\n")).getMessage())
                .contains("component", "huge.wasm", "over the limit of 256 MiB");
        assertThat(error(manifest("name = \"a\"\ncomponent = \"hello.wasm\"\ninit_state = \"huge.state\"\n"))
                        .getMessage())
                .contains("init_state", "huge.state", "over the limit of 64 MiB");
    }

    @Test
    void aManifestOverOneMebibyteIsRefusedBeforeItIsParsed() throws IOException {
        Path big = manifest("name = \"" + "a".repeat(2 << 20) + "\"\ncomponent = \"hello.wasm\"\n");

        assertThat(error(big).getMessage()).contains("hello.toml", "over the limit of 1 MiB");
        assertThatThrownBy(() -> ManifestParser.parse(Files.readString(big), dir, "big.toml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("over the limit of 1 MiB");
    }

    @Test
    void deeplyNestedTomlIsRefusedNamingTheLineTheKeyAndTheLimit() throws IOException {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);

        ManifestException e = error(manifest("name = \"a\"\ncomponent = \"hello.wasm\"\nd = " + deep + "\n"));

        assertThat(e.key()).isEqualTo("d");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("hello.toml:3:", "more than 64 levels");
        ManifestException inline = error(manifest("name = \"a\"\nx = " + "{a = ".repeat(100) + "1" + "}".repeat(100)));
        assertThat(inline.getMessage()).contains("more than 64 levels");
    }

    @Test
    void bracketsInsideStringsAndCommentsDoNotCountAsNesting() throws IOException {
        String brackets = "[".repeat(200);
        Path file = manifest("name = \"a\" # " + brackets + "\ncomponent = \"hello.wasm\"\ndescription = \"" + brackets
                + "\\\"" + brackets + "\"\nversion = '''" + brackets + "'''\n");

        assertThat(ManifestParser.parse(file).description()).hasValue(brackets + "\"" + brackets);
    }

    @Test
    void aLongValueInAnErrorIsCutSoTheMessageStaysReadable() throws IOException {
        ManifestException e = error(manifest("name = \"" + "x".repeat(100_000) + "\"\ncomponent = \"hello.wasm\"\n"));

        assertThat(e.getMessage()).contains("(100000 characters)").hasSizeLessThan(1000);
    }
}

package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes leave a store consistent: no partial content is ever visible, and leftovers are cleaned up. */
class DurabilityTest {
    @TempDir
    Path home;

    ContentStore store;
    ContentRef before;

    @BeforeEach
    void storeSomething() {
        store = new Stores(home).create();
        before = store.putAtLabel("l", "before the crash".getBytes(UTF_8));
    }

    static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** A process that has exited: its pid is no longer alive (until the OS reuses it). */
    static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }

    @Test
    void aWriterKilledBetweenWriteAndRenameLeavesTheStoreConsistent() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingWriter.class.getName(),
                        home.toString(),
                        store.id(),
                        "written but never renamed")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue())
                .as("the child JVM halted in the hook; its output: %s", Files.readString(home.resolve("child.log")))
                .isEqualTo(CrashingWriter.CRASHED);
        // The crash left the complete, forced temporary file behind, as a real crash between write and rename would.
        List<Path> leftovers = files(store.tmpDirectory());
        assertThat(leftovers).hasSize(1);
        assertThat(leftovers.get(0)).hasContent("written but never renamed");

        ContentStore reopened = new Stores(home).open(store.id());

        ContentRef lost = ContentRef.of("written but never renamed".getBytes(UTF_8));
        assertThat(reopened.exists(lost)).isFalse();
        assertThat(reopened.contents()).containsExactly(before);
        assertThat(reopened.totalSize()).isEqualTo("before the crash".length());
        assertThat(reopened.labelContents("l")).containsExactly(before);
        assertThat(reopened.verify()).isEmpty();
        assertThat(files(reopened.tmpDirectory()))
                .as("the leftover is cleaned up")
                .isEmpty();
        assertThat(reopened.put("written but never renamed".getBytes(UTF_8))).isEqualTo(lost);
        assertThat(reopened.get(lost)).isEqualTo("written but never renamed".getBytes(UTF_8));
    }

    @Test
    void aPartialTemporaryFileOfADeadWriterIsNeverVisibleAndIsRemovedOnOpen() throws Exception {
        Path partial = store.tmpDirectory().resolve(deadPid() + ".0011223344556677.tmp");
        Files.write(partial, "half of some con".getBytes(UTF_8));

        ContentStore reopened = new Stores(home).open(store.id());

        assertThat(partial).doesNotExist();
        assertThat(reopened.contents()).containsExactly(before);
        assertThat(reopened.labels()).containsExactly("l");
    }

    @Test
    void aLabelIndexWriteInterruptedBeforeItsRenameLeavesTheOldLabels() throws Exception {
        ContentRef other = store.put("other".getBytes(UTF_8));
        byte[] indexBefore = Files.readAllBytes(store.labelsPath());
        // What a writer killed while writing the new index leaves: a partial new index in tmp/.
        LabelIndex next = LabelIndex.decode(indexBefore);
        next.replace("l", other);
        byte[] whole = next.encode();
        Path partial = store.tmpDirectory().resolve(deadPid() + ".8899aabbccddeeff.tmp");
        Files.write(partial, Arrays.copyOf(whole, whole.length / 2));

        ContentStore reopened = new Stores(home).open(store.id());

        assertThat(reopened.labelContents("l")).containsExactly(before);
        assertThat(Files.readAllBytes(reopened.labelsPath())).isEqualTo(indexBefore);
        assertThat(partial).doesNotExist();
    }

    @Test
    void aTemporaryFileOfALiveWriterIsLeftAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Path inProgress = store.tmpDirectory().resolve(sleeper.pid() + ".0123456789abcdef.tmp");
            Files.write(inProgress, "still being written".getBytes(UTF_8));

            new Stores(home).open(store.id());

            assertThat(inProgress).exists();
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noWriteLeavesTemporaryFilesBehind() throws Exception {
        store.put("a".getBytes(UTF_8));
        store.putAtLabel("x", "b".getBytes(UTF_8));
        store.replaceContentAtLabel("x", "c".getBytes(UTF_8));
        store.removeLabel("x");

        assertThat(files(store.tmpDirectory())).isEmpty();
        assertThat(Stream.of(store.directory().toFile().list()))
                .containsExactlyInAnyOrder("content", "labels", "tmp", "lock");
        assertThat(new File(store.directory().toFile(), "content").list()).hasSize(4);
    }
}

package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.Chain;
import dev.theater.chain.ChainHead;
import dev.theater.chain.ChainReader;
import dev.theater.chain.ChainWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChainCommandsTest {
    @TempDir
    Path dir;

    private Path file;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeChain() throws Exception {
        file = dir.resolve("actor.chain");
        Chain chain = new Chain(Clock.fixed(Instant.parse("2026-11-21T06:00:00Z"), ZoneOffset.UTC));
        try (ChainWriter writer = ChainWriter.create(file)) {
            chain.subscribe(0, writer);
            chain.append("lifecycle", "{\"from\":\"starting\",\"to\":\"idle\"}".getBytes(StandardCharsets.UTF_8), null);
            chain.append("host-call", "{\"function\":\"log\"}".getBytes(StandardCharsets.UTF_8), "log");
            chain.append("export-result", new byte[] {(byte) 0xff, 0, 1}, null);
        }
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void verifyAcceptsAnIntactChain() {
        assertThat(run("verify", file.toString())).isZero();
        assertThat(out.toString()).startsWith("intact: 3 events");
    }

    @Test
    void verifyDetectsAFlippedByteInEveryEvent() throws Exception {
        byte[] original = Files.readAllBytes(file);
        // Flip one byte near the end of each third of the file: each event's record is hit at least once.
        for (int position : new int[] {original.length / 3, 2 * original.length / 3, original.length - 5}) {
            byte[] damaged = original.clone();
            damaged[position] ^= 0x01;
            Files.write(file, damaged);
            err.getBuffer().setLength(0);
            assertThat(run("verify", file.toString()))
                    .as("flipped byte %d", position)
                    .isEqualTo(1);
            assertThat(err.toString()).contains("broken").contains("seq");
        }
    }

    @Test
    void verifyDetectsATruncatedLastRecord() throws Exception {
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, original.length - 3));
        assertThat(run("verify", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("seq 2").contains("truncated");
    }

    /** The file cut right after its first {@code events} records: whole events gone, the rest still links up. */
    private void cutToWholeEvents(int events) throws Exception {
        Path shorter = dir.resolve("shorter").resolve("actor.chain");
        Chain chain = new Chain(Clock.fixed(Instant.parse("2026-11-21T06:00:00Z"), ZoneOffset.UTC));
        try (ChainWriter writer = ChainWriter.create(shorter)) {
            chain.subscribe(0, writer);
            ChainReader.read(file).events().stream()
                    .limit(events)
                    .forEach(e -> chain.append(
                            e.eventType(), e.data(), e.description().orElse(null)));
        }
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, (int) Files.size(shorter)));
    }

    @Test
    void verifyDetectsWholeEventsCutOffAfterTheLastSync() throws Exception {
        cutToWholeEvents(2);

        assertThat(run("verify", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("seq 2", "head file recorded 3 events", "cut off its end");
    }

    @Test
    void verifyWithTheHeadKeptElsewhereDetectsACutEvenWithoutTheHeadFile() throws Exception {
        String head = ChainReader.read(file).events().getLast().hashHex();
        assertThat(run("verify", file.toString(), "--head", head)).isZero();
        cutToWholeEvents(2);
        Files.delete(ChainHead.fileFor(file));
        out.getBuffer().setLength(0);

        assertThat(run("verify", file.toString())).isZero();
        assertThat(out.toString()).contains("no head file");
        assertThat(run("verify", file.toString(), "--head", head)).isEqualTo(1);
        assertThat(err.toString()).contains("no event has the hash " + head);
    }

    @Test
    void eventsWarnsWhenTheChainItPrintsDoesNotVerify() throws Exception {
        cutToWholeEvents(2);

        assertThat(run("events", file.toString())).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(err.toString()).startsWith("warning: " + file).contains("cut off its end");
    }

    @Test
    void verifyOfAMissingFileExplainsWhereChainsLive() {
        assertThat(run("verify", dir.resolve("nope.chain").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no chain file").contains("chains/<actor-id>.chain");
    }

    @Test
    void eventsPrintsOneLinePerEvent() {
        assertThat(run("events", file.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("#0 ").contains("lifecycle").contains("\"to\":\"idle\"");
        assertThat(lines[1]).contains("host-call").contains("log");
        assertThat(lines[2]).contains("0xff0001");
    }

    @Test
    void eventsAsJsonLinesCarryEveryField() {
        assertThat(run("events", "--json", file.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0])
                .startsWith("{\"seq\":0,\"hash\":\"")
                .contains("\"parent_hash\":\"" + "0".repeat(64) + "\"")
                .contains("\"event_type\":\"lifecycle\"")
                .contains("\"data\":\"{\\\"from\\\":\\\"starting\\\",\\\"to\\\":\\\"idle\\\"}\"");
        assertThat(lines[2]).contains("\"data_hex\":\"ff0001\"");
    }

    @Test
    void eventsOfSeveralChainsNeedsCausal() {
        assertThat(run("events", file.toString(), file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("add --causal");
    }

    @Test
    void eventsCausalOfOneChainLabelsEachLineWithItsFileName() {
        assertThat(run("events", "--causal", file.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("[actor] #"));
    }
}

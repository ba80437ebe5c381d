package dev.theater.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.theater.chain.ChainFile;
import dev.theater.manifest.ManifestParser;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The ping/pong example of {@code examples/ping-pong}: ping, given pong's id, plays requests, a note and a channel
 * with pong and stops; {@code theater events ping.chain pong.chain --causal} shows both sides as one history.
 */
class PingPongExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "ping-pong");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG = "theater:simple/runtime#log";

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The actor's runtime.log lines, from its chain. */
    private static List<String> logLines(ActorRef actor) {
        return actor.controller().chain().stream()
                .filter(e -> e.eventType().equals("host-call")
                        && e.description().filter(LOG::equals).isPresent())
                .map(PingPongExampleTest::message)
                .toList();
    }

    private static String message(ChainEvent event) {
        try {
            return JSON.readTree(event.data()).path("params").path("msg").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<ActorStatus> ended(ActorRef actor) {
        CompletableFuture<ActorStatus> ended = new CompletableFuture<>();
        actor.controller().statusChanges(s -> {
            if (s.isTerminal()) {
                ended.complete(s);
            }
        });
        if (actor.controller().status().isTerminal()) {
            ended.complete(actor.controller().status());
        }
        return ended;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void pingPlaysWithPongAndTheirChainsMergeIntoOneCausalHistory(String engine) throws Exception {
        Path pingChain;
        Path pongChain;
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withDefaultEngine(engine)
                .discoverHandlers(getClass().getClassLoader())
                .build()) {
            ActorRef pong = runtime.spawn(EXAMPLE.resolve("pong.toml"));
            CompletableFuture<Void> pongSawTheClose = new CompletableFuture<>();
            runtime.subscribeChain(pong.id(), 0, e -> {
                if (e.eventType().equals("host-call")
                        && e.description().filter(LOG::equals).isPresent()
                        && message(e).equals("pong: channel closed")) {
                    pongSawTheClose.complete(null);
                }
            });
            ActorRef ping = runtime.spawn(
                    ManifestParser.parse(EXAMPLE.resolve("ping.toml")),
                    pong.id().toString().getBytes(UTF_8));
            CompletableFuture<ActorStatus> pingEnded = ended(ping);

            assertThat(pingEnded.get(10, TimeUnit.SECONDS)).isEqualTo(new ActorStatus.Stopped());
            pongSawTheClose.get(10, TimeUnit.SECONDS);
            runtime.stop(pong.id()).get(10, TimeUnit.SECONDS);

            List<String> pingLog = logLines(ping);
            assertThat(pingLog.get(0)).isEqualTo("ping: my partner is " + pong.id());
            assertThat(pingLog.subList(1, 4))
                    .containsExactly(
                            "ping: pong answered 'pong 1'",
                            "ping: pong answered 'pong 2'",
                            "ping: pong answered 'pong 3'");
            assertThat(pingLog.get(4)).matches("ping: channel [0-9a-f-]{36} is open");
            assertThat(pingLog.subList(5, pingLog.size()))
                    .containsExactly(
                            "ping: on the channel: welcome to pong",
                            "ping: on the channel: echo: how are you?",
                            "ping: closing the channel and stopping");
            assertThat(logLines(pong))
                    .containsExactly(
                            "pong: ready",
                            "pong: request 1 says 'ping 1'",
                            "pong: request 2 says 'ping 2'",
                            "pong: request 3 says 'ping 3'",
                            "pong: a note from ping: thanks for the game",
                            "pong: channel opened with 'hello pong'",
                            "pong: on the channel: how are you?",
                            "pong: channel closed");
            pingChain = ChainFile.pathFor(runtime.chainDirectory(), ping.id().toString());
            pongChain = ChainFile.pathFor(runtime.chainDirectory(), pong.id().toString());
        }

        assertThat(cli("events", pingChain.toString(), pongChain.toString(), "--causal"))
                .as(err.toString())
                .isZero();
        List<String> lines = Arrays.asList(out.toString().split("\n"));
        assertThat(lines).allMatch(l -> l.startsWith("[ping] #") || l.startsWith("[pong] #"));
        // Every received message comes after the send it names, and every message between them is matched.
        Pattern cause = Pattern.compile("<- \\[(ping|pong)] #(\\d+)$");
        int receives = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = cause.matcher(lines.get(i));
            if (lines.get(i).contains("  message-receive  ") && m.find()) {
                receives++;
                String send = "[" + m.group(1) + "] #" + m.group(2) + "  ";
                int sentAt = indexOf(lines, send);
                assertThat(sentAt)
                        .as("the send of line %d: %s", i, lines.get(i))
                        .isBetween(0, i - 1);
                assertThat(lines.get(sentAt)).contains("  message-send  ");
            }
        }
        // ping receives 3 responses, the accept, then 2 channel messages (the accept's message, which names the
        // accept, and the echo); pong receives 3 requests, the note, the open, the message and the close.
        assertThat(receives).isEqualTo(13);
        // ping sends 3 requests, the note, the open, a message and the close; pong 3 responses, the accept and the
        // echo.
        assertThat(lines.stream().filter(l -> l.contains("  message-send  "))).hasSize(12);
        assertThat(cli("verify", pingChain.toString())).isZero();
        assertThat(cli("verify", pongChain.toString())).isZero();
    }

    @Test
    void pingWithoutPongsIdFailsInInitSayingWhatItNeeds() throws Exception {
        assertThat(cli("run", EXAMPLE.resolve("ping.toml").toString(), "--home", home.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("ping needs pong's actor id");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}

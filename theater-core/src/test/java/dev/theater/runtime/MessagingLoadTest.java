package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.Chain;
import dev.theater.chain.VerifyResult;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.spi.ChainEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A million messages among a hundred actors, with chains on: every message is delivered exactly once, and the chains
 * account for every one of them. Counts, not timings. The actors run {@code guests/messaging/forwarder}: a thousand
 * tokens each travel {@value #HOPS} hops from actor to actor with {@code message-server-host#send}.
 */
class MessagingLoadTest {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingLoadTest.class);

    static final int ACTORS = 100;
    static final int TOKENS = 1_000;
    static final int HOPS = 999;
    /** Each token is delivered once from Java, then once per hop. */
    static final long MESSAGES = (long) TOKENS * (HOPS + 1);

    static final String SEND = "theater:simple/message-server-client#handle-send";
    static final String SEND_HASH = "\"send_hash\":\"";

    @TempDir
    Path home;

    @Test
    void aMillionMessagesAmongAHundredActorsAreEachDeliveredOnceAndEveryChainAccountsForThem() throws Exception {
        assertThat(MESSAGES).isEqualTo(1_000_000);
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withDefaultEngine("chicory")
                .discoverHandlers(getClass().getClassLoader())
                .build()) {
            Manifest manifest = Manifest.builder(
                            "forwarder",
                            new ComponentSource.File(Path.of(getClass()
                                    .getResource("/guests/messaging/forwarder.wasm")
                                    .toURI())))
                    .addHandler("message-server", Map.of())
                    .withSaveChain(false) // chains are recorded and hashed in memory; files would only add I/O
                    .build();
            List<ActorRef> actors = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                actors.add(runtime.spawn(manifest, null));
            }
            for (int i = 0; i < ACTORS; i++) {
                runtime.send(actors.get(i).id(), peers(i, actors)).get(10, TimeUnit.SECONDS);
            }
            AtomicLong handled = new AtomicLong();
            CompletableFuture<Void> allHandled = new CompletableFuture<>();
            List<Chain.Subscription> subscriptions = new ArrayList<>();
            for (ActorRef actor : actors) {
                subscriptions.add(runtime.subscribeChain(
                        actor.id(), actor.controller().chain().size(), e -> {
                            if (e.eventType().equals("export-result") && handled.incrementAndGet() == MESSAGES) {
                                allHandled.complete(null);
                            }
                        }));
            }

            long started = System.nanoTime();
            for (int token = 0; token < TOKENS; token++) {
                runtime.send(actors.get(token % ACTORS).id(), token(HOPS, token));
            }
            allHandled.get(120, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            subscriptions.forEach(Chain.Subscription::close);
            LOG.info(
                    "{} messages among {} actors in {} ms ({} msg/s), chains on",
                    MESSAGES,
                    ACTORS,
                    took.toMillis(),
                    MESSAGES * 1_000_000_000L / Math.max(1, took.toNanos()));

            long delivered = 0;
            long[] sendHashes = new long[(int) (MESSAGES - TOKENS)];
            long[] receivedHashes = new long[sendHashes.length];
            int sends = 0;
            int receivedFromActors = 0;
            for (ActorRef actor : actors) {
                List<ChainEvent> chain = actor.controller().chain();
                int count = counter(actor);
                int receives = 0;
                int tokenResults = 0;
                for (ChainEvent event : chain) {
                    switch (event.eventType()) {
                        case "message-send" -> sendHashes[sends++] = prefix(event.hash());
                        case "message-receive" -> {
                            String data = new String(event.data(), UTF_8);
                            int at = data.indexOf(SEND_HASH);
                            if (at >= 0) {
                                receivedHashes[receivedFromActors++] = prefix(HexFormat.of()
                                        .parseHex(data, at + SEND_HASH.length(), at + SEND_HASH.length() + 64));
                            }
                            receives++;
                        }
                        case "export-result" -> {
                            if (event.description().filter(SEND::equals).isPresent()) {
                                tokenResults++;
                            }
                        }
                        default -> {}
                    }
                }
                // One receive and one handled call per token, plus the peers message.
                assertThat(receives).as("receives of actor %s", actor.id()).isEqualTo(count + 1);
                assertThat(tokenResults)
                        .as("handled calls of actor %s", actor.id())
                        .isEqualTo(count + 1);
                assertThat(actor.controller().metrics().operationsFailed()).isZero();
                delivered += count;
            }
            assertThat(delivered).isEqualTo(MESSAGES);
            assertThat(sends).isEqualTo(sendHashes.length);
            assertThat(receivedFromActors).isEqualTo(receivedHashes.length);
            // Exactly once: every send event is named by exactly one receive event, and no receive names another.
            Arrays.sort(sendHashes);
            Arrays.sort(receivedHashes);
            for (int i = 1; i < sendHashes.length; i++) {
                assertThat(sendHashes[i]).isNotEqualTo(sendHashes[i - 1]);
            }
            assertThat(Arrays.equals(sendHashes, receivedHashes))
                    .as("the sends and the receives name the same events")
                    .isTrue();
            assertThat(Chain.verify(actors.get(0).controller().chain())).isInstanceOf(VerifyResult.Intact.class);
        }
    }

    /** 'P', then the actor's index, the number of peers and their ids (little-endian u32s, 36-byte ids). */
    private static byte[] peers(int self, List<ActorRef> actors) {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 36 * actors.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'P').putInt(self).putInt(actors.size());
        for (ActorRef actor : actors) {
            out.put(actor.id().toString().getBytes(UTF_8));
        }
        return out.array();
    }

    /** 'T', then the hops still to go and the token's number (little-endian u32s). */
    private static byte[] token(int hops, int token) {
        return ByteBuffer.allocate(9)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'T')
                .putInt(hops)
                .putInt(token)
                .array();
    }

    private static int counter(ActorRef actor) {
        return actor.controller()
                .state()
                .map(s -> ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .orElse(0);
    }

    /** The first 8 bytes of a hash: enough to tell a million events apart (a collision has odds of about 1 in 30 million). */
    private static long prefix(byte[] hash) {
        return ByteBuffer.wrap(hash).getLong();
    }
}

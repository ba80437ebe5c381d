package dev.theater.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.theater.spi.ChainEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainTest {
    private static final Duration DEADLOCK_GUARD = Duration.ofSeconds(30);

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static Chain chainOf(int events) {
        Chain chain = new Chain(new TickingClock());
        for (int i = 0; i < events; i++) {
            chain.append(i % 2 == 0 ? "host-call" : "export-result", bytes("event " + i), i % 3 == 0 ? null : "d" + i);
        }
        return chain;
    }

    @Test
    void appendedEventsLinkToTheirParentAndVerify() {
        Chain chain = new Chain(new TickingClock());

        ChainEvent first = chain.append("lifecycle", bytes("starting"), null);
        ChainEvent second = chain.append("host-call", bytes("hello"), "runtime.log: hello");

        assertThat(first.seq()).isZero();
        assertThat(first.parentHash()).isEqualTo(ChainEvents.zeroHash());
        assertThat(second.seq()).isEqualTo(1);
        assertThat(second.parentHash()).isEqualTo(first.hash());
        assertThat(second.description()).contains("runtime.log: hello");
        assertThat(ChainEvents.hasValidHash(first)).isTrue();
        assertThat(ChainEvents.hasValidHash(second)).isTrue();
        assertThat(chain.length()).isEqualTo(2);
        assertThat(chain.head()).contains(second);
        assertThat(chain.headHash()).isEqualTo(second.hash());
        assertThat(Chain.verify(chain.snapshot())).isEqualTo(new VerifyResult.Intact(2, second.hash()));
    }

    @Test
    void anEmptyChainVerifiesWithTheZeroHashAsHead() {
        Chain chain = new Chain(new TickingClock());

        assertThat(chain.head()).isEmpty();
        assertThat(chain.length()).isZero();
        assertThat(chain.headHash()).isEqualTo(ChainEvents.zeroHash());
        assertThat(Chain.verify(chain.snapshot())).isEqualTo(new VerifyResult.Intact(0, ChainEvents.zeroHash()));
    }

    @Test
    void timestampsComeFromTheInjectedClockTruncatedToMicroseconds() {
        Chain chain = new Chain(new TickingClock(Duration.ofNanos(1_500)));

        List<Instant> times = List.of(
                chain.append("lifecycle", new byte[0], null).timestamp(),
                chain.append("lifecycle", new byte[0], null).timestamp(),
                chain.append("lifecycle", new byte[0], null).timestamp());

        assertThat(times)
                .containsExactly(
                        TickingClock.START, TickingClock.START.plusNanos(1_000), TickingClock.START.plusNanos(3_000));
    }

    @Test
    void theSameAppendsWithTheSameClockGiveTheSameHashes() {
        assertThat(chainOf(5).snapshot()).isEqualTo(chainOf(5).snapshot());
    }

    @Test
    void sinceReturnsTheEventsFromASeqOn() {
        Chain chain = chainOf(5);

        assertThat(chain.since(0)).isEqualTo(chain.snapshot());
        assertThat(chain.since(3)).extracting(ChainEvent::seq).containsExactly(3L, 4L);
        assertThat(chain.since(5)).isEmpty();
        assertThat(chain.since(50)).isEmpty();
        assertThatThrownBy(() -> chain.since(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsAreImmutableAndUnchangedByLaterAppends() {
        Chain chain = chainOf(3);
        List<ChainEvent> before = chain.snapshot();
        List<ChainEvent> copy = List.copyOf(before);

        chain.append("host-call", bytes("later"), null);

        assertThat(before).hasSize(3).isEqualTo(copy);
        assertThat(chain.snapshot()).hasSize(4);
        assertThatThrownBy(() -> before.add(copy.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> before.set(0, copy.get(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readersDoNotWaitBehindAnAppendInProgress() throws Exception {
        Chain chain = chainOf(3);
        List<ChainEvent> before = chain.snapshot();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        chain.subscribe(event -> {
            inListener.countDown();
            await(release);
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<ChainEvent> appended = writer.submit(() -> chain.append("host-call", bytes("slow"), null));
            assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();

            // The writer holds the append lock inside its listener; reads must still complete.
            assertTimeoutPreemptively(DEADLOCK_GUARD, () -> {
                assertThat(chain.length()).isEqualTo(4);
                assertThat(chain.snapshot()).startsWith(before.toArray(ChainEvent[]::new));
                assertThat(chain.head()).map(ChainEvent::seq).contains(3L);
                assertThat(before).hasSize(3);
            });

            release.countDown();
            assertThat(appended.get(30, TimeUnit.SECONDS).seq()).isEqualTo(3);
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void concurrentReadersAlwaysSeeAWholeVerifiableChain() throws Exception {
        Chain chain = new Chain(new TickingClock());
        int appends = 2_000;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int i = 0; i < appends; i++) {
                    chain.append("message-send", bytes("m" + i), null);
                }
                return null;
            });
            Future<List<String>> reader = pool.submit(() -> {
                start.await();
                List<String> problems = new ArrayList<>();
                long seen = 0;
                while (seen < appends) {
                    List<ChainEvent> snapshot = chain.snapshot();
                    if (snapshot.size() < seen) {
                        problems.add("snapshot shrank from " + seen + " to " + snapshot.size());
                    }
                    VerifyResult result = Chain.verify(snapshot);
                    if (!result.isIntact()) {
                        problems.add(result.toString());
                    }
                    seen = snapshot.size();
                }
                return problems;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(chain.length()).isEqualTo(appends);
    }

    @Test
    void concurrentAppendsAreSerializedIntoOneChain() throws Exception {
        Chain chain = new Chain(new TickingClock());
        int threads = 4;
        int perThread = 500;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        chain.append("host-call", bytes(id + ":" + i), null);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(chain.length()).isEqualTo((long) threads * perThread);
        assertThat(Chain.verify(chain.snapshot()).isIntact()).isTrue();
    }

    @Test
    void subscribersReceiveEveryEventInOrderEvenWithConcurrentAppenders() throws Exception {
        Chain chain = new Chain(new TickingClock());
        List<ChainEvent> received = new ArrayList<>();
        chain.subscribe(received::add);
        int threads = 4;
        int perThread = 250;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        chain.append("message-receive", new byte[] {(byte) i}, null);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(received).isEqualTo(chain.snapshot());
    }

    @Test
    void subscribingFromASeqReplaysThenStreamsWithoutGapOrRepeat() {
        Chain chain = chainOf(4);
        List<Long> seqs = new ArrayList<>();

        chain.subscribe(2, event -> seqs.add(event.seq()));
        chain.append("host-call", new byte[0], null);

        assertThat(seqs).containsExactly(2L, 3L, 4L);
        assertThatThrownBy(() -> chain.subscribe(6, event -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromSeq must be 0 to 5");
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        Chain chain = new Chain(new TickingClock());
        List<Long> seqs = new ArrayList<>();
        Chain.Subscription subscription = chain.subscribe(event -> seqs.add(event.seq()));

        chain.append("lifecycle", new byte[0], null);
        subscription.close();
        subscription.close();
        chain.append("lifecycle", new byte[0], null);

        assertThat(seqs).containsExactly(0L);
    }

    @Test
    void aFailingListenerDoesNotStopTheAppendOrOtherListeners() {
        Chain chain = new Chain(new TickingClock());
        List<Long> others = new ArrayList<>();
        chain.subscribe(event -> {
            throw new IllegalStateException("disk full");
        });
        chain.subscribe(event -> others.add(event.seq()));

        assertThatThrownBy(() -> chain.append("host-call", new byte[0], null))
                .isInstanceOf(ChainListenerException.class)
                .hasMessageContaining("event seq 0 (host-call) was appended")
                .hasMessageContaining("disk full")
                .satisfies(e -> assertThat(((ChainListenerException) e).event())
                        .isEqualTo(chain.head().orElseThrow()));
        assertThat(chain.length()).isEqualTo(1);
        assertThat(others).containsExactly(0L);
    }

    @Test
    void aListenerMustNotAppendToItsOwnChain() {
        Chain chain = new Chain(new TickingClock());
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        chain.subscribe(event -> {
            try {
                chain.append("lifecycle", new byte[0], null);
            } catch (IllegalStateException e) {
                refused.set(e);
            }
        });

        chain.append("host-call", new byte[0], null);

        assertThat(refused.get()).hasMessageContaining("must not append");
        assertThat(chain.length()).isEqualTo(1);
    }

    @Test
    void anInvalidEventIsRefusedAndNothingIsAppended() {
        Chain chain = chainOf(1);

        assertThatThrownBy(() -> chain.append("Host Call", new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Host Call' is invalid");
        assertThat(chain.length()).isEqualTo(1);
    }

    @Test
    void restoreContinuesAVerifiedChain() {
        Chain original = chainOf(3);

        Chain restored = Chain.restore(original.snapshot(), new TickingClock());
        ChainEvent next = restored.append("lifecycle", bytes("resumed"), null);

        assertThat(next.seq()).isEqualTo(3);
        assertThat(next.parentHash()).isEqualTo(original.headHash());
        assertThat(Chain.verify(restored.snapshot()).isIntact()).isTrue();
    }

    @Test
    void restoreRefusesEventsThatDoNotVerify() {
        List<ChainEvent> events = new ArrayList<>(chainOf(3).snapshot());
        events.remove(1);

        assertThatThrownBy(() -> Chain.restore(events, new TickingClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chain broken at seq 1");
    }

    @Test
    void aModifiedFieldInAnyEventIsAWrongHashAtThatEvent() {
        List<ChainEvent> events = chainOf(4).snapshot();
        List<UnaryOperator<ChainEvent>> modifications = List.of(
                e -> ChainEvents.of(
                        e.seq(), e.hash(), e.parentHash(), "host-calls", e.data(), e.timestamp(), e.description()),
                e -> ChainEvents.of(
                        e.seq(),
                        e.hash(),
                        e.parentHash(),
                        e.eventType(),
                        bytes("tampered"),
                        e.timestamp(),
                        e.description()),
                e -> ChainEvents.of(
                        e.seq(),
                        e.hash(),
                        e.parentHash(),
                        e.eventType(),
                        e.data(),
                        e.timestamp().plusNanos(1_000),
                        e.description()),
                e -> ChainEvents.of(
                        e.seq(), e.hash(), e.parentHash(), e.eventType(), e.data(), e.timestamp(), Optional.of("x")),
                e -> ChainEvents.of(
                        e.seq(),
                        e.hash(),
                        e.parentHash(),
                        e.eventType(),
                        e.data(),
                        e.timestamp(),
                        e.description().isPresent() ? Optional.empty() : Optional.of("")),
                e -> ChainEvents.of(
                        e.seq() + 7,
                        e.hash(),
                        e.parentHash(),
                        e.eventType(),
                        e.data(),
                        e.timestamp(),
                        e.description()));
        for (int position = 0; position < events.size(); position++) {
            for (UnaryOperator<ChainEvent> modification : modifications) {
                List<ChainEvent> tampered = new ArrayList<>(events);
                tampered.set(position, modification.apply(events.get(position)));

                VerifyResult result = Chain.verify(tampered);

                assertThat(result)
                        .isEqualTo(new VerifyResult.Broken(
                                position,
                                OptionalLong.empty(),
                                VerifyResult.Problem.WRONG_HASH,
                                ((VerifyResult.Broken) result).reason()));
            }
        }
    }

    @Test
    void aRewrittenEventWithARecomputedHashBreaksTheLinkOfTheNextEvent() {
        List<ChainEvent> events = new ArrayList<>(chainOf(4).snapshot());
        ChainEvent original = events.get(1);
        events.set(
                1,
                ChainEvents.compute(
                        1,
                        original.parentHash(),
                        original.eventType(),
                        bytes("forged"),
                        original.timestamp(),
                        original.description()));

        VerifyResult result = Chain.verify(events);

        assertThat(result).isInstanceOfSatisfying(VerifyResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.PARENT_MISMATCH);
            assertThat(broken.reason())
                    .contains("previous event's hash is " + events.get(1).hashHex());
        });
    }

    @Test
    void aRemovedEventIsASeqGap() {
        List<ChainEvent> events = new ArrayList<>(chainOf(4).snapshot());
        events.remove(2);

        assertThat(Chain.verify(events)).isInstanceOfSatisfying(VerifyResult.Broken.class, broken -> {
            assertThat(broken.seq()).isEqualTo(2);
            assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.SEQ_GAP);
            assertThat(broken.reason()).contains("the event at position 2 has seq 3");
        });
    }

    @Test
    void aFirstEventWithANonZeroParentIsAParentMismatch() {
        ChainEvent first =
                ChainEvents.compute(0, new byte[32], "lifecycle", new byte[0], TickingClock.START, Optional.empty());
        byte[] parent = new byte[32];
        parent[31] = 1;
        ChainEvent orphan =
                ChainEvents.compute(0, parent, "lifecycle", new byte[0], TickingClock.START, Optional.empty());

        assertThat(Chain.verify(List.of(first)).isIntact()).isTrue();
        assertThat(Chain.verify(List.of(orphan))).isInstanceOfSatisfying(VerifyResult.Broken.class, broken -> {
            assertThat(broken.problem()).isEqualTo(VerifyResult.Problem.PARENT_MISMATCH);
            assertThat(broken.reason()).contains("the first event must have the all-zero parent hash");
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch was not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

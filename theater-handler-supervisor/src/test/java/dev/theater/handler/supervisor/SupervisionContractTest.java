package dev.theater.handler.supervisor;

import static dev.theater.handler.supervisor.TreeFixture.awaitTerminal;
import static dev.theater.handler.supervisor.TreeFixture.decisions;
import static dev.theater.handler.supervisor.TreeFixture.failure;
import static dev.theater.handler.supervisor.TreeFixture.lines;
import static dev.theater.handler.supervisor.TreeFixture.log;
import static dev.theater.handler.supervisor.TreeFixture.poke;
import static dev.theater.handler.supervisor.TreeFixture.spawned;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.Chain;
import dev.theater.chain.ChainFile;
import dev.theater.chain.ChainReader;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerifyResult;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.SpawnException;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision end to end: WAT parents that spawn WAT children which crash on demand, with the supervisor's time on a
 * virtual clock. Each engine's test extends this class; the same guests and assertions run on all of them. Each test checks one rule of {@code docs/supervision.md} by what a user sees:
 * the parent's log of notifications (its state), the tree, the chains and the clock's scheduled delays.
 */
abstract class SupervisionContractTest {
    /** Errors of kind {@code internal} (a trap, an err, a failed start) have this wit-error-type discriminant. */
    static final String INTERNAL = "5";

    static final String QUICK = """
            backoff_min = "100ms"
            backoff_max = "1s"
            max_restarts = 5
            period = "1m"
            """;

    @TempDir
    Path dir;

    TreeFixture tree;

    /** The wasm engine this suite runs on. */
    abstract String engine();

    @BeforeEach
    void start() {
        tree = new TreeFixture(dir, engine(), () -> 0, new FetchHandlerFactory());
    }

    @AfterEach
    void stop() {
        tree.close();
    }

    private ActorRef boss(String supervision, Path... children) {
        return tree.spawn(tree.parent("boss", supervision, children));
    }

    private static String strategy(String strategy) {
        return QUICK + "strategy = \"" + strategy + "\"\n";
    }

    // ---- the tree ----

    @Test
    void parentSpawnsItsChildrenAndTheRuntimeRecordsTheTree() {
        ActorRef boss = boss(QUICK, tree.child("a"), tree.child("b"));

        List<ActorId> children = spawned(boss);
        assertThat(children).hasSize(2);
        assertThat(tree.runtime.childrenOf(boss.id())).containsExactlyElementsOf(children);
        assertThat(tree.runtime.parentOf(children.get(0))).contains(boss.id());
        assertThat(tree.runtime.parentOf(boss.id())).isEmpty();
        assertThat(tree.send(boss, "l")).containsExactly("children 2 " + children.get(0) + " " + children.get(1));
        String starting =
                new String(tree.ref(children.get(0)).controller().chain().get(0).data(), UTF_8);
        assertThat(starting).contains("\"parent\":\"" + boss.id() + "\"");
    }

    @Test
    void stoppingAParentStopsItsSubtreeChildrenFirst() {
        Path worker = tree.child("worker");
        Path middle = tree.parent("middle", QUICK, worker);
        ActorRef top = tree.spawn(tree.parent("top", QUICK, middle));
        ActorRef mid = tree.ref(spawned(top).get(0));
        ActorRef leaf = tree.ref(spawned(mid).get(0));
        // Chain listeners run as the event is appended, so this records the order the actors really stopped in.
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        for (ActorRef actor : List.of(top, mid, leaf)) {
            String name = actor == top ? "top" : actor == mid ? "middle" : "worker";
            tree.runtime.subscribeChain(actor.id(), 0, e -> {
                if (e.eventType().equals("lifecycle")
                        && e.description().orElse("").equals("stopped")) {
                    order.add(name);
                }
            });
        }

        TreeFixture.await(tree.runtime.stop(top.id()));

        assertThat(order).containsExactly("worker", "middle", "top");
        assertThat(tree.runtime.list()).isEmpty();
        assertThat(log(top)).doesNotContain("external-stop", "error");
    }

    // ---- strategies ----

    @Test
    void oneForOneRestartsOnlyTheFailedChildAfterItsBackoff() {
        ActorRef boss = boss(strategy("one-for-one"), tree.child("a"), tree.child("b"));
        ActorRef a = tree.ref(spawned(boss).get(0));
        ActorRef b = tree.ref(spawned(boss).get(1));

        assertThat(failure(poke(a, "t"))).isInstanceOf(ActorException.Trap.class);
        tree.awaitPending(1);
        assertThat(tree.clock.pendingDelays()).containsExactly(Duration.ofMillis(100));
        assertThat(tree.awaitLine(boss, "error ")).isEqualTo("error " + a.id() + " " + INTERNAL);
        assertThat(a.controller().status()).isInstanceOf(ActorStatus.Failed.class);
        assertThat(tree.runtime.childrenOf(boss.id())).containsExactly(a.id(), b.id());

        tree.clock.advance(Duration.ofMillis(99));
        assertThat(tree.runtime.lookup(a.id())).isEmpty();
        tree.clock.advance(Duration.ofMillis(1));

        ActorRef fresh = tree.ref(a.id());
        assertThat(fresh.controller()).isNotSameAs(a.controller());
        assertThat(fresh.controller().status()).isEqualTo(new ActorStatus.Idle());
        assertThat(fresh.controller().metrics().restarts()).isEqualTo(1);
        assertThat(tree.ref(b.id()).controller()).isSameAs(b.controller());
        assertThat(b.controller().metrics().restarts()).isZero();
        assertThat(decisions(boss.controller(), "backoff").get(0))
                .contains("\"child\":\"" + a.id() + "\"", "\"delay_ms\":100", "\"strategy\":\"one-for-one\"");
        assertThat(decisions(boss.controller(), "restart").get(0))
                .contains("\"child\":\"" + a.id() + "\"", "\"restarts\":1");
    }

    @Test
    void oneForAllRestartsEveryChildWhenOneFails() {
        ActorRef boss = boss(strategy("one-for-all"), tree.child("a"), tree.child("b"), tree.child("c"));
        List<ActorRef> kids = spawned(boss).stream().map(tree::ref).toList();

        failure(poke(kids.get(1), "t"));
        tree.awaitPending(1);
        awaitTerminal(kids.get(0).controller());
        awaitTerminal(kids.get(2).controller());
        assertThat(kids.get(0).controller().status()).isEqualTo(new ActorStatus.Stopped());
        tree.clock.advance(Duration.ofMillis(100));

        for (ActorRef kid : kids) {
            ActorRef fresh = tree.ref(kid.id());
            assertThat(fresh.controller()).isNotSameAs(kid.controller());
            assertThat(fresh.controller().metrics().restarts()).isEqualTo(1);
        }
        assertThat(decisions(boss.controller(), "restart"))
                .extracting(d -> TreeFixture.firstId(d))
                .containsExactly(
                        kids.get(0).id().toString(),
                        kids.get(1).id().toString(),
                        kids.get(2).id().toString());
        // The siblings were stopped by their parent: no notification for them, only the failure.
        assertThat(lines(boss))
                .filteredOn(l -> l.startsWith("error ") || l.startsWith("external-stop "))
                .containsExactly("error " + kids.get(1).id() + " " + INTERNAL);
    }

    @Test
    void restForOneRestartsTheFailedChildAndThoseSpawnedAfterIt() {
        ActorRef boss = boss(strategy("rest-for-one"), tree.child("a"), tree.child("b"), tree.child("c"));
        List<ActorRef> kids = spawned(boss).stream().map(tree::ref).toList();

        failure(poke(kids.get(1), "t"));
        tree.awaitPending(1);
        awaitTerminal(kids.get(2).controller());
        tree.clock.advance(Duration.ofMillis(100));

        assertThat(tree.ref(kids.get(0).id()).controller()).isSameAs(kids.get(0).controller());
        assertThat(tree.ref(kids.get(1).id()).controller().metrics().restarts()).isEqualTo(1);
        assertThat(tree.ref(kids.get(2).id()).controller().metrics().restarts()).isEqualTo(1);
        assertThat(decisions(boss.controller(), "backoff").get(0))
                .contains("\"restarting\":[\"" + kids.get(1).id() + "\",\""
                        + kids.get(2).id() + "\"]");
    }

    // ---- restart types ----

    @Test
    void permanentChildIsRestartedAfterANormalExit() {
        ActorRef boss = boss(QUICK + "restart = \"permanent\"\n", tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));

        tree.send(a, "Sbye");
        TreeFixture.await(poke(a, "x"));

        assertThat(tree.awaitLine(boss, "exit ")).isEqualTo("exit " + a.id() + " bye");
        tree.awaitPending(1);
        tree.clock.advance(Duration.ofMillis(100));
        assertThat(tree.ref(a.id()).controller().metrics().restarts()).isEqualTo(1);
    }

    @Test
    void transientChildIsRestartedAfterAFailureButNotAfterANormalExit() {
        ActorRef boss = boss(QUICK + "restart = \"transient\"\n", tree.child("a"), tree.child("b"));
        ActorRef a = tree.ref(spawned(boss).get(0));
        ActorRef b = tree.ref(spawned(boss).get(1));

        failure(poke(a, "t"));
        tree.awaitPending(1);
        tree.clock.advance(Duration.ofMillis(100));
        assertThat(tree.ref(a.id()).controller().metrics().restarts()).isEqualTo(1);

        TreeFixture.await(poke(b, "x"));
        tree.awaitDecisions(boss, "no-restart", 1);
        assertThat(tree.awaitLine(boss, "exit ")).isEqualTo("exit " + b.id() + " none");
        assertThat(decisions(boss.controller(), "no-restart").get(0))
                .contains("\"child\":\"" + b.id() + "\"", "\"restart\":\"transient\"", "\"trigger\":\"exited\"");
        assertThat(tree.clock.pending()).isZero();
        assertThat(tree.runtime.childrenOf(boss.id())).containsExactly(a.id());
    }

    @Test
    void temporaryChildIsNeverRestarted() {
        ActorRef boss = boss(QUICK + "restart = \"temporary\"\n", tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));

        failure(poke(a, "t"));

        tree.awaitDecisions(boss, "no-restart", 1);
        assertThat(tree.awaitLine(boss, "error ")).isEqualTo("error " + a.id() + " " + INTERNAL);
        assertThat(tree.clock.pending()).isZero();
        assertThat(tree.runtime.childrenOf(boss.id())).isEmpty();
        assertThat(tree.send(boss, "l")).containsExactly("children 0");
    }

    @Test
    void childStoppedFromOutsideIsReportedAndRestartedWhenPermanent() {
        ActorRef boss = boss(QUICK, tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));

        TreeFixture.await(tree.runtime.stop(a.id()));

        assertThat(tree.awaitLine(boss, "external-stop ")).isEqualTo("external-stop " + a.id());
        tree.awaitPending(1);
        tree.clock.advance(Duration.ofMillis(100));
        assertThat(tree.ref(a.id()).controller().metrics().restarts()).isEqualTo(1);
    }

    @Test
    void perChildOverridesInTheSupervisorTableBeatTheParentsPolicy() {
        Path manifest = tree.parent(
                "boss",
                QUICK + "restart = \"permanent\"\n",
                "[handler.children.a]\nrestart = \"temporary\"\n",
                tree.child("a"),
                tree.child("b"));
        ActorRef boss = tree.spawn(manifest);
        ActorRef a = tree.ref(spawned(boss).get(0));
        ActorRef b = tree.ref(spawned(boss).get(1));

        failure(poke(a, "t"));
        tree.awaitDecisions(boss, "no-restart", 1);
        failure(poke(b, "t"));
        tree.awaitDecisions(boss, "backoff", 1);

        assertThat(decisions(boss.controller(), "no-restart").get(0)).contains("\"child\":\"" + a.id() + "\"");
        assertThat(decisions(boss.controller(), "backoff").get(0)).contains("\"child\":\"" + b.id() + "\"");
    }

    @Test
    void aMisspeltOverrideFailsTheParentsSpawnNamingTheKey() {
        Path manifest = tree.parent("boss", QUICK, "[handler.children.a]\nrestrat = \"temporary\"\n");

        assertThatThrownBy(() -> tree.spawn(manifest))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("children.a.restrat")
                .hasMessageContaining("restart, restart_state, backoff_min, backoff_max");
    }

    // ---- restart state ----

    @Test
    void restartStateLastKeepsTheStateTheChildHadWhenItFailed() {
        ActorRef last = tree.spawn(tree.parent("keeper", QUICK + "restart_state = \"last\"\n", tree.child("a")));
        ActorRef initial =
                tree.spawn(tree.parent("resetter", QUICK + "restart_state = \"initial\"\n", tree.child("b")));
        ActorRef a = tree.ref(spawned(last).get(0));
        ActorRef b = tree.ref(spawned(initial).get(0));
        for (int i = 0; i < 3; i++) {
            tree.send(a, "c");
            tree.send(b, "c");
        }

        failure(poke(a, "t"));
        failure(poke(b, "t"));
        tree.awaitPending(2);
        tree.clock.advance(Duration.ofMillis(100));

        assertThat(counter(tree.ref(a.id()))).isEqualTo(3);
        assertThat(tree.ref(b.id()).controller().state()).isEmpty();
        assertThat(new String(
                        events(tree.ref(a.id()).controller(), "supervision")
                                .getLast()
                                .data(),
                        UTF_8))
                .contains("\"action\":\"restart\"", "\"state\":\"last\"", "\"state_sha256\":\"");
    }

    // ---- intensity, escalation, backoff ----

    @Test
    void intensityExceededStopsTheSubtreeAndEscalatesToTheGrandparent() {
        Path worker = tree.child("worker");
        Path middle = tree.parent(
                "middle",
                "max_restarts = 2\nperiod = \"1m\"\nbackoff_min = \"10ms\"\nbackoff_max = \"10ms\"\n",
                worker);
        ActorRef top = tree.spawn(tree.parent("top", QUICK, middle));
        ActorId midId = spawned(top).get(0);
        ActorRef mid = tree.ref(midId);
        ActorId workerId = spawned(mid).get(0);

        for (int crash = 1; crash <= 2; crash++) {
            failure(poke(tree.ref(workerId), "t"));
            tree.awaitRequested(crash);
            assertThat(tree.clock.advanceToNext()).isTrue();
        }
        failure(poke(tree.ref(workerId), "t"));

        awaitTerminal(mid.controller());
        assertThat(mid.controller().status()).isInstanceOf(ActorStatus.Failed.class);
        assertThat(((ActorStatus.Failed) mid.controller().status()).reason()).contains("gave up", "max_restarts = 2");
        assertThat(decisions(mid.controller(), "escalate").get(0))
                .contains("\"child\":\"" + workerId + "\"", "\"restarts_in_period\":2", "\"max_restarts\":2");
        assertThat(tree.runtime.lookup(workerId)).isEmpty();
        assertThat(tree.awaitLine(top, "error ")).isEqualTo("error " + midId + " " + INTERNAL);

        // The grandparent applies its own policy: it restarts the middle supervisor, which spawns a fresh worker.
        tree.awaitRequested(3);
        tree.clock.advanceToNext();
        ActorRef freshMid = tree.ref(midId);
        assertThat(freshMid.controller().metrics().restarts()).isEqualTo(1);
        assertThat(spawned(freshMid)).hasSize(1).doesNotContain(workerId);
    }

    @Test
    void backoffDelaysGrowAndAreCappedOnTheVirtualClock() {
        ActorRef boss = boss(
                "max_restarts = 7\nperiod = \"1h\"\nbackoff_min = \"10ms\"\nbackoff_max = \"80ms\"\n"
                        + "restart_state = \"last\"\n",
                tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));
        tree.send(a, "S!t"); // every restart from this state traps in init

        failure(poke(a, "t"));
        for (int attempt = 1; attempt <= 7; attempt++) {
            tree.awaitRequested(attempt);
            tree.clock.advanceToNext();
        }

        assertThat(tree.clock.requestedDelays())
                .containsExactly(
                        Duration.ofMillis(10),
                        Duration.ofMillis(20),
                        Duration.ofMillis(40),
                        Duration.ofMillis(80),
                        Duration.ofMillis(80),
                        Duration.ofMillis(80),
                        Duration.ofMillis(80));
        assertThat(decisions(boss.controller(), "restart-failed")).hasSize(7);
        assertThat(decisions(boss.controller(), "escalate")).hasSize(1);
        awaitTerminal(boss.controller());
        assertThat(boss.controller().status()).isInstanceOf(ActorStatus.Failed.class);
    }

    @Test
    void crashLoopingChildWaitsOnTheClockInsteadOfSpinning() {
        ActorRef boss = boss(
                "max_restarts = 100\nperiod = \"1h\"\nbackoff_min = \"50ms\"\nbackoff_max = \"1s\"\n"
                        + "restart_state = \"last\"\n",
                tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));
        tree.send(a, "S!t");
        failure(poke(a, "t"));
        tree.awaitRequested(1);
        tree.clock.advanceToNext();
        tree.awaitRequested(2);
        tree.awaitQuiet(boss); // the failed restart's handle-child-error has run, so the chain is settled
        int attempts = decisions(boss.controller(), "restart-failed").size();
        long chainLength = boss.controller().metrics().chainLength();

        // However long the test waits, nothing runs until the clock moves: the loop is parked on the scheduler.
        for (int i = 0; i < 20; i++) {
            tree.clock.runDue();
        }
        tree.clock.advance(Duration.ofMillis(99));

        assertThat(tree.clock.pending()).isEqualTo(1);
        assertThat(decisions(boss.controller(), "restart-failed")).hasSize(attempts);
        assertThat(boss.controller().metrics().chainLength()).isEqualTo(chainLength);
        assertThat(tree.runtime.lookup(a.id())).isEmpty();
        tree.clock.advance(Duration.ofMillis(1));
        assertThat(decisions(boss.controller(), "restart-failed")).hasSize(attempts + 1);
    }

    @Test
    void restartsOlderThanThePeriodStopCountingAndTheBackoffStartsAgainAtItsMinimum() {
        ActorRef boss = boss(
                "max_restarts = 2\nperiod = \"1m\"\nbackoff_min = \"10ms\"\nbackoff_max = \"1s\"\n", tree.child("a"));
        ActorId a = spawned(boss).get(0);
        for (int crash = 1; crash <= 2; crash++) {
            failure(poke(tree.ref(a), "t"));
            tree.awaitRequested(crash);
            tree.clock.advanceToNext();
        }

        // The child stays up a whole period: both restarts leave the window.
        tree.clock.advance(Duration.ofMinutes(1));
        failure(poke(tree.ref(a), "t"));
        tree.awaitRequested(3);
        tree.clock.advanceToNext();

        assertThat(tree.clock.requestedDelays())
                .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(10));
        assertThat(decisions(boss.controller(), "backoff").get(2))
                .contains("\"attempt\":1", "\"restarts_in_period\":1", "\"max_restarts\":2");
        assertThat(decisions(boss.controller(), "escalate")).isEmpty();
        assertThat(tree.ref(a).controller().metrics().restarts()).isEqualTo(3);
    }

    @Test
    void restartsWithinThePeriodStillCount() {
        ActorRef boss = boss(
                "max_restarts = 1\nperiod = \"1m\"\nbackoff_min = \"10ms\"\nbackoff_max = \"10ms\"\n", tree.child("a"));
        ActorId a = spawned(boss).get(0);
        failure(poke(tree.ref(a), "t"));
        tree.awaitRequested(1);
        tree.clock.advanceToNext();

        tree.clock.advance(Duration.ofMinutes(1).minusMillis(20));
        failure(poke(tree.ref(a), "t"));

        awaitTerminal(boss.controller());
        assertThat(decisions(boss.controller(), "escalate")).hasSize(1);
        assertThat(tree.clock.requestedDelays()).hasSize(1);
    }

    @Test
    void maxRestartsZeroEscalatesTheFirstFailure() {
        ActorRef boss = boss(
                "max_restarts = 0\nperiod = \"1m\"\nbackoff_min = \"10ms\"\nbackoff_max = \"10ms\"\n", tree.child("a"));
        ActorId a = spawned(boss).get(0);

        failure(poke(tree.ref(a), "t"));

        awaitTerminal(boss.controller());
        assertThat(((ActorStatus.Failed) boss.controller().status()).reason()).contains("max_restarts = 0");
        assertThat(decisions(boss.controller(), "escalate")).hasSize(1);
        assertThat(tree.clock.requestedDelays()).isEmpty();
        assertThat(tree.runtime.lookup(a)).isEmpty();
    }

    @Test
    void aBackoffMaxBelowBackoffMinFailsTheSpawnNamingTheKey() {
        Path override =
                tree.parent("boss", QUICK, "[handler.children.a]\nbackoff_min = \"1s\"\nbackoff_max = \"10ms\"\n");
        Path policy = tree.parent("chief", "backoff_min = \"1s\"\nbackoff_max = \"10ms\"\n");

        assertThatThrownBy(() -> tree.spawn(override))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("backoff_max");
        assertThatThrownBy(() -> tree.spawn(policy))
                .hasMessageContaining("backoff_max")
                .hasMessageContaining("less than backoff_min");
    }

    @Test
    void aTemporarySiblingStoppedForAGroupRestartIsNotStartedAgain() {
        ActorRef boss = tree.spawn(tree.parent(
                "boss",
                strategy("one-for-all"),
                "[handler.children.b]\nrestart = \"temporary\"\n",
                tree.child("a"),
                tree.child("b")));
        List<ActorId> kids = spawned(boss);

        failure(poke(tree.ref(kids.get(0)), "t"));
        tree.awaitPending(1);
        tree.clock.advance(Duration.ofMillis(100));

        assertThat(tree.ref(kids.get(0)).controller().metrics().restarts()).isEqualTo(1);
        assertThat(tree.runtime.lookup(kids.get(1))).isEmpty();
        assertThat(decisions(boss.controller(), "restart"))
                .extracting(TreeFixture::firstId)
                .containsExactly(kids.get(0).toString());
    }

    // ---- the guest-facing functions ----

    @Test
    void restartChildYieldsAFreshInstanceWhoseChainRecordsTheRestart() throws Exception {
        ActorRef boss = boss(QUICK, tree.child("a"));
        ActorRef a = tree.ref(spawned(boss).get(0));
        tree.send(a, "c");

        assertThat(tree.send(boss, "r" + a.id())).containsExactly("restarted " + a.id());

        ActorRef fresh = tree.ref(a.id());
        assertThat(fresh.controller()).isNotSameAs(a.controller());
        assertThat(a.controller().status()).isEqualTo(new ActorStatus.Stopped());
        assertThat(fresh.controller().state()).isEmpty(); // restart_state defaults to initial
        List<ChainEvent> chain = fresh.controller().chain();
        assertThat(chain.size()).isGreaterThan(a.controller().chain().size());
        assertThat(chain.subList(0, a.controller().chain().size()))
                .isEqualTo(a.controller().chain());
        assertThat(Chain.verify(chain)).isInstanceOf(VerifyResult.Intact.class);
        assertThat(new String(events(fresh.controller(), "supervision").get(0).data(), UTF_8))
                .contains("\"action\":\"restart\"", "\"parent\":\"" + boss.id() + "\"", "\"restarts\":1");
        TreeFixture.await(fresh.executor().saveChain());
        Path file = ChainFile.pathFor(tree.runtime.chainDirectory(), a.id().toString());
        assertThat(ChainVerifier.verify(file)).isInstanceOf(VerifyResult.Intact.class);
        assertThat(tree.clock.pending()).isZero();
        assertThat(log(boss)).doesNotContain("error ", "external-stop ");
    }

    @Test
    void getChildEventsOfAStoppedChildWithoutSavedChainIsAnErr() {
        ActorRef boss = boss(QUICK, tree.child("a", "save_chain = false"));
        ActorId a = spawned(boss).get(0);
        assertThat(tree.send(boss, "v" + a)).singleElement().asString().startsWith("events " + a + " ");

        assertThat(tree.send(boss, "k" + a)).containsExactly("stopped " + a);

        assertThat(tree.send(boss, "v" + a)).singleElement().asString().startsWith("err ");
        assertThat(ChainFile.pathFor(tree.runtime.chainDirectory(), a.toString()))
                .doesNotExist();
    }

    @Test
    void getChildEventsReadsAStoppedChildsPersistedChain() throws Exception {
        ActorRef boss = boss(QUICK, tree.child("a"));
        ActorId a = spawned(boss).get(0);
        tree.send(tree.ref(a), "c");

        assertThat(tree.send(boss, "k" + a)).containsExactly("stopped " + a);
        assertThat(tree.runtime.lookup(a)).isEmpty();
        assertThat(tree.runtime.childrenOf(boss.id())).isEmpty();

        List<ChainEvent> persisted = ChainReader.read(ChainFile.pathFor(tree.runtime.chainDirectory(), a.toString()))
                .events();
        assertThat(persisted).isNotEmpty();
        assertThat(tree.send(boss, "v" + a)).containsExactly("events " + a + " " + persisted.size());
        assertThat(tree.send(boss, "g" + a)).containsExactly("state " + a + " 4");
        assertThat(tree.send(boss, "r" + a)).singleElement().asString().startsWith("err ");
        assertThat(log(boss)).doesNotContain("external-stop ");
    }

    @Test
    void resumeStartsAChildWithTheGivenStateAndGetChildStateReadsIt() {
        ActorRef boss = boss(QUICK);
        Path a = tree.child("a", "init_state = \"a.init\"\n");
        writeQuietly(dir.resolve("a.init"), "from-the-manifest");

        String spawnedLine = tree.send(boss, "s" + a).get(0);
        String resumedLine = tree.send(boss, "R" + a).get(0);

        assertThat(spawnedLine).startsWith("spawned ");
        assertThat(resumedLine).startsWith("resumed ");
        ActorId fromManifest = ActorId.parse(TreeFixture.firstId(spawnedLine));
        ActorId resumed = ActorId.parse(TreeFixture.firstId(resumedLine));
        assertThat(tree.send(boss, "g" + fromManifest)).containsExactly("state " + fromManifest + " 17");
        assertThat(tree.send(boss, "g" + resumed)).containsExactly("state " + resumed + " 7");
        assertThat(tree.ref(resumed).controller().state())
                .hasValueSatisfying(s -> assertThat(new String(s, UTF_8)).isEqualTo("resumed"));
    }

    @Test
    void twoSupervisorsSideBySideEachHearOnlyTheirOwnChildren() {
        ActorRef first = tree.spawn(tree.parent("first", QUICK, tree.child("a")));
        ActorRef second = tree.spawn(tree.parent("second", QUICK, tree.child("b")));
        ActorRef a = tree.ref(spawned(first).get(0));
        ActorRef b = tree.ref(spawned(second).get(0));

        failure(poke(a, "t"));
        tree.awaitLine(first, "error ");
        failure(poke(b, "t"));
        tree.awaitLine(second, "error ");
        tree.awaitPending(2);
        tree.send(first, "l");
        tree.send(second, "l");

        assertThat(lines(first)).filteredOn(l -> l.startsWith("error ")).containsExactly("error " + a.id() + " 5");
        assertThat(lines(second)).filteredOn(l -> l.startsWith("error ")).containsExactly("error " + b.id() + " 5");
        assertThat(decisions(first.controller(), "backoff"))
                .singleElement()
                .asString()
                .contains(a.id().toString());
        assertThat(decisions(second.controller(), "backoff"))
                .singleElement()
                .asString()
                .contains(b.id().toString());
    }

    @Test
    void onlyTheParentMayStopOrRestartAChild() {
        ActorRef first = tree.spawn(tree.parent("first", QUICK, tree.child("a")));
        ActorRef second = tree.spawn(tree.parent("second", QUICK));
        ActorId a = spawned(first).get(0);

        String stop = tree.send(second, "k" + a).get(0);
        String restart = tree.send(second, "r" + a).get(0);

        assertThat(stop)
                .startsWith("err ")
                .contains("not a child of 'second'", "its parent is 'first'", "only a parent may stop or restart");
        assertThat(restart).startsWith("err ").contains("not one of its children");
        assertThat(tree.ref(a).controller().status()).isEqualTo(new ActorStatus.Idle());
        assertThat(tree.ref(a).controller().metrics().restarts()).isZero();
    }

    // ---- permissions ----

    @Test
    void spawnAskingForAHandlerTheParentLacksIsRefusedNamingIt() {
        ActorRef boss = boss(QUICK);
        Path greedy = tree.child("greedy", "[[handler]]\ntype = \"fetch\"\nallow = [\"a\"]\n");

        String line = tree.send(boss, "s" + greedy).get(0);

        assertThat(line)
                .startsWith("err ")
                .contains("may not spawn 'greedy'", "handler 'fetch'", "never wider than its parent's", "boss.toml");
        assertThat(tree.runtime.childrenOf(boss.id())).isEmpty();
    }

    @Test
    void spawnWideningAnAllowListIsRefusedNamingTheExtraElements() {
        ActorRef boss =
                tree.spawn(tree.parent("boss", QUICK, "[[handler]]\ntype = \"fetch\"\nallow = [\"a\", \"b\"]\n"));
        Path wider = tree.child("wider", "[[handler]]\ntype = \"fetch\"\nallow = [\"a\", \"z\"]\n");
        Path unset = tree.child("unset", "[[handler]]\ntype = \"fetch\"\n");
        Path narrower = tree.child("narrower", "[[handler]]\ntype = \"fetch\"\nallow = [\"b\"]\n");

        String widerLine = tree.send(boss, "s" + wider).get(0);
        String unsetLine = tree.send(boss, "s" + unset).get(0);
        String narrowerLine = tree.send(boss, "s" + narrower).get(0);

        assertThat(widerLine)
                .startsWith("err ")
                .contains("handler 'fetch' key 'allow' elements [\"z\"]", "allows only [\"a\", \"b\"]");
        assertThat(unsetLine).startsWith("err ").contains("key 'allow' left unset");
        assertThat(narrowerLine).startsWith("spawned ");
    }

    // ---- helpers ----

    private static int counter(ActorRef actor) {
        byte[] state = actor.controller().state().orElseThrow();
        return ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static List<ChainEvent> events(ActorController actor, String type) {
        return TreeFixture.events(actor, type);
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handler with an allow-list and nothing else, to check that children cannot widen allow-lists. */
    static final class FetchHandlerFactory implements HandlerFactory {
        @Override
        public String id() {
            return "fetch";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            config.requireOnly("allow");
            Set<String> allowed = config.strings("allow").map(Set::copyOf).orElse(Set.of());
            return new Handler() {
                @Override
                public Set<String> imports() {
                    return Set.of();
                }

                @Override
                public Set<String> exports() {
                    return Set.of();
                }

                @Override
                public void link(HostLinker linker) {}

                @Override
                public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}

                @Override
                public String toString() {
                    return "fetch " + allowed.stream().sorted().collect(Collectors.joining(","));
                }
            };
        }
    }
}

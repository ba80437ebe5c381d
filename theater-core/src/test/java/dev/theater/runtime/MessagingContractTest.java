package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.Chain;
import dev.theater.chain.VerifyResult;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Limits;
import dev.theater.manifest.Manifest;
import dev.theater.messaging.ChannelHandle;
import dev.theater.messaging.MessagingException;
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
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messaging on one wasm engine: every function of {@code theater:simple/message-server-host} and every callback of
 * {@code message-server-client}, requests answered at once and later, channels with actors and with Java code,
 * backpressure, wait cycles, and the causal links between chains. The actors run {@code guests/messaging/messenger},
 * which runs the commands it is sent (see its source); each export appends one line to its state, which the tests
 * read back.
 */
abstract class MessagingContractTest {
    static final String SEND = "theater:simple/message-server-client#handle-send";
    static final String REQUEST = "theater:simple/message-server-client#handle-request";
    static final String CHANNEL_MESSAGE = "theater:simple/message-server-client#handle-channel-message";
    static final Pattern SEND_HASH = Pattern.compile("\"send_hash\":\"([0-9a-f]{64})\"");

    @TempDir
    Path home;

    TheaterRuntime runtime;

    abstract String engine();

    @BeforeEach
    void buildRuntime() {
        runtime = runtime(b -> b);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    TheaterRuntime runtime(UnaryOperator<TheaterRuntime.Builder> customize) {
        return customize
                .apply(TheaterRuntime.builder()
                        .withHome(home)
                        .withDefaultEngine(engine())
                        .withStopTimeout(Duration.ofSeconds(5))
                        .withMailboxWait(Duration.ofSeconds(30))
                        .withRequestTimeout(Duration.ofSeconds(30))
                        .discoverHandlers(getClass().getClassLoader()))
                .build();
    }

    /** Replaces the runtime with one built with {@code customize}. */
    void rebuild(UnaryOperator<TheaterRuntime.Builder> customize) {
        runtime.close();
        runtime = runtime(customize);
    }

    static Manifest.Builder messenger(String name) {
        try {
            Path wasm = Path.of(MessagingContractTest.class
                    .getResource("/guests/messaging/messenger.wasm")
                    .toURI());
            return Manifest.builder(name, new ComponentSource.File(wasm)).addHandler("message-server", Map.of());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ActorRef spawn(String name) {
        return runtime.spawn(messenger(name).build(), null);
    }

    ActorRef spawn(String name, Duration callTimeout, int mailbox) {
        return runtime.spawn(
                messenger(name)
                        .withLimits(new Limits(Limits.DEFAULT_MEMORY, Optional.ofNullable(callTimeout), mailbox))
                        .build(),
                null);
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String id(ActorRef actor) {
        return actor.id().toString();
    }

    /** Sends a command from Java and waits until the actor's handle-send has run it. */
    void run(ActorRef actor, String command) throws Exception {
        await(runtime.send(actor.id(), bytes(command)));
    }

    /** The lines the actor's exports have logged in its state. */
    static List<String> log(ActorRef actor) {
        return actor.controller()
                .state()
                .map(s -> Arrays.asList(new String(s, UTF_8).split("\n")))
                .orElse(List.of());
    }

    static String lastLine(ActorRef actor) {
        List<String> log = log(actor);
        assertThat(log).as("the log of %s", actor.id()).isNotEmpty();
        return log.get(log.size() - 1);
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail, but it completed normally");
    }

    /** Waits (up to 10 s) until the actor's chain holds an event that matches; returns it. */
    ChainEvent awaitEvent(ActorRef actor, Predicate<ChainEvent> matches) throws Exception {
        CompletableFuture<ChainEvent> found = new CompletableFuture<>();
        Chain.Subscription subscription = runtime.subscribeChain(actor.id(), 0, e -> {
            if (matches.test(e)) {
                found.complete(e);
            }
        });
        try {
            return await(found);
        } finally {
            subscription.close();
        }
    }

    /** Waits until the actor has logged a line that starts with {@code prefix}; returns it. */
    String awaitLine(ActorRef actor, String prefix) throws Exception {
        awaitEvent(
                actor,
                e -> e.eventType().equals("export-result")
                        && log(actor).stream().anyMatch(l -> l.startsWith(prefix)));
        return log(actor).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    static Predicate<ChainEvent> resultOf(String export) {
        return e -> e.eventType().equals("export-result") && text(e).contains("\"function\":\"" + export + "\"");
    }

    static String text(ChainEvent event) {
        return new String(event.data(), UTF_8);
    }

    static List<ChainEvent> events(ActorRef actor, String type) {
        return actor.controller().chain().stream()
                .filter(e -> e.eventType().equals(type))
                .toList();
    }

    /** The actor's only message-receive event of {@code kind}. */
    static ChainEvent received(ActorRef actor, String kind) {
        List<ChainEvent> found = events(actor, "message-receive").stream()
                .filter(e -> text(e).contains("\"kind\":\"" + kind + "\""))
                .toList();
        assertThat(found).as("%s receive events of %s", kind, actor.id()).hasSize(1);
        return found.get(0);
    }

    static String sendHash(ChainEvent receive) {
        Matcher m = SEND_HASH.matcher(text(receive));
        assertThat(m.find()).as("send_hash in %s", text(receive)).isTrue();
        return m.group(1);
    }

    // ---- send ----

    /** A handler that remembers what {@link Handler#messageSent} told it. */
    static final class SentRecorder implements HandlerFactory {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "sent-recorder";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
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
                public void messageSent(ActorId recipient, byte[] payload) {
                    seen.add(recipient + ":" + new String(payload, UTF_8));
                }
            };
        }
    }

    @Test
    void theSendersHandlersSeeEveryMessageItSendsBeforeDelivery() throws Exception {
        SentRecorder recorder = new SentRecorder();
        rebuild(b -> b.addHandler(recorder));
        ActorRef a = runtime.spawn(
                messenger("a").addHandler("sent-recorder", Map.of()).build(), null);
        ActorRef b = spawn("b");

        run(a, "s" + id(b) + "store 0123");
        awaitEvent(b, resultOf(SEND));

        // The Java API's own send to a is not an actor's message; a's send to b is, with its exact payload.
        assertThat(recorder.seen).containsExactly(id(b) + ":store 0123");
    }

    @Test
    void sendDeliversToHandleSendAndTheReceiveEventCarriesTheHashOfTheSendEvent() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "s" + id(b) + "hello");
        awaitEvent(b, resultOf(SEND));

        assertThat(log(a)).containsExactly("ok");
        assertThat(log(b)).containsExactly("hello");
        ChainEvent sent = events(a, "message-send").get(0);
        assertThat(text(sent)).isEqualTo("{\"to\":\"" + id(b) + "\",\"kind\":\"send\",\"size\":5}");
        assertThat(sent.description()).contains("send to b");
        List<ChainEvent> bChain = b.controller().chain();
        ChainEvent received = events(b, "message-receive").get(0);
        assertThat(text(received))
                .isEqualTo("{\"from\":\"" + id(a) + "\",\"kind\":\"send\",\"size\":5,\"send_hash\":\"" + sent.hashHex()
                        + "\"}");
        assertThat(bChain.get((int) received.seq() + 1).eventType()).isEqualTo("export-call");
        assertThat(text(bChain.get((int) received.seq() + 1))).contains(SEND);
        // The sender's host call is recorded after its message-send, with the result.
        ChainEvent hostCall = a.controller().chain().get((int) sent.seq() + 1);
        assertThat(hostCall.eventType()).isEqualTo("host-call");
        assertThat(text(hostCall)).contains("\"function\":\"send\"").contains("\"result\":{\"ok\":null}");
        assertThat(Chain.verify(bChain)).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void javaSendCompletesAfterHandleSendAndIsReceivedFromTheApplication() throws Exception {
        ActorRef b = spawn("b");

        await(runtime.send(b.id(), bytes("ehi")));

        assertThat(log(b)).containsExactly("hi");
        assertThat(text(events(b, "message-receive").get(0)))
                .isEqualTo("{\"from\":null,\"kind\":\"send\",\"size\":3,\"send_hash\":null}");
    }

    @Test
    void sendingToAnActorThatIsNotRunningOrToANonIdIsAnErr() throws Exception {
        ActorRef a = spawn("a");
        ActorId nobody = ActorId.random();

        run(a, "s" + nobody + "x");
        run(a, "s" + "not-an-actor-id-not-an-actor-id-1234" + "x");

        assertThat(log(a).get(0)).startsWith("err:").contains("no such actor is running", nobody.toString());
        assertThat(log(a).get(1)).startsWith("err:").contains("is not an actor id");
        assertThat(failure(runtime.send(nobody, bytes("x"))))
                .isInstanceOf(ActorException.ChannelClosed.class)
                .hasMessageContaining("no such actor is running");
        assertThat(events(a, "message-send")).isEmpty();
    }

    @Test
    void anActorMustBeGrantedTheMessageServerHandlerToImportIt() {
        Manifest ungranted = Manifest.builder(
                        "loner", messenger("loner").build().component())
                .build();

        assertThatThrownBy(() -> runtime.spawn(ungranted, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("theater:simple/message-server-host#")
                .hasMessageContaining("add [[handler]] type = \"message-server\"");
    }

    // ---- requests ----

    @Test
    void aRequestAnsweredByHandleRequestReturnsTheReplyAndBothChainsRecordBothDirections() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "r" + id(b) + "epong");

        assertThat(log(a)).containsExactly("ok:pong");
        assertThat(log(b)).hasSize(1).allMatch(l -> l.startsWith("req:"));
        ChainEvent request = events(a, "message-send").get(0);
        ChainEvent requestReceived = received(b, "request");
        ChainEvent response = events(b, "message-send").get(0);
        ChainEvent responseReceived = received(a, "response");
        String requestId = log(b).get(0).substring("req:".length());
        assertThat(text(request)).contains("\"kind\":\"request\"", "\"request_id\":\"" + requestId + "\"");
        assertThat(sendHash(requestReceived)).isEqualTo(request.hashHex());
        assertThat(text(response)).contains("\"to\":\"" + id(a) + "\"", "\"kind\":\"response\"", "\"size\":4");
        assertThat(sendHash(responseReceived)).isEqualTo(response.hashHex());
        assertThat(responseReceived.seq()).isGreaterThan(request.seq());
    }

    @Test
    void javaRequestCompletesWithTheReply() throws Exception {
        ActorRef b = spawn("b");

        assertThat(new String(await(runtime.request(b.id(), bytes("eanswer"))), UTF_8))
                .isEqualTo("answer");
    }

    @Test
    void aDeferredRequestStaysOutstandingUntilTheTargetRespondsFromALaterOperation() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        CompletableFuture<Void> asking = runtime.send(a.id(), bytes("r" + id(b) + "dlater please"));
        String requestId = awaitLine(b, "req:").substring("req:".length());
        run(b, "l");

        assertThat(lastLine(b)).isEqualTo("ok:" + requestId);
        assertThat(asking).isNotDone();
        assertThat(a.controller().status()).isInstanceOf(ActorStatus.Processing.class);

        run(b, "p" + requestId + "late answer");
        await(asking);
        assertThat(lastLine(b)).isEqualTo("ok");
        assertThat(log(a)).containsExactly("ok:late answer");
        run(b, "l");
        assertThat(lastLine(b)).isEqualTo("ok:");
        run(b, "p" + requestId + "again");
        assertThat(lastLine(b)).startsWith("err:").contains("no outstanding request '" + requestId + "'");
        // The answer came from respond-to-request: its message-send links to the requester's receive.
        ChainEvent response = events(b, "message-send").get(0);
        assertThat(text(response)).contains("\"kind\":\"response\"");
        assertThat(sendHash(received(a, "response"))).isEqualTo(response.hashHex());
    }

    @Test
    void listOutstandingRequestsShowsTheDeliveredUnansweredRequestsOldestFirst() throws Exception {
        ActorRef b = spawn("b");

        CompletableFuture<byte[]> first = runtime.request(b.id(), bytes("d1"));
        CompletableFuture<byte[]> second = runtime.request(b.id(), bytes("d2"));
        CompletableFuture<byte[]> answered = runtime.request(b.id(), bytes("eat once"));
        assertThat(new String(await(answered), UTF_8)).isEqualTo("at once");
        List<String> ids = log(b).stream()
                .filter(l -> l.startsWith("req:"))
                .map(l -> l.substring(4))
                .toList();
        run(b, "l");

        assertThat(lastLine(b)).isEqualTo("ok:" + ids.get(0) + "," + ids.get(1));
        run(b, "p" + ids.get(0) + "one");
        run(b, "l");
        assertThat(lastLine(b)).isEqualTo("ok:" + ids.get(1));
        assertThat(new String(await(first), UTF_8)).isEqualTo("one");
        assertThat(second).isNotDone();
        run(b, "p" + ids.get(1) + "two");
        assertThat(new String(await(second), UTF_8)).isEqualTo("two");
    }

    @Test
    void cancelRequestFailsTheRequesterWithAnErrorNamingTheCanceller() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        CompletableFuture<Void> asking = runtime.send(a.id(), bytes("r" + id(b) + "d"));
        String guestRequest = awaitLine(b, "req:").substring(4);
        CompletableFuture<byte[]> javaAsking = runtime.request(b.id(), bytes("d"));
        awaitEvent(b, e -> e.eventType().equals("export-result") && log(b).size() == 2);
        String javaRequest = log(b).get(1).substring(4);

        run(b, "x" + guestRequest);
        run(b, "x" + javaRequest);

        await(asking);
        assertThat(log(a)).singleElement().asString().startsWith("err:").contains("cancelled request " + guestRequest);
        assertThat(failure(javaAsking))
                .isInstanceOf(MessagingException.RequestCancelled.class)
                .hasMessageContaining("actor 'b'")
                .hasMessageContaining("cancelled request " + javaRequest);
        assertThat(log(b).subList(2, 4)).containsExactly("ok", "ok");
        run(b, "x" + guestRequest);
        assertThat(lastLine(b)).startsWith("err:").contains("no outstanding request");
        assertThat(events(b, "message-send"))
                .anySatisfy(e -> assertThat(text(e)).contains("\"kind\":\"request-cancel\"", guestRequest));
    }

    @Test
    void aRequestNobodyAnswersTimesOutWithAnErrNamingTheTargetAndCanNoLongerBeAnswered() throws Exception {
        rebuild(b -> b.withRequestTimeout(Duration.ofMillis(300)));
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "r" + id(b) + "dnever");

        assertThat(lastLine(a))
                .startsWith("err:request ")
                .contains("to actor 'b' (" + id(b) + ") got no answer within 300ms");
        String requestId = log(b).get(0).substring(4);
        run(b, "p" + requestId + "too late");
        assertThat(lastLine(b)).startsWith("err:").contains("no outstanding request");
        assertThat(failure(runtime.request(b.id(), bytes("dnever"), Duration.ofMillis(100))))
                .isInstanceOf(MessagingException.RequestTimedOut.class)
                .hasMessageContaining("got no answer within 100ms");
    }

    @Test
    void aFailingHandleRequestFailsTheRequester() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "r" + id(b) + "t");

        assertThat(lastLine(a)).startsWith("err:").contains("actor 'b'", "trapped");
        assertThat(failure(runtime.request(b.id(), bytes("t")))).isInstanceOf(ActorException.Trap.class);
        assertThat(b.controller().status()).isEqualTo(new ActorStatus.Idle());
    }

    @Test
    void aRequestToABusyActorWaitsForItInsteadOfFailing() throws Exception {
        ActorRef a = spawn("a");
        ActorRef busy = spawn("busy", Duration.ofMillis(500), 16);
        CompletableFuture<Void> spinning = runtime.send(busy.id(), bytes("w"));
        awaitEvent(busy, e -> e.eventType().equals("export-call"));

        run(a, "r" + id(busy) + "eat last");

        assertThat(failure(spinning)).isInstanceOf(ActorException.Timeout.class);
        assertThat(log(a)).containsExactly("ok:at last");
    }

    // ---- wait cycles ----

    @Test
    void aRequestToItselfFailsAtOnceNamingTheCycle() throws Exception {
        ActorRef a = spawn("a");

        run(a, "r" + id(a) + "ehi");

        assertThat(lastLine(a))
                .startsWith("err:actor 'a'")
                .contains("cannot request actor 'a'")
                .contains("Wait cycle: 'a' (" + id(a) + ") → 'a' (" + id(a) + ")");
        assertThat(events(a, "message-send")).isEmpty();
    }

    @Test
    void aTwoActorRequestCycleFailsAtOnceNamingBothActors() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "r" + id(b) + "r" + id(a) + "ehi");

        assertThat(lastLine(a))
                .startsWith("ok:err:actor 'b'")
                .contains("Wait cycle: 'b' (" + id(b) + ") → 'a' (" + id(a) + ") → 'b' (" + id(b) + ")");
    }

    @Test
    void aThreeActorRequestCycleFailsAtOnceNamingTheWholeCycle() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        ActorRef c = spawn("c");

        run(a, "r" + id(b) + "r" + id(c) + "r" + id(a) + "ehi");

        assertThat(lastLine(a))
                .startsWith("ok:ok:err:actor 'c'")
                .contains("Wait cycle: 'c' (" + id(c) + ") → 'a' (" + id(a) + ") → 'b' (" + id(b) + ") → 'c' (" + id(c)
                        + ")");
    }

    @Test
    void openingAChannelBackToAWaitingRequesterFailsAtOnce() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "r" + id(b) + "o" + id(a) + "hello");

        assertThat(lastLine(a)).startsWith("ok:err:").contains("cannot open a channel to actor 'a'", "Wait cycle");
    }

    @Test
    void aRequestToAnActorWaitingOnADeferredAnswerIsNotACycle() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        ActorRef c = spawn("c");
        CompletableFuture<Void> aWaits = runtime.send(a.id(), bytes("r" + id(b) + "d"));
        String requestId = awaitLine(b, "req:").substring(4);

        // c waits on a, which waits on b: a chain, not a cycle. It ends when b answers.
        CompletableFuture<Void> cWaits = runtime.send(c.id(), bytes("r" + id(a) + "eafter a"));
        awaitEvent(c, e -> e.eventType().equals("message-send"));
        run(b, "p" + requestId + "done");

        await(aWaits);
        await(cWaits);
        assertThat(log(a)).hasSize(2).first().isEqualTo("ok:done");
        assertThat(log(a).get(1)).startsWith("req:");
        assertThat(log(c)).containsExactly("ok:after a");
    }

    // ---- channels ----

    @Test
    void aChannelOpensWithTheAcceptMessageCarriesMessagesInOrderBothWaysAndClosesFromTheOpener() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "o" + id(b) + "awelcome aboard");
        String channel = log(a).get(0).substring("ok:".length());
        assertThat(log(b)).containsExactly("open:" + channel + ":awelcome aboard");
        assertThat(awaitLine(a, "msg:")).isEqualTo("msg:" + channel + ":welcome aboard");

        for (String m : List.of("one", "two", "three")) {
            run(a, "m" + channel + m);
        }
        for (String m : List.of("uno", "dos")) {
            run(b, "m" + channel + m);
        }
        run(a, "c" + channel);
        awaitLine(b, "close:");
        awaitLine(a, "msg:" + channel + ":dos");

        assertThat(log(a))
                .containsExactly(
                        "ok:" + channel,
                        "msg:" + channel + ":welcome aboard",
                        "ok",
                        "ok",
                        "ok",
                        "msg:" + channel + ":uno",
                        "msg:" + channel + ":dos",
                        "ok");
        assertThat(log(b))
                .containsExactly(
                        "open:" + channel + ":awelcome aboard",
                        "msg:" + channel + ":one",
                        "msg:" + channel + ":two",
                        "msg:" + channel + ":three",
                        "ok",
                        "ok",
                        "close:" + channel);
        run(a, "m" + channel + "late");
        run(b, "m" + channel + "late");
        assertThat(lastLine(a)).startsWith("err:").contains("no open channel '" + channel + "'");
        assertThat(lastLine(b)).startsWith("err:").contains("no open channel '" + channel + "'");
        // The opener records the accept, linked to the target's answer.
        ChainEvent accept = events(b, "message-send").stream()
                .filter(e -> text(e).contains("\"kind\":\"channel-accept\""))
                .findFirst()
                .orElseThrow();
        assertThat(events(a, "message-receive"))
                .filteredOn(e -> text(e).contains("\"kind\":\"channel-accept\""))
                .singleElement()
                .satisfies(e -> assertThat(sendHash(e)).isEqualTo(accept.hashHex()));
    }

    @Test
    void theTargetCanCloseAChannelAndTheOpenerIsTold() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        run(a, "o" + id(b) + "hi");
        String channel = log(a).get(0).substring(3);

        run(b, "c" + channel);

        assertThat(lastLine(b)).isEqualTo("ok");
        assertThat(awaitLine(a, "close:")).isEqualTo("close:" + channel);
        run(a, "c" + channel);
        assertThat(lastLine(a)).startsWith("err:");
    }

    @Test
    void aRejectedChannelFailsTheOpenerWithTheRejectMessage() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");

        run(a, "o" + id(b) + "nnot today");

        assertThat(lastLine(a)).startsWith("err:actor 'b'").contains("rejected channel", "not today");
        assertThat(failure(runtime.openChannel(b.id(), bytes("nno thanks"), m -> {})))
                .isInstanceOfSatisfying(MessagingException.ChannelRejected.class, e -> assertThat(
                                e.reply().map(r -> new String(r, UTF_8)))
                        .contains("no thanks"));
        assertThat(events(b, "message-send"))
                .allSatisfy(e -> assertThat(text(e)).contains("channel-reject"));
    }

    @Test
    void javaCodeOpensAChannelReceivesTheActorsMessagesInOrderAndSeesTheActorCloseIt() throws Exception {
        ActorRef b = spawn("b");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

        ChannelHandle channel =
                await(runtime.openChannel(b.id(), bytes("ahello app"), m -> received.add(new String(m, UTF_8))));

        assertThat(channel.actor()).isEqualTo(b.id());
        assertThat(channel.isOpen()).isTrue();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello app");
        await(channel.send(bytes("Eecho-1")));
        await(channel.send(bytes("Eecho-2")));
        run(b, "m" + channel.id() + "pushed");
        assertThat(List.of(
                        received.poll(10, TimeUnit.SECONDS),
                        received.poll(10, TimeUnit.SECONDS),
                        received.poll(10, TimeUnit.SECONDS)))
                .containsExactly("echo-1", "echo-2", "pushed");

        await(channel.send(bytes("C")));
        await(channel.closed());
        assertThat(channel.isOpen()).isFalse();
        assertThat(failure(channel.send(bytes("more")))).isInstanceOf(MessagingException.ChannelNotOpen.class);
        assertThat(log(b))
                .containsExactly(
                        "open:" + channel.id() + ":ahello app",
                        "msg:" + channel.id() + ":Eecho-1|ok",
                        "msg:" + channel.id() + ":Eecho-2|ok",
                        "ok",
                        "msg:" + channel.id() + ":C|ok");
        assertThat(events(b, "message-receive"))
                .allSatisfy(e -> assertThat(text(e)).contains("\"from\":null"));
    }

    @Test
    void javaCodeClosingItsChannelTellsTheActor() throws Exception {
        ActorRef b = spawn("b");
        ChannelHandle channel = await(runtime.openChannel(b.id(), bytes("hi"), m -> {}));

        await(channel.close());

        assertThat(lastLine(b)).isEqualTo("close:" + channel.id());
        assertThat(channel.closed()).isDone();
        await(channel.close()); // closing again does nothing
        run(b, "m" + channel.id() + "x");
        assertThat(lastLine(b)).startsWith("err:");
    }

    @Test
    void stoppingAnActorFailsTheRequestsItOwesAndClosesItsChannels() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        CompletableFuture<byte[]> owed = runtime.request(b.id(), bytes("d"));
        awaitLine(b, "req:");
        ChannelHandle external = await(runtime.openChannel(b.id(), bytes("x"), m -> {}));
        run(a, "o" + id(b) + "y");
        String channel = log(a).get(0).substring(3);

        await(runtime.stop(b.id()));

        assertThat(failure(owed))
                .isInstanceOf(ActorException.ChannelClosed.class)
                .hasMessageContaining("stopped before it answered request");
        await(external.closed());
        assertThat(awaitLine(a, "close:")).isEqualTo("close:" + channel);
        run(a, "s" + id(b) + "anyone?");
        assertThat(lastLine(a)).startsWith("err:").contains("no such actor is running");
    }

    // ---- interruption ----

    @Test
    void forceStopEndsARequestersWaitAtOnceAndItsRequestIsNoLongerOutstanding() throws Exception {
        ActorRef a = spawn("a");
        ActorRef b = spawn("b");
        CompletableFuture<Void> asking = runtime.send(a.id(), bytes("r" + id(b) + "d"));
        awaitLine(b, "req:");

        await(a.controller().forceStop());

        assertThat(failure(asking)).isInstanceOf(ActorException.Interrupted.class);
        run(b, "l");
        assertThat(lastLine(b)).isEqualTo("ok:");
    }

    @Test
    void theRequestersCallTimeoutEndsItsWait() throws Exception {
        ActorRef a = spawn("a", Duration.ofMillis(300), 16);
        ActorRef b = spawn("b");

        assertThat(failure(runtime.send(a.id(), bytes("r" + id(b) + "d")))).isInstanceOf(ActorException.Timeout.class);
        run(a, "eagain");
        assertThat(log(a)).containsExactly("again");
    }

    // ---- backpressure ----

    /** Starts a spin in {@code actor} and waits until it runs; the actor's mailbox then fills up. */
    CompletableFuture<Void> occupy(ActorRef actor) throws Exception {
        CompletableFuture<Void> spinning = runtime.send(actor.id(), bytes("w"));
        awaitEvent(actor, e -> e.eventType().equals("export-call") && text(e).contains(SEND));
        return spinning;
    }

    @Test
    void aJavaSenderWaitsForRoomThenGetsMailboxFullNamingTheTargetAndTheLimit() throws Exception {
        rebuild(b -> b.withMailboxWait(Duration.ofMillis(300)));
        ActorRef full = spawn("full", null, 2);
        occupy(full);
        CompletableFuture<Void> first = runtime.send(full.id(), bytes("e1"));
        CompletableFuture<Void> second = runtime.send(full.id(), bytes("e2"));

        long started = System.nanoTime();
        Throwable refused = failure(runtime.send(full.id(), bytes("e3")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(refused)
                .isInstanceOf(ActorException.MailboxFull.class)
                .hasMessageContaining("actor 'full' (" + id(full) + ")")
                .hasMessageContaining("limit 2 operations")
                .hasMessageContaining("for 300ms");
        assertThat(((ActorException) refused).actor()).isEqualTo(full.id());
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        await(full.controller().forceStop());
    }

    @Test
    void aGuestSenderWaitsForRoomThenGetsAnErrNamingTheTarget() throws Exception {
        rebuild(b -> b.withMailboxWait(Duration.ofMillis(300)));
        ActorRef a = spawn("a");
        ActorRef full = spawn("full", null, 1);
        occupy(full);
        runtime.send(full.id(), bytes("e1"));

        run(a, "s" + id(full) + "e2");

        assertThat(lastLine(a))
                .startsWith("err:actor 'full' (" + id(full) + ") kept its mailbox full (limit 1 operations")
                .contains("for 300ms");
        await(full.controller().forceStop());
    }

    @Test
    void waitingSendersGetInWhenRoomFreesUpAndKeepTheirOrder() throws Exception {
        ActorRef slow = spawn("slow", Duration.ofMillis(300), 2);
        CompletableFuture<Void> spinning = occupy(slow);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sends.add(runtime.send(slow.id(), bytes("e" + i)));
        }
        assertThat(slow.controller().metrics().mailboxDepth()).isEqualTo(2);

        assertThat(failure(spinning)).isInstanceOf(ActorException.Timeout.class);
        for (CompletableFuture<Void> send : sends) {
            await(send);
        }
        assertThat(log(slow)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void admittingWaitingSendersNeverFillsTheMailboxPastItsLimit() throws Exception {
        ActorRef actor = spawn("bounded", null, 2);
        await(actor.controller().pause());
        runtime.send(actor.id(), bytes("w"));
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            sends.add(runtime.send(actor.id(), bytes("e" + i)));
        }
        assertThat(actor.controller().metrics().mailboxDepth())
                .as("the spin and e1 in the mailbox, e2 to e4 waiting for room")
                .isEqualTo(2);

        // Taking the spin out of the mailbox makes room for exactly one waiting sender.
        await(actor.controller().resume());
        awaitEvent(actor, e -> e.eventType().equals("export-call") && text(e).contains(SEND));

        assertThat(actor.controller().metrics().mailboxDepth()).isEqualTo(2);
        assertThat(sends).noneMatch(CompletableFuture::isDone);
        await(actor.controller().forceStop());
    }

    @Test
    void aMailboxWaitOfZeroRefusesAtOnce() throws Exception {
        rebuild(b -> b.withMailboxWait(Duration.ZERO));
        ActorRef full = spawn("full", null, 1);
        await(full.controller().pause());
        CompletableFuture<Void> first = runtime.send(full.id(), bytes("e1"));

        Throwable refused = failure(runtime.send(full.id(), bytes("e2")));

        assertThat(refused)
                .isInstanceOf(ActorException.MailboxFull.class)
                .hasMessageContaining("actor 'full' (" + id(full) + ") has its mailbox full (limit 1 operations");
        assertThat(first).isNotDone();
        await(full.controller().resume());
        await(first);
        assertThat(log(full)).containsExactly("1");
    }

    @Test
    void anExceptionFromOnMessageIsLoggedAndTheChannelStaysOpen() throws Exception {
        ActorRef b = spawn("b");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        ChannelHandle channel = await(runtime.openChannel(b.id(), bytes("afirst"), m -> {
            String text = new String(m, UTF_8);
            received.add(text);
            if (text.equals("first")) {
                throw new IllegalStateException("an application bug in onMessage");
            }
        }));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("first");

        run(b, "m" + channel.id() + "second");

        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(channel.isOpen()).isTrue();
        await(channel.send(bytes("Eback")));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("back");
        await(channel.close());
    }

    @Test
    void twoActorsFillingEachOthersMailboxesDoNotDeadlock() throws Exception {
        ActorRef a = spawn("a", null, 2);
        ActorRef b = spawn("b", null, 2);
        await(a.controller().pause());
        await(b.controller().pause());
        // Each runs a handler that sends the other three messages, with one more message queued behind it:
        // neither mailbox can take three while its owner is busy sending, so both senders would wait forever.
        CompletableFuture<Void> aSends = runtime.send(a.id(), bytes("n\u0003s" + id(b) + "ex"));
        CompletableFuture<Void> aFiller = runtime.send(a.id(), bytes("efiller"));
        CompletableFuture<Void> bSends = runtime.send(b.id(), bytes("n\u0003s" + id(a) + "ey"));
        CompletableFuture<Void> bFiller = runtime.send(b.id(), bytes("efiller"));

        await(a.controller().resume());
        await(b.controller().resume());
        for (CompletableFuture<Void> f : List.of(aSends, aFiller, bSends, bFiller)) {
            await(f);
        }
        run(a, "eend");
        run(b, "eend");

        String aResult = log(a).get(0);
        String bResult = log(b).get(0);
        assertThat(List.of(aResult, bResult))
                .as("one sender is refused, the other gets through")
                .contains("ok");
        String refused = aResult.equals("ok") ? bResult : aResult;
        assertThat(refused)
                .startsWith("err:")
                .contains("mailbox full (limit 2 operations) and waiting for room would deadlock")
                .contains(" → ");
        // Every send that returned ok was delivered: three when the sender got through, one before the refusal.
        long xs = log(b).stream().filter("x"::equals).count();
        long ys = log(a).stream().filter("y"::equals).count();
        assertThat(aResult.equals("ok") ? List.of(xs, ys) : List.of(ys, xs)).containsExactly(3L, 1L);
    }
}

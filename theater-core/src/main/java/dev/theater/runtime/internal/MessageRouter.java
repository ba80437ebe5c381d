package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.theater.chain.ChainEventTypes;
import dev.theater.manifest.Durations;
import dev.theater.messaging.ChannelHandle;
import dev.theater.messaging.MessagingException;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitTuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messaging between the actors of one runtime, and between them and the application: sends, requests (answered at
 * once or later), channels, bounded mailboxes with backpressure, and cycle detection. The semantics are in {@code
 * docs/messaging.md}.
 *
 * <p>Every message enters the receiver's mailbox as a call of its {@code message-server-client} export. The guest
 * methods run on the calling actor's thread, inside a host function, and may block it: waiting for a reply, for a
 * channel's answer, or for room in a full mailbox. Each such wait is an edge of the {@link WaitForGraph}; one that
 * would close a cycle is refused at once. Nothing that runs when an operation completes (on the receiver's thread)
 * ever blocks.
 *
 * <p>Chain: the sending actor records {@code message-send} before the message leaves; the receiving actor records
 * {@code message-receive}, with the hash of that event, just before the export that handles it runs.
 */
public final class MessageRouter {
    public static final String HOST = "theater:simple/message-server-host";
    public static final String CLIENT = "theater:simple/message-server-client";
    static final String HANDLE_SEND = CLIENT + "#handle-send";
    static final String HANDLE_REQUEST = CLIENT + "#handle-request";
    static final String HANDLE_CHANNEL_OPEN = CLIENT + "#handle-channel-open";
    static final String HANDLE_CHANNEL_MESSAGE = CLIENT + "#handle-channel-message";
    static final String HANDLE_CHANNEL_CLOSE = CLIENT + "#handle-channel-close";

    /** How chain data and messages name Java code on the other end. */
    static final String APPLICATION = "the application";

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final RuntimeContext context;
    private final Function<ActorId, Actor> actors;
    private final Duration mailboxWait;
    private final Duration requestTimeout;
    private final WaitForGraph waits = new WaitForGraph();
    private final ConcurrentHashMap<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();

    /**
     * @param actors the running actors by id ({@code null} for none)
     * @param mailboxWait how long a sender waits for room in a full mailbox
     * @param requestTimeout how long a guest's request or channel opening waits for its answer
     */
    public MessageRouter(
            RuntimeContext context, Function<ActorId, Actor> actors, Duration mailboxWait, Duration requestTimeout) {
        this.context = requireNonNull(context, "context is null");
        this.actors = requireNonNull(actors, "actors is null");
        this.mailboxWait = requireNonNull(mailboxWait, "mailboxWait is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    }

    // ---- guests: called from the message-server handler, on the calling actor's thread ----

    /** {@code send}: returns once the message is in the target's mailbox. */
    public void send(ActorId self, String to, byte[] message) {
        Actor sender = self(self);
        Actor target = target(sender, to, "send to", HANDLE_SEND);
        String hash = recordSend(sender, target.id(), target.name(), "send", message, null, null);
        GuestCall op = GuestCall.of(
                target,
                HANDLE_SEND,
                List.of(message),
                receipt(sender.id(), sender.name(), "send", message.length, hash, null, null));
        enqueue(sender, target, op);
        reportIfDropped(op, sender.name(), target);
    }

    /** {@code request}: blocks until the target answers, cancels, fails or the request timeout passes. */
    public byte[] request(ActorId self, String to, byte[] message) {
        Actor sender = self(self);
        Actor target = target(sender, to, "request", HANDLE_REQUEST);
        try {
            waits.enter(sender, target);
        } catch (WaitForGraph.Cycle cycle) {
            throw new MessageRefused(cycleMessage(sender, target, "request", cycle));
        }
        try {
            PendingRequest request = newRequest(sender.id(), sender.name(), target);
            String hash = recordSend(sender, target.id(), target.name(), "request", message, request.id, null);
            GuestCall op = requestCall(request, message, hash);
            target.offer(op, mailboxWait);
            PendingRequest.Reply reply;
            try {
                reply = sender.awaitInOperation(request.reply, requestTimeout.toNanos());
            } catch (TimeoutException e) {
                MessagingException.RequestTimedOut timedOut = timedOut(request, requestTimeout);
                giveUp(request, op, timedOut);
                throw new MessageRefused(timedOut.getMessage(), timedOut);
            } catch (ExecutionException e) {
                throw refused(e.getCause());
            } catch (OperationInterrupted e) {
                giveUp(request, op, timedOut(request, Duration.ZERO));
                throw e;
            }
            recordReceive(
                    sender,
                    target.id(),
                    target.name(),
                    "response",
                    reply.payload().length,
                    reply.sendHash(),
                    request.id,
                    null);
            return reply.payload();
        } finally {
            waits.leave(sender.id());
        }
    }

    /** {@code open-channel}: blocks until the target accepts (returns the id) or rejects the channel. */
    public String openChannel(ActorId self, String to, byte[] initial) {
        Actor opener = self(self);
        for (String export : List.of(HANDLE_CHANNEL_MESSAGE, HANDLE_CHANNEL_CLOSE)) {
            if (!opener.exports().contains(export)) {
                throw new MessageRefused("actor '" + opener.name() + "' (" + opener.id() + ") cannot open a channel:"
                        + " it does not export " + export + ", so the channel's messages could not reach it; export"
                        + " handle-channel-message and handle-channel-close of " + CLIENT);
            }
        }
        Actor target = target(
                opener, to, "open a channel to", HANDLE_CHANNEL_OPEN, HANDLE_CHANNEL_MESSAGE, HANDLE_CHANNEL_CLOSE);
        try {
            waits.enter(opener, target);
        } catch (WaitForGraph.Cycle cycle) {
            throw new MessageRefused(cycleMessage(opener, target, "open a channel to", cycle));
        }
        try {
            Channel channel = new Channel(
                    UUID.randomUUID().toString(),
                    new Channel.ActorSide(opener.id(), opener.name()),
                    new Channel.ActorSide(target.id(), target.name()));
            channels.put(channel.id, channel);
            String hash = recordSend(opener, target.id(), target.name(), "channel-open", initial, null, channel.id);
            CompletableFuture<Opened> opening = open(channel, target, initial, hash);
            Opened opened;
            try {
                opened = opener.awaitInOperation(opening, requestTimeout.toNanos());
            } catch (TimeoutException e) {
                abandon(channel);
                throw new MessageRefused(
                        unanswered(channel, target, requestTimeout).getMessage());
            } catch (ExecutionException e) {
                throw refused(e.getCause());
            } catch (OperationInterrupted e) {
                abandon(channel);
                throw e;
            }
            recordReceive(
                    opener,
                    target.id(),
                    target.name(),
                    "channel-accept",
                    opened.size(),
                    opened.sendHash(),
                    null,
                    channel.id);
            return channel.id;
        } finally {
            waits.leave(opener.id());
        }
    }

    /** {@code send-on-channel}: returns once the message is in the other side's mailbox (or handed to Java code). */
    public void sendOnChannel(ActorId self, String channelId, byte[] message) {
        Actor sender = self(self);
        Channel channel = openChannelOf(sender, channelId);
        switch (channel.other(sender.id())) {
            case Channel.ActorSide side -> {
                Actor receiver = actors.apply(side.id());
                if (receiver == null) {
                    throw new MessageRefused("channel " + channelId + " is closed: actor '" + side.name() + "' ("
                            + side.id() + ") at its other end has stopped");
                }
                String hash = recordSend(sender, side.id(), side.name(), "channel-message", message, null, channelId);
                GuestCall op = GuestCall.of(
                        receiver,
                        HANDLE_CHANNEL_MESSAGE,
                        List.of(channelId, message),
                        receipt(sender.id(), sender.name(), "channel-message", message.length, hash, null, channelId));
                enqueue(sender, receiver, op);
                reportIfDropped(op, sender.name(), receiver);
            }
            case Channel.ExternalSide side -> {
                recordSend(sender, null, APPLICATION, "channel-message", message, null, channelId);
                side.handle().deliver(message);
            }
        }
    }

    /** {@code close-channel}: closes at once; the other side is told after the messages sent before. */
    public void closeChannel(ActorId self, String channelId) {
        Actor closer = self(self);
        Channel channel = openChannelOf(closer, channelId);
        if (channel.markClosed() != Channel.State.OPEN) {
            throw notOpen(closer, channelId);
        }
        channels.remove(channelId, channel);
        Channel.Side other = channel.other(closer.id());
        String hash =
                switch (other) {
                    case Channel.ActorSide side ->
                        recordSend(closer, side.id(), side.name(), "channel-close", NO_PAYLOAD, null, channelId);
                    case Channel.ExternalSide side ->
                        recordSend(closer, null, APPLICATION, "channel-close", NO_PAYLOAD, null, channelId);
                };
        tellClosed(channel, other, closer.id(), closer.name(), hash);
    }

    /** {@code list-outstanding-requests}: the requests delivered to this actor and not yet answered, oldest first. */
    public List<String> outstandingRequests(ActorId self) {
        return requests.values().stream()
                .filter(r -> r.target.id().equals(self) && r.isOutstanding())
                .sorted(Comparator.comparingLong(r -> r.delivered))
                .map(r -> r.id)
                .toList();
    }

    /** {@code respond-to-request}: answers an outstanding request of this actor. */
    public void respond(ActorId self, String requestId, byte[] response) {
        Actor actor = self(self);
        PendingRequest request = outstanding(actor, requestId);
        if (!answer(request, response)) {
            throw notOutstanding(actor, requestId);
        }
    }

    /** {@code cancel-request}: drops an outstanding request of this actor; its requester gets an error. */
    public void cancel(ActorId self, String requestId) {
        Actor actor = self(self);
        PendingRequest request = outstanding(actor, requestId);
        recordSend(actor, request.requester, request.requesterName, "request-cancel", NO_PAYLOAD, requestId, null);
        boolean cancelled = request.reply.completeExceptionally(new MessagingException.RequestCancelled(
                actor.id(),
                "actor '" + actor.name() + "' (" + actor.id() + ") cancelled request " + requestId + " without"
                        + " answering it"));
        if (!cancelled) {
            throw notOutstanding(actor, requestId);
        }
    }

    // ---- the application: TheaterRuntime's Java API ----

    /** Completes when the target's {@code handle-send} has returned. */
    public CompletableFuture<Void> send(ActorId to, byte[] message) {
        Actor target;
        try {
            target = target(to, "send to", HANDLE_SEND);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        GuestCall op = GuestCall.of(
                target,
                HANDLE_SEND,
                List.of(message.clone()),
                receipt(null, APPLICATION, "send", message.length, null, null, null));
        target.offer(op, mailboxWait);
        return op.future.thenApply(v -> null);
    }

    /** Completes with the answer, or fails (see {@code docs/messaging.md}); gives up after {@code timeout}. */
    public CompletableFuture<byte[]> request(ActorId to, byte[] message, Duration timeout) {
        Actor target;
        try {
            target = target(to, "request", HANDLE_REQUEST);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingRequest request = newRequest(null, APPLICATION, target);
        GuestCall op = requestCall(request, message.clone(), null);
        ScheduledFuture<?> timer = context.timer()
                .schedule(
                        () -> giveUp(request, op, timedOut(request, timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
        request.reply.whenComplete((reply, error) -> timer.cancel(false));
        target.offer(op, mailboxWait);
        return request.reply.thenApply(PendingRequest.Reply::payload);
    }

    /** Completes with the handle once the target accepts; fails when it rejects or does not answer in time. */
    public CompletableFuture<ChannelHandle> openChannel(ActorId to, byte[] initial, Consumer<byte[]> onMessage) {
        Actor target;
        try {
            target = target(to, "open a channel to", HANDLE_CHANNEL_OPEN, HANDLE_CHANNEL_MESSAGE, HANDLE_CHANNEL_CLOSE);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ExternalChannel handle = new ExternalChannel(this, onMessage, context.pool());
        Channel channel = new Channel(
                UUID.randomUUID().toString(),
                new Channel.ExternalSide(handle),
                new Channel.ActorSide(target.id(), target.name()));
        handle.bind(channel);
        channels.put(channel.id, channel);
        CompletableFuture<Opened> opening = open(channel, target, initial.clone(), null);
        ScheduledFuture<?> timer = context.timer()
                .schedule(
                        () -> {
                            if (opening.completeExceptionally(unanswered(channel, target, requestTimeout))) {
                                abandon(channel);
                            }
                        },
                        requestTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        opening.whenComplete((opened, error) -> timer.cancel(false));
        return opening.thenApply(opened -> handle);
    }

    CompletableFuture<Void> sendOnChannel(ExternalChannel handle, byte[] message) {
        Channel channel = handle.channel();
        Actor receiver = actors.apply(channel.target.id());
        if (channel.state() != Channel.State.OPEN || receiver == null) {
            return CompletableFuture.failedFuture(new MessagingException.ChannelNotOpen(
                    channel.target.id(),
                    "channel " + channel.id + " to actor '" + channel.target.name() + "' (" + channel.target.id()
                            + ") is closed; open a new one"));
        }
        GuestCall op = GuestCall.of(
                receiver,
                HANDLE_CHANNEL_MESSAGE,
                List.of(channel.id, message),
                receipt(null, APPLICATION, "channel-message", message.length, null, null, channel.id));
        receiver.offer(op, mailboxWait);
        return op.future.thenApply(v -> null);
    }

    CompletableFuture<Void> closeChannel(ExternalChannel handle) {
        Channel channel = handle.channel();
        if (channel.markClosed() != Channel.State.OPEN) {
            return handle.closed();
        }
        channels.remove(channel.id, channel);
        handle.markClosed();
        Actor receiver = actors.apply(channel.target.id());
        if (receiver == null) {
            return handle.closed();
        }
        GuestCall op = GuestCall.of(
                receiver,
                HANDLE_CHANNEL_CLOSE,
                List.of(channel.id),
                receipt(null, APPLICATION, "channel-close", 0, null, null, channel.id));
        receiver.offer(op, mailboxWait);
        // Done when the actor has seen the close and the handle reports itself closed (closed() is done).
        return op.future.thenCompose(v -> handle.closed());
    }

    // ---- the runtime ----

    /**
     * The actor stopped or failed: its open channels close (the other side is told), and the requests it has not
     * answered fail. Requests and channel openings still in its mailbox fail with it.
     */
    public void terminated(ActorId id) {
        waits.leave(id);
        for (Channel channel : channels.values()) {
            if (channel.involves(id) && channel.markClosed() == Channel.State.OPEN) {
                channels.remove(channel.id, channel);
                Channel.Side self = channel.target.id().equals(id) ? channel.target : channel.opener;
                String name = self instanceof Channel.ActorSide a ? a.name() : APPLICATION;
                try {
                    tellClosed(channel, channel.other(id), id, name, null);
                } catch (RuntimeException e) {
                    // The runtime is closing (its pool refuses work); the actor still ends normally.
                    LOG.warn("channel {} closed with actor {}, but its other end could not be told", channel.id, id, e);
                }
            }
        }
        for (PendingRequest request : requests.values()) {
            if (request.target.id().equals(id)) {
                request.reply.completeExceptionally(new ActorException.ChannelClosed(
                        id,
                        "actor '" + request.target.name() + "' (" + id + ") stopped before it answered request "
                                + request.id));
            }
        }
    }

    // ---- requests ----

    private PendingRequest newRequest(ActorId requester, String requesterName, Actor target) {
        PendingRequest request = new PendingRequest(UUID.randomUUID().toString(), requester, requesterName, target);
        requests.put(request.id, request);
        request.reply.whenComplete((reply, error) -> requests.remove(request.id, request));
        return request;
    }

    /** The {@code handle-request} call that delivers {@code request}; its outcome answers or fails the request. */
    private GuestCall requestCall(PendingRequest request, byte[] message, String sendHash) {
        GuestCall op = GuestCall.of(request.target, HANDLE_REQUEST, List.of(request.id, message), actor -> {
            request.delivered = deliveries.incrementAndGet();
            recordReceive(
                    actor,
                    request.requester,
                    request.requesterName,
                    "request",
                    message.length,
                    sendHash,
                    request.id,
                    null);
        });
        op.future.whenComplete((value, error) -> {
            if (error != null) {
                request.reply.completeExceptionally(unwrap(error));
                return;
            }
            if (value instanceof WitTuple tuple && tuple.get(0) instanceof Optional<?> answer && answer.isPresent()) {
                answer(request, (byte[]) answer.get());
            }
        });
        return op;
    }

    /** Records the answer in the target's chain and hands it to the requester; false when nobody waits any more. */
    private boolean answer(PendingRequest request, byte[] payload) {
        Actor target = request.target;
        if (request.reply.isDone()) {
            LOG.info(
                    "actor '{}' ({}) answered request {} of {}, which was already answered, cancelled or given up;"
                            + " this answer is discarded",
                    target.name(),
                    target.id(),
                    request.id,
                    request.requesterName);
            return false;
        }
        String hash =
                recordSend(target, request.requester, request.requesterName, "response", payload, request.id, null);
        return request.reply.complete(new PendingRequest.Reply(payload, hash));
    }

    private PendingRequest outstanding(Actor actor, String requestId) {
        PendingRequest request = requests.get(requestId);
        if (request == null || request.target != actor || !request.isOutstanding()) {
            throw notOutstanding(actor, requestId);
        }
        return request;
    }

    /** The requester stops waiting: the request is no longer answerable, and leaves the mailbox if it still waits. */
    private static void giveUp(PendingRequest request, GuestCall op, RuntimeException reason) {
        if (request.reply.completeExceptionally(reason)) {
            request.target.withdraw(op, new ActorException.ChannelClosed(request.target.id(), reason.getMessage()));
        }
    }

    private static MessagingException.RequestTimedOut timedOut(PendingRequest request, Duration timeout) {
        Actor target = request.target;
        String why = timeout.isZero()
                ? " was abandoned: " + request.requesterName + " stopped waiting (its operation was interrupted)"
                : " got no answer within " + Durations.describe(timeout)
                        + "; it can no longer be answered. Answer sooner, or"
                        + " give requests longer (TheaterRuntime.Builder.withRequestTimeout, or"
                        + " TheaterRuntime.request(id, message, timeout))";
        return new MessagingException.RequestTimedOut(
                target.id(),
                "request " + request.id + " from " + describeRequester(request) + " to actor '" + target.name() + "' ("
                        + target.id() + ")" + why);
    }

    private static String describeRequester(PendingRequest request) {
        return request.requester == null
                ? APPLICATION
                : "actor '" + request.requesterName + "' (" + request.requester + ")";
    }

    private static MessageRefused notOutstanding(Actor actor, String requestId) {
        return new MessageRefused("actor '" + actor.name() + "' (" + actor.id() + ") has no outstanding request '"
                + requestId + "': a request is outstanding from its delivery to handle-request until it is answered,"
                + " cancelled, or its requester stops waiting; list-outstanding-requests shows the current ones");
    }

    // ---- channels ----

    /** What the opener learns when the target accepts: the hash of the target's answer, and its message's size. */
    private record Opened(String sendHash, int size) {}

    /**
     * Delivers the opening of {@code channel} to {@code target}; completes when the target accepts (the accept message
     * is on its way to the opener by then) and fails when it rejects or fails.
     */
    private CompletableFuture<Opened> open(Channel channel, Actor target, byte[] initial, String sendHash) {
        ActorId from = channel.opener instanceof Channel.ActorSide a ? a.id() : null;
        String fromName = channel.opener instanceof Channel.ActorSide a ? a.name() : APPLICATION;
        CompletableFuture<Opened> result = new CompletableFuture<>();
        GuestCall op = GuestCall.of(
                target,
                HANDLE_CHANNEL_OPEN,
                List.of(channel.id, initial),
                receipt(from, fromName, "channel-open", initial.length, sendHash, null, channel.id));
        op.future.whenComplete((value, error) -> {
            if (error != null) {
                channel.markClosed();
                channels.remove(channel.id, channel);
                result.completeExceptionally(unwrap(error));
                return;
            }
            WitRecord answer = (WitRecord) ((WitTuple) value).get(0);
            boolean accepted = Boolean.TRUE.equals(answer.get("accepted"));
            Optional<byte[]> message = ((Optional<?>) answer.get("message")).map(m -> (byte[]) m);
            int size = message.map(m -> m.length).orElse(0);
            String hash = recordSend(
                    target,
                    from,
                    fromName,
                    accepted ? "channel-accept" : "channel-reject",
                    message.orElse(NO_PAYLOAD),
                    null,
                    channel.id);
            if (!accepted) {
                channel.markClosed();
                channels.remove(channel.id, channel);
                result.completeExceptionally(new MessagingException.ChannelRejected(
                        target.id(),
                        "actor '" + target.name() + "' (" + target.id() + ") rejected channel " + channel.id
                                + message.map(m -> " with a " + m.length + "-byte message: " + printable(m))
                                        .orElse(""),
                        message));
                return;
            }
            if (!channel.markOpen()) {
                // The opener stopped waiting before the answer came, but the target believes the channel is open.
                tellClosed(channel, channel.target, from, fromName, null);
                return;
            }
            message.ifPresent(m -> deliver(channel, channel.opener, target, m, hash));
            result.complete(new Opened(hash, size));
        });
        target.offer(op, mailboxWait);
        return result;
    }

    /** The opener stopped waiting for the answer; if the target accepts later, it is told the channel closed. */
    private void abandon(Channel channel) {
        channel.markClosed();
        channels.remove(channel.id, channel);
    }

    private Channel openChannelOf(Actor actor, String channelId) {
        Channel channel = channels.get(channelId);
        if (channel == null || !channel.involves(actor.id())) {
            throw new MessageRefused("actor '" + actor.name() + "' (" + actor.id() + ") has no open channel '"
                    + channelId + "': it was closed (by either side, or because the other side stopped), or this"
                    + " actor is not one of its ends; open-channel returns the ids of new channels, and"
                    + " handle-channel-open receives the ids of channels opened to this actor");
        }
        if (channel.state() != Channel.State.OPEN) {
            throw notOpen(actor, channelId);
        }
        return channel;
    }

    private static MessageRefused notOpen(Actor actor, String channelId) {
        return new MessageRefused("channel '" + channelId + "' of actor '" + actor.name() + "' (" + actor.id()
                + ") is not open: it is closed, or still waiting for handle-channel-open to accept it");
    }

    private static MessagingException.RequestTimedOut unanswered(Channel channel, Actor target, Duration timeout) {
        return new MessagingException.RequestTimedOut(
                target.id(),
                "actor '" + target.name() + "' (" + target.id() + ") did not answer the opening of channel "
                        + channel.id + " within " + Durations.describe(timeout)
                        + "; the channel is closed. Give it longer"
                        + " with TheaterRuntime.Builder.withRequestTimeout");
    }

    /** Hands a channel message to one side without blocking: an actor's mailbox (with backpressure) or Java code. */
    private void deliver(Channel channel, Channel.Side side, Actor from, byte[] message, String sendHash) {
        switch (side) {
            case Channel.ActorSide a -> {
                Actor receiver = actors.apply(a.id());
                if (receiver == null) {
                    LOG.info(
                            "a message on channel {} was not delivered: actor '{}' ({}) has stopped",
                            channel.id,
                            a.name(),
                            a.id());
                    return;
                }
                GuestCall op = GuestCall.of(
                        receiver,
                        HANDLE_CHANNEL_MESSAGE,
                        List.of(channel.id, message),
                        receipt(from.id(), from.name(), "channel-message", message.length, sendHash, null, channel.id));
                receiver.offer(op, mailboxWait);
                reportIfDropped(op, from.name(), receiver);
            }
            case Channel.ExternalSide e -> e.handle().deliver(message);
        }
    }

    /** Tells one side that the channel closed, without blocking; after the messages sent to it before. */
    private void tellClosed(Channel channel, Channel.Side side, ActorId from, String fromName, String sendHash) {
        switch (side) {
            case Channel.ActorSide a -> {
                Actor receiver = actors.apply(a.id());
                if (receiver == null) {
                    return;
                }
                GuestCall op = GuestCall.of(
                        receiver,
                        HANDLE_CHANNEL_CLOSE,
                        List.of(channel.id),
                        receipt(from, fromName, "channel-close", 0, sendHash, null, channel.id));
                receiver.offer(op, mailboxWait);
                reportIfDropped(op, fromName, receiver);
            }
            case Channel.ExternalSide e -> e.handle().markClosed();
        }
    }

    // ---- delivery ----

    /**
     * Puts {@code op} in {@code target}'s mailbox for {@code sender}'s running operation, waiting for room when it is
     * full. A wait that would close a cycle (the target waits, directly or not, on the sender) is refused at once.
     */
    private void enqueue(Actor sender, Actor target, GuestCall op) {
        CompletableFuture<Void> admitted = target.offer(op, mailboxWait);
        if (!admitted.isDone()) {
            try {
                waits.enter(sender, target);
            } catch (WaitForGraph.Cycle cycle) {
                ActorException.MailboxFull refused = new ActorException.MailboxFull(
                        target.id(),
                        "actor '" + target.name() + "' (" + target.id() + ") has its mailbox full (limit "
                                + target.mailboxLimit() + " operations) and waiting for room would deadlock, because"
                                + " it is waiting on the sender: " + cycle.describePath() + ". " + op.name()
                                + " was not delivered; send it again from a later operation, or raise [limits]"
                                + " mailbox");
                if (target.withdraw(op, refused)) {
                    throw new MessageRefused(refused.getMessage(), refused);
                }
                // It got in (or failed) meanwhile: the admission is decided.
                admissionOutcome(admitted);
                return;
            }
            try {
                sender.awaitInOperation(admitted, Long.MAX_VALUE);
            } catch (ExecutionException e) {
                throw refused(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a wait without a timeout timed out", e);
            } catch (OperationInterrupted e) {
                target.withdraw(
                        op,
                        new ActorException.ChannelClosed(
                                target.id(), "the sender '" + sender.name() + "' stopped waiting (interrupted)"));
                throw e;
            } finally {
                waits.leave(sender.id());
            }
            return;
        }
        admissionOutcome(admitted);
    }

    /** Throws when the admission failed. Called once it is decided: done, or about to complete (no waiting). */
    private static void admissionOutcome(CompletableFuture<Void> admitted) {
        try {
            admitted.join();
        } catch (CompletionException | CancellationException e) {
            throw refused(e);
        }
    }

    /**
     * Logs a message that nobody waits for (its sender was told it is queued, or the runtime sent it) when it is not
     * delivered after all: the receiver stopped first, or its mailbox stayed full.
     */
    private static void reportIfDropped(Operation op, String senderName, Actor receiver) {
        op.future.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (cause instanceof ActorException.ChannelClosed || cause instanceof ActorException.MailboxFull) {
                LOG.info(
                        "{} from '{}' to actor '{}' ({}) was not delivered: {}",
                        op.name(),
                        senderName,
                        receiver.name(),
                        receiver.id(),
                        cause.getMessage());
            }
        });
    }

    private GuestCall.Delivery receipt(
            ActorId from, String fromName, String kind, int size, String sendHash, String requestId, String channelId) {
        return actor -> recordReceive(actor, from, fromName, kind, size, sendHash, requestId, channelId);
    }

    // ---- chain ----

    /** Records {@code message-send} in {@code sender}'s chain; returns the event's hash (hex). */
    private static String recordSend(
            Actor sender, ActorId to, String toName, String kind, byte[] payload, String requestId, String channelId) {
        String data = WitJson.json(json -> {
            json.writeStartObject();
            json.writeFieldName("to");
            id(json, to);
            fields(json, kind, payload.length, requestId, channelId);
            json.writeEndObject();
        });
        ChainEvent event = sender.chain().append(ChainEventTypes.MESSAGE_SEND, data, kind + " to " + toName);
        if (to != null && payload.length > 0) {
            sender.messageSent(to, payload);
        }
        return event.hashHex();
    }

    /** Records {@code message-receive} in {@code receiver}'s chain, linked to the sender's event by its hash. */
    private static void recordReceive(
            Actor receiver,
            ActorId from,
            String fromName,
            String kind,
            int size,
            String sendHash,
            String requestId,
            String channelId) {
        String data = WitJson.json(json -> {
            json.writeStartObject();
            json.writeFieldName("from");
            id(json, from);
            fields(json, kind, size, requestId, channelId);
            json.writeFieldName("send_hash");
            if (sendHash == null) {
                json.writeNull();
            } else {
                json.writeString(sendHash);
            }
            json.writeEndObject();
        });
        receiver.chain().append(ChainEventTypes.MESSAGE_RECEIVE, data, kind + " from " + fromName);
    }

    private static void id(JsonGenerator json, ActorId id) throws IOException {
        if (id == null) {
            json.writeNull();
        } else {
            json.writeString(id.toString());
        }
    }

    private static void fields(JsonGenerator json, String kind, int size, String requestId, String channelId)
            throws IOException {
        json.writeStringField("kind", kind);
        json.writeNumberField("size", size);
        if (requestId != null) {
            json.writeFieldName("request_id");
            WitJson.string(json, requestId);
        }
        if (channelId != null) {
            json.writeFieldName("channel_id");
            WitJson.string(json, channelId);
        }
    }

    // ---- lookups and messages ----

    private Actor self(ActorId self) {
        Actor actor = actors.apply(self);
        if (actor == null) {
            throw new IllegalStateException("actor " + self + " is not running; it cannot use messaging");
        }
        return actor;
    }

    /** The actor a guest addresses, checked to be running and to export what receives the message. */
    private Actor target(Actor sender, String to, String verb, String... exports) {
        String who = "actor '" + sender.name() + "' (" + sender.id() + ") cannot " + verb + " ";
        ActorId id;
        try {
            id = ActorId.parse(to);
        } catch (IllegalArgumentException e) {
            throw new MessageRefused(who + "'" + to + "': " + e.getMessage());
        }
        Actor target = actors.apply(id);
        if (target == null) {
            throw new MessageRefused(who + "actor " + id + ": no such actor is running in this runtime (it stopped,"
                    + " or never existed)");
        }
        for (String export : exports) {
            if (!target.exports().contains(export)) {
                throw new MessageRefused(who + "actor '" + target.name() + "' (" + id + "): it does not export "
                        + export + ", so it cannot receive that");
            }
        }
        return target;
    }

    /** The actor the application addresses, checked like a guest's target. */
    private Actor target(ActorId to, String verb, String... exports) {
        requireNonNull(to, "to is null");
        Actor target = actors.apply(to);
        if (target == null) {
            throw new ActorException.ChannelClosed(
                    to,
                    "cannot " + verb + " actor " + to + ": no such actor is running in this runtime; list() shows"
                            + " the running ones");
        }
        for (String export : exports) {
            if (!target.exports().contains(export)) {
                throw new IllegalArgumentException("cannot " + verb + " actor '" + target.name() + "' (" + to
                        + "): it does not export " + export + ", so it cannot receive that");
            }
        }
        return target;
    }

    private static String cycleMessage(Actor sender, Actor target, String verb, WaitForGraph.Cycle cycle) {
        String because = sender == target
                ? "an actor runs one operation at a time, so it cannot answer itself while it waits"
                : "'" + target.name() + "' is itself waiting, directly or through others, on '" + sender.name() + "'";
        return "actor '" + sender.name() + "' (" + sender.id() + ") cannot " + verb + " actor '" + target.name() + "' ("
                + target.id() + ") and wait for the answer: " + because + ", so the wait would never end. Wait cycle: "
                + cycle.describePath() + ". Break the cycle: send one-way messages, or let handle-request return none"
                + " and answer later with respond-to-request";
    }

    private static MessageRefused refused(Throwable cause) {
        Throwable c = unwrap(cause);
        return new MessageRefused(c.getMessage() == null ? c.toString() : c.getMessage(), c);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}

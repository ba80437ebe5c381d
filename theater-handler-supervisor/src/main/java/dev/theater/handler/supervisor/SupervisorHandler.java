package dev.theater.handler.supervisor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.spi.supervision.Child;
import dev.theater.spi.supervision.ChildEnd;
import dev.theater.spi.supervision.ChildSpec;
import dev.theater.spi.supervision.SupervisionException;
import dev.theater.spi.supervision.SupervisionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parent actor's supervisor: the guest-facing {@code theater:simple/supervisor} functions, the {@code
 * supervisor-handlers} callbacks, and the restart policy. Decisions are made under one lock, one child end at a time,
 * and each is recorded in the parent's chain as a {@code supervision} event. Restarts wait for their backoff on the
 * {@link Scheduler}; nothing here sleeps or spins.
 */
final class SupervisorHandler implements Handler {
    static final String INTERFACE = "theater:simple/supervisor";
    static final String CALLBACKS = "theater:simple/supervisor-handlers";
    static final String HANDLE_ERROR = CALLBACKS + "#handle-child-error";
    static final String HANDLE_EXIT = CALLBACKS + "#handle-child-exit";
    static final String HANDLE_EXTERNAL_STOP = CALLBACKS + "#handle-child-external-stop";

    /** How long {@code stop-child} waits for the child's subtree to stop before it reports an error. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorHandler.class);

    private final String actorName;
    private final ActorTree tree;
    private final SupervisionPolicy policy;
    private final ChildOverrides overrides;
    private final Scheduler scheduler;
    private final DoubleSupplier random;

    private final Object lock = new Object();
    /** The children this supervisor knows, with the policy that applies to each. */
    private final Map<ActorId, Supervised> children = new HashMap<>();
    /** When the restarts within the intensity period happened, oldest first. */
    private final Deque<Instant> restarts = new ArrayDeque<>();
    /** Restarts waiting for their backoff, by the child whose end caused them. */
    private final Map<ActorId, Pending> pending = new HashMap<>();

    private volatile ActorExecutor executor;
    private ActorController.Subscription watching;
    private boolean closed;
    private boolean gaveUp;

    /** A child with the policy that applies to it and the times of its own restarts (for its backoff). */
    private static final class Supervised {
        final ActorId id;
        final String name;
        final SupervisionPolicy policy;
        final Deque<Instant> restarts = new ArrayDeque<>();

        Supervised(ActorId id, String name, SupervisionPolicy policy) {
            this.id = id;
            this.name = name;
            this.policy = policy;
        }
    }

    /** A scheduled restart of {@code group} (in spawn order). */
    private record Pending(Scheduler.Cancellable task, List<ActorId> group) {}

    SupervisorHandler(
            String actorName,
            ActorTree tree,
            SupervisionPolicy policy,
            ChildOverrides overrides,
            Scheduler scheduler,
            DoubleSupplier random) {
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.tree = requireNonNull(tree, "tree is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.overrides = requireNonNull(overrides, "overrides is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public Set<String> exports() {
        return Set.of(CALLBACKS);
    }

    @HostCall("spawn")
    WitResult<String, String> spawnChild(String manifest, Optional<byte[]> initBytes) {
        return spawn(ChildSpec.spawn(manifest, initBytes));
    }

    @HostCall
    WitResult<String, String> resume(String manifest, Optional<byte[]> initState) {
        return spawn(ChildSpec.resume(manifest, initState));
    }

    @HostCall
    List<String> listChildren() {
        return tree.children().stream().map(c -> c.id().toString()).toList();
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.executor = requireNonNull(executor, "executor is null");
        ActorController.Subscription subscription = tree.watch(this::childEnded);
        synchronized (lock) {
            watching = subscription;
        }
        shutdown.requested().thenRun(this::stopSupervising);
    }

    @Override
    public void close() {
        stopSupervising();
        ActorController.Subscription subscription;
        synchronized (lock) {
            subscription = watching;
            watching = null;
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    /** The actor is stopping: no more restarts (the runtime stops the children). */
    private void stopSupervising() {
        synchronized (lock) {
            closed = true;
            cancelPending();
        }
    }

    // ---- host functions ----

    private WitResult<String, String> spawn(ChildSpec spec) {
        synchronized (lock) {
            if (closed || gaveUp) {
                return WitResult.err("actor '" + actorName + "' is stopping and spawns no children");
            }
        }
        Child child;
        try {
            child = tree.spawn(spec);
        } catch (SupervisionException e) {
            return WitResult.err(e.getMessage());
        }
        synchronized (lock) {
            supervised(child.id(), child.name());
        }
        return WitResult.ok(child.id().toString());
    }

    @HostCall
    WitResult<Void, String> stopChild(String text) {
        ActorId id;
        try {
            id = ActorId.parse(text);
        } catch (IllegalArgumentException e) {
            return WitResult.err(e.getMessage());
        }
        synchronized (lock) {
            Pending waiting = pending.remove(id);
            if (waiting != null) {
                waiting.task().cancel();
            }
            children.remove(id);
        }
        try {
            tree.stop(id).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (SupervisionException e) {
            return WitResult.err(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WitResult.err("interrupted while stopping child " + id);
        } catch (ExecutionException | TimeoutException e) {
            return WitResult.err("child " + id + " did not stop within " + STOP_WAIT.toSeconds() + "s: " + e);
        }
        return WitResult.ok();
    }

    @HostCall
    WitResult<Void, String> restartChild(String text) {
        ActorId id;
        try {
            id = ActorId.parse(text);
        } catch (IllegalArgumentException e) {
            return WitResult.err(e.getMessage());
        }
        Optional<Child> child = tree.child(id);
        if (child.isEmpty()) {
            return WitResult.err("actor '" + actorName + "' cannot restart " + id + ": it is not one of its children"
                    + " (only a parent may restart its children, and a stopped child must be spawned again);"
                    + " list-children names them");
        }
        Supervised s;
        synchronized (lock) {
            if (closed || gaveUp) {
                return WitResult.err("actor '" + actorName + "' is stopping and restarts no children");
            }
            Pending waiting = pending.remove(id);
            if (waiting != null) {
                waiting.task().cancel();
            }
            s = supervised(id, child.get().name());
        }
        try {
            Child fresh = tree.restart(id, s.policy.restartState());
            synchronized (lock) {
                record(
                        "restart",
                        decision(s, "requested by the actor"),
                        Map.of(
                                "restarts",
                                fresh.restarts(),
                                "state",
                                s.policy.restartState().tomlName()));
            }
            return WitResult.ok();
        } catch (SupervisionException.SpawnFailed e) {
            synchronized (lock) {
                ChildEnd failed = new ChildEnd.Failed(id, s.name, ChildEnd.Cause.START, e.getMessage());
                notifyGuest(failed);
                decide(failed);
            }
            return WitResult.err(e.getMessage());
        } catch (SupervisionException e) {
            return WitResult.err(e.getMessage());
        }
    }

    @HostCall("get-child-state")
    WitResult<Optional<byte[]>, String> childState(String text) {
        try {
            return WitResult.ok(tree.state(ActorId.parse(text)));
        } catch (IllegalArgumentException | SupervisionException e) {
            return WitResult.err(e.getMessage());
        }
    }

    @HostCall("get-child-events")
    WitResult<List<ChainEvent.WitChainEvent>, String> childEvents(String text) {
        List<ChainEvent> events;
        try {
            events = tree.events(ActorId.parse(text));
        } catch (IllegalArgumentException | IllegalStateException | SupervisionException e) {
            return WitResult.err(e.getMessage());
        }
        return WitResult.ok(events.stream().map(ChainEvent::toWit).toList());
    }

    // ---- the policy ----

    /** A child ended on its own: tell the guest, then decide. */
    private void childEnded(ChildEnd end) {
        synchronized (lock) {
            if (closed || gaveUp) {
                return;
            }
            notifyGuest(end);
            decide(end);
        }
    }

    /** Under the lock. Restart, wait, escalate or let go, by the child's restart type and the intensity. */
    private void decide(ChildEnd end) {
        Supervised s = supervised(end.child(), end.name());
        String trigger = trigger(end);
        if (!restarts(s.policy.restart(), end)) {
            children.remove(s.id);
            try {
                tree.stop(s.id); // it has ended: this lets it go; its chain and last state stay readable
            } catch (SupervisionException e) {
                LOG.debug("actor '{}': child {} is already gone: {}", actorName, s.id, e.getMessage());
            }
            record(
                    "no-restart",
                    decision(s, trigger),
                    Map.of("restart", s.policy.restart().tomlName()));
            return;
        }
        Instant now = scheduler.now();
        prune(restarts, now);
        if (restarts.size() >= policy.maxRestarts()) {
            giveUp(s, trigger);
            return;
        }
        restarts.addLast(now);
        prune(s.restarts, now);
        int attempt = s.restarts.size();
        s.restarts.addLast(now);

        List<ActorId> group = group(s.id);
        // A restart already waiting for a child of this group is folded into this one.
        Set<ActorId> merged = new LinkedHashSet<>(group);
        for (ActorId id : group) {
            Pending earlier = pending.remove(id);
            if (earlier != null) {
                earlier.task().cancel();
                merged.addAll(earlier.group());
            }
        }
        List<ActorId> ordered = inSpawnOrder(merged);
        if (!ordered.contains(s.id)) {
            ordered.add(s.id);
        }
        List<ActorId> restarting = new ArrayList<>();
        for (ActorId id : ordered.reversed()) {
            if (id.equals(s.id)) {
                restarting.add(id);
                continue;
            }
            Supervised sibling = children.get(id);
            if (sibling == null) {
                continue;
            }
            if (sibling.policy.restart() == SupervisionPolicy.Restart.TEMPORARY) {
                // As in OTP: a temporary sibling stopped for a group restart is not started again.
                children.remove(id);
                stopQuietly(id);
            } else {
                restarting.add(id);
                terminateQuietly(id);
            }
        }
        List<ActorId> members = restarting.reversed();
        Duration delay = new Backoff(s.policy.backoffMin(), s.policy.backoffMax()).delay(attempt, jitter());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strategy", policy.strategy().tomlName());
        details.put("restarting", members.stream().map(ActorId::toString).toList());
        details.put("attempt", attempt + 1);
        details.put("delay_ms", delay.toMillis());
        details.put("restarts_in_period", restarts.size());
        details.put("max_restarts", policy.maxRestarts());
        record("backoff", decision(s, trigger), details);
        LOG.debug(
                "actor '{}': child '{}' ({}) {}; restarting {} in {} ms",
                actorName,
                s.name,
                s.id,
                trigger,
                members,
                delay.toMillis());
        Scheduler.Cancellable task = scheduler.schedule(delay, () -> restartGroup(s.id));
        pending.put(s.id, new Pending(task, members));
    }

    /**
     * Runs when a backoff has passed: starts each child of the group again, in spawn order. The lock is not held
     * while a child's {@code init} runs, so a child that talks to its parent during {@code init} cannot stall
     * behind it.
     */
    private void restartGroup(ActorId trigger) {
        List<Supervised> due = new ArrayList<>();
        synchronized (lock) {
            Pending waiting = pending.remove(trigger);
            if (waiting == null || closed || gaveUp) {
                return;
            }
            for (ActorId id : waiting.group()) {
                Supervised s = children.get(id);
                if (s != null) {
                    due.add(s);
                }
            }
        }
        List<ChildEnd> failures = new ArrayList<>();
        for (Supervised s : due) {
            synchronized (lock) {
                if (closed || gaveUp) {
                    return;
                }
                if (children.get(s.id) != s) {
                    continue; // stopped meanwhile
                }
            }
            String why = s.id.equals(trigger) ? "backoff passed" : "sibling " + trigger + " restarts";
            try {
                Child fresh = tree.restart(s.id, s.policy.restartState());
                record(
                        "restart",
                        decision(s, why),
                        Map.of(
                                "restarts",
                                fresh.restarts(),
                                "state",
                                s.policy.restartState().tomlName()));
            } catch (SupervisionException.SpawnFailed e) {
                record("restart-failed", decision(s, why), Map.of("reason", e.getMessage()));
                failures.add(new ChildEnd.Failed(s.id, s.name, ChildEnd.Cause.START, e.getMessage()));
            } catch (SupervisionException e) {
                synchronized (lock) {
                    children.remove(s.id, s);
                }
            }
        }
        synchronized (lock) {
            for (ChildEnd failure : failures) {
                if (closed || gaveUp) {
                    return;
                }
                notifyGuest(failure);
                decide(failure);
            }
        }
    }

    /** Under the lock. Too many restarts: stop the subtree and fail, so the grandparent decides. */
    private void giveUp(Supervised s, String trigger) {
        gaveUp = true;
        cancelPending();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restarts_in_period", restarts.size());
        details.put("max_restarts", policy.maxRestarts());
        details.put("period_ms", policy.period().toMillis());
        record("escalate", decision(s, trigger), details);
        String reason = "supervisor '" + actorName + "' gave up: child '" + s.name + "' (" + s.id + ") " + trigger
                + ", and restarting it would exceed max_restarts = " + policy.maxRestarts() + " within "
                + policy.period().toMillis() + " ms; its children are stopped and the failure goes to its own parent";
        LOG.info("actor '{}': {}", actorName, reason);
        tree.escalate(reason);
    }

    private static boolean restarts(SupervisionPolicy.Restart restart, ChildEnd end) {
        return switch (restart) {
            case PERMANENT -> true;
            case TRANSIENT -> end instanceof ChildEnd.Failed;
            case TEMPORARY -> false;
        };
    }

    /** The children that restart with {@code failed}, by the strategy, in spawn order. */
    private List<ActorId> group(ActorId failed) {
        List<ActorId> order = tree.children().stream().map(Child::id).toList();
        return switch (policy.strategy()) {
            case ONE_FOR_ONE -> List.of(failed);
            case ONE_FOR_ALL -> order.contains(failed) ? order : List.of(failed);
            case REST_FOR_ONE -> {
                int at = order.indexOf(failed);
                yield at < 0 ? List.of(failed) : order.subList(at, order.size());
            }
        };
    }

    private List<ActorId> inSpawnOrder(Set<ActorId> ids) {
        List<ActorId> ordered = new ArrayList<>();
        for (Child child : tree.children()) {
            if (ids.contains(child.id())) {
                ordered.add(child.id());
            }
        }
        return ordered;
    }

    private void terminateQuietly(ActorId id) {
        try {
            tree.terminate(id);
        } catch (SupervisionException e) {
            LOG.debug("actor '{}': cannot stop child {} for a group restart: {}", actorName, id, e.getMessage());
        }
    }

    private void stopQuietly(ActorId id) {
        try {
            tree.stop(id);
        } catch (SupervisionException e) {
            LOG.debug("actor '{}': cannot stop temporary child {}: {}", actorName, id, e.getMessage());
        }
    }

    private void cancelPending() {
        for (Pending p : pending.values()) {
            p.task().cancel();
        }
        pending.clear();
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(policy.period());
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private double jitter() {
        double r = random.getAsDouble();
        return r >= 0 && r < 1 ? r : 0;
    }

    /** Under the lock. The child's entry, created with its policy (the parent's, with its overrides) on first sight. */
    private Supervised supervised(ActorId id, String name) {
        return children.computeIfAbsent(id, i -> new Supervised(i, name, overrides.apply(policy, name)));
    }

    // ---- telling the guest, and the chain ----

    /** Queues the matching {@code supervisor-handlers} call on the parent; an actor without the export is skipped. */
    private void notifyGuest(ChildEnd end) {
        ActorExecutor parent = executor;
        if (parent == null) {
            return;
        }
        String id = end.child().toString();
        String function;
        List<Object> params;
        switch (end) {
            case ChildEnd.Failed failed -> {
                function = HANDLE_ERROR;
                Map<String, Object> error = new LinkedHashMap<>();
                error.put(
                        "error-type",
                        new WitEnum(failed.cause() == ChildEnd.Cause.TIMEOUT ? "operation-timeout" : "internal"));
                error.put("data", Optional.of(failed.reason().getBytes(UTF_8)));
                params = List.of(id, new WitRecord(error));
            }
            case ChildEnd.Exited exited -> {
                function = HANDLE_EXIT;
                params = List.of(id, exited.data());
            }
            case ChildEnd.StoppedExternally stopped -> {
                function = HANDLE_EXTERNAL_STOP;
                params = List.of(id);
            }
        }
        parent.call(function, params).whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("actor '{}': {} for child {} was not delivered: {}", actorName, function, id, e.toString());
            }
        });
    }

    private static Map<String, Object> decision(Supervised s, String trigger) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("child", s.id.toString());
        data.put("name", s.name);
        data.put("trigger", trigger);
        return data;
    }

    private void record(String decision, Map<String, Object> base, Map<String, Object> details) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("decision", decision);
        data.putAll(base);
        data.putAll(details);
        try {
            tree.record(data, decision);
        } catch (RuntimeException e) {
            LOG.warn("actor '{}' could not record the supervision decision {}", actorName, data, e);
        }
    }

    private static String trigger(ChildEnd end) {
        return switch (end) {
            case ChildEnd.Failed f -> "failed (" + f.cause().name().toLowerCase(Locale.ROOT) + "): " + f.reason();
            case ChildEnd.Exited e -> "exited";
            case ChildEnd.StoppedExternally s -> "was stopped from outside";
        };
    }

    @Override
    public String toString() {
        return "SupervisorHandler[" + actorName + "]";
    }
}

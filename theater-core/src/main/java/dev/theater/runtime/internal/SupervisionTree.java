package dev.theater.runtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.theater.chain.ChainEventTypes;
import dev.theater.chain.ChainFile;
import dev.theater.chain.ChainReader;
import dev.theater.manifest.Manifest;
import dev.theater.manifest.ManifestException;
import dev.theater.manifest.ManifestParser;
import dev.theater.runtime.SpawnException;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.spi.supervision.Child;
import dev.theater.spi.supervision.ChildEnd;
import dev.theater.spi.supervision.ChildSpec;
import dev.theater.spi.supervision.SupervisionException;
import dev.theater.spi.supervision.SupervisionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervision tree of one runtime: which actor is whose child, in which order they were spawned, and how each
 * instance ended. It carries out what parents ask through {@link ActorTree} (spawn, restart, terminate, stop) and
 * tells each parent how its children ended; the policy of when to do what belongs to the caller (the {@code
 * supervisor} handler). See {@code docs/supervision.md}.
 *
 * <p>Every actor has a node, kept while it lives; a child's node also stays while it is ended but not removed by its
 * parent (so it can be restarted, with the same id, continuing its chain), and as a former child after its parent
 * stopped it (so its last state and persisted chain can still be read), until its parent's instance ends.
 *
 * <p>Concurrency: one lock guards the structure and is never held while waiting for an actor. Operations that
 * replace or stop one child's instance are serialized per node. Ends are reported on the runtime's pool, never on
 * the thread of the actor that ended.
 */
public final class SupervisionTree {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionTree.class);
    private static final String SHUTDOWN = "theater:simple/runtime#shutdown";

    /** What the tree needs from the runtime. */
    public interface Launcher {
        /**
         * Loads, links and starts one instance and waits for its {@code init}. Calls {@link Launch#created} with the
         * instance before it starts running.
         *
         * @throws SpawnException when it cannot be started or its {@code init} fails
         */
        Actor launch(Launch launch);

        /** The bytes of the manifest's {@code init_state}, or {@code null} when it has none. */
        byte[] initState(Manifest manifest);
    }

    /**
     * One instance to start.
     *
     * @param initState the bytes {@code init} receives, or {@code null}
     * @param parent the actor's parent, for children
     * @param previous the chain of the instance this one replaces (empty for a first instance)
     * @param restarts how often the actor was restarted, for its metrics
     * @param created called with the instance after it is registered and before it runs
     */
    public record Launch(
            Manifest manifest,
            Path manifestPath,
            ActorId id,
            byte[] initState,
            Optional<ActorId> parent,
            List<ChainEvent> previous,
            int restarts,
            Consumer<Actor> created) {
        public Launch {
            requireNonNull(manifest, "manifest is null");
            requireNonNull(manifestPath, "manifestPath is null");
            requireNonNull(id, "id is null");
            requireNonNull(parent, "parent is null");
            previous = List.copyOf(requireNonNull(previous, "previous is null"));
            requireNonNull(created, "created is null");
        }
    }

    private final RuntimeContext context;
    private final Duration stopTimeout;
    private final Path chainDirectory;
    private final Launcher launcher;

    private final Object lock = new Object();
    private final Map<ActorId, Node> nodes = new HashMap<>();
    /** Instances whose end is not reported: their parent (or its own end) caused it. */
    private final Set<Actor> quiet = Collections.newSetFromMap(new IdentityHashMap<>());

    private volatile boolean closing;

    public SupervisionTree(RuntimeContext context, Duration stopTimeout, Path chainDirectory, Launcher launcher) {
        this.context = requireNonNull(context, "context is null");
        this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout is null");
        this.chainDirectory = requireNonNull(chainDirectory, "chainDirectory is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    /** One actor, across its instances. Fields other than the finals are guarded by {@link #lock}. */
    private static final class Node {
        final ActorId id;
        final Node parent;
        final Manifest manifest;
        final Path manifestPath;
        final byte[] initialState;
        /** Its children, in the order they were spawned. */
        final List<Node> children = new ArrayList<>();
        /** Children it stopped, still readable. */
        final List<Node> former = new ArrayList<>();

        final List<Consumer<ChildEnd>> listeners = new CopyOnWriteArrayList<>();
        /** Serializes restart, terminate and stop of this node. */
        final Object operations = new Object();

        Actor instance;
        int restarts;
        /** Stopped by its parent: a former child. */
        boolean removed;
        /** Its instance is being stopped or is ending: its children's ends are not reported, spawns are refused. */
        boolean ending;
        /** An instance is starting: its end is reported by whoever started it, as a failed spawn or restart. */
        boolean launching;
        /** The starting instance ended after its init had succeeded, before {@link #launching} was cleared. */
        boolean endedWhileLaunching;
        /** The last state of a former child, kept when its instance is let go. */
        Optional<byte[]> lastState = Optional.empty();

        Node(ActorId id, Node parent, Manifest manifest, Path manifestPath, byte[] initialState) {
            this.id = id;
            this.parent = parent;
            this.manifest = manifest;
            this.manifestPath = manifestPath;
            this.initialState = initialState == null ? null : initialState.clone();
        }

        String describe() {
            return "'" + manifest.name() + "' (" + id + ")";
        }
    }

    // ---- the runtime's side ----

    /** The tree as actor {@code id} sees it, for its handlers. */
    public ActorTree view(ActorId id) {
        return new View(requireNonNull(id, "id is null"));
    }

    /** Registers a top-level actor (spawned by the embedding application) before it is launched. */
    public void register(ActorId id, Manifest manifest, Path manifestPath, byte[] initState) {
        synchronized (lock) {
            nodes.put(id, new Node(id, null, manifest, manifestPath, initState));
        }
    }

    /** Forgets a top-level actor whose launch failed. */
    public void forget(ActorId id) {
        synchronized (lock) {
            Node node = nodes.get(id);
            if (node != null && node.parent == null) {
                nodes.remove(id);
            }
        }
    }

    /** Records {@code actor} as the current instance of its node; a {@link Launch#created} callback for roots. */
    public void attach(Actor actor) {
        synchronized (lock) {
            Node node = nodes.get(actor.id());
            if (node != null) {
                node.instance = actor;
            }
        }
    }

    /** The parent of {@code id}, if it is a child. */
    public Optional<ActorId> parentOf(ActorId id) {
        synchronized (lock) {
            Node node = nodes.get(id);
            return node == null || node.parent == null ? Optional.empty() : Optional.of(node.parent.id);
        }
    }

    /** The children of {@code id} in spawn order (running or ended, not removed). */
    public List<ActorId> childrenOf(ActorId id) {
        synchronized (lock) {
            Node node = nodes.get(id);
            return node == null
                    ? List.of()
                    : node.children.stream().map(n -> n.id).toList();
        }
    }

    /** From now on no end is reported and nothing is spawned: the runtime is closing. */
    public void close() {
        closing = true;
    }

    /**
     * Stops {@code id} on behalf of the embedding application: its children first (their ends are not reported),
     * then the actor itself, whose end its parent hears as an external stop.
     *
     * @return empty when the tree does not know the actor
     */
    public Optional<CompletableFuture<Void>> stopFromOutside(ActorId id, boolean force) {
        Node node;
        synchronized (lock) {
            node = nodes.get(id);
            if (node == null || node.instance == null || node.removed) {
                return Optional.empty();
            }
        }
        return Optional.of(stopSubtree(node, force));
    }

    /**
     * Called by an instance as it ends, after its handlers closed and before its final status: stops the children it
     * still has (children first, their ends not reported), forgets its former children, and arranges for its parent
     * to hear how it ended once that is final.
     */
    public void ended(Actor actor) {
        Node node;
        List<Node> kids;
        synchronized (lock) {
            node = nodes.get(actor.id());
            if (node == null || node.instance != actor) {
                return;
            }
            node.ending = true;
            node.listeners.clear();
            kids = reversed(node.children);
            for (Node kid : kids) {
                quietLocked(kid.instance);
            }
        }
        awaitAll(kids.stream().map(kid -> stopSubtree(kid, false)).toList(), actor);
        boolean report;
        synchronized (lock) {
            for (Node kid : node.children) {
                forgetLocked(kid);
            }
            for (Node kid : node.former) {
                forgetLocked(kid);
            }
            node.children.clear();
            node.former.clear();
            node.ending = false;
            boolean silenced = quiet.remove(actor);
            Node parent = node.parent;
            if (parent == null) {
                nodes.remove(node.id);
                return;
            }
            if (node.launching) {
                node.endedWhileLaunching = !silenced;
                return;
            }
            report = !silenced && !node.removed && !parent.ending && !closing && nodes.get(parent.id) == parent;
        }
        if (report) {
            reportWhenFinal(node, actor);
        }
    }

    // ---- operations ----

    private Child spawn(ActorId parentId, ChildSpec spec) {
        Node parent = liveParent(parentId, "spawn " + spec.manifest());
        Path path = resolve(parent, spec.manifest());
        Manifest manifest;
        try {
            manifest = ManifestParser.parse(path);
        } catch (ManifestException e) {
            throw new SupervisionException.SpawnFailed(
                    "actor " + parent.describe() + " cannot spawn a child from " + spec.manifest() + ": "
                            + e.getMessage(),
                    e);
        }
        List<String> refused = Permissions.refusals(parent.manifest, manifest);
        if (!refused.isEmpty()) {
            throw new SupervisionException.PermissionDenied(
                    Permissions.message(parent.manifest, manifest, refused), refused);
        }
        byte[] init = spec.state().orElse(null);
        if (init == null && spec.manifestState()) {
            try {
                init = launcher.initState(manifest);
            } catch (SpawnException e) {
                throw spawnFailed(parent, manifest, e);
            }
        }
        Node node = new Node(ActorId.random(), parent, manifest, path, init);
        synchronized (lock) {
            if (parent.ending || closing || nodes.get(parent.id) != parent) {
                throw stopping(parent, "spawn '" + manifest.name() + "'");
            }
            node.launching = true;
            nodes.put(node.id, node);
            parent.children.add(node);
        }
        try {
            launcher.launch(new Launch(
                    manifest, path, node.id, init, Optional.of(parent.id), List.of(), 0, actor -> attach(node, actor)));
        } catch (SpawnException e) {
            synchronized (lock) {
                parent.children.remove(node);
                nodes.remove(node.id);
            }
            throw spawnFailed(parent, manifest, e);
        }
        finishLaunch(node);
        LOG.info("actor {} spawned child {}", parent.describe(), node.describe());
        return child(node);
    }

    private Child restart(ActorId parentId, ActorId childId, SupervisionPolicy.RestartState from) {
        requireNonNull(from, "from is null");
        Node node = member(parentId, childId, "restart");
        synchronized (node.operations) {
            Actor old;
            synchronized (lock) {
                if (node.parent.ending || closing || node.removed) {
                    throw stopping(node.parent, "restart " + node.describe());
                }
                old = node.instance;
                quietLocked(old);
            }
            if (!old.controller().status().isTerminal()) {
                awaitAll(List.of(stopSubtree(node, false)), old);
            }
            awaitTermination(old);
            byte[] state = from == SupervisionPolicy.RestartState.LAST
                    ? old.controller().state().orElse(null)
                    : node.initialState;
            int restarts;
            synchronized (lock) {
                if (node.parent.ending || closing || node.removed) {
                    throw stopping(node.parent, "restart " + node.describe());
                }
                restarts = ++node.restarts;
                node.launching = true;
                node.endedWhileLaunching = false;
            }
            Map<String, String> record = new LinkedHashMap<>();
            record.put("action", json("restart"));
            record.put("parent", json(node.parent.id.toString()));
            record.put("restarts", Integer.toString(restarts));
            record.put("state", json(from.tomlName()));
            record.put("state_sha256", state == null ? "null" : json(Sha256.hex(state)));
            String data = WitJson.object(record);
            try {
                launcher.launch(new Launch(
                        node.manifest,
                        node.manifestPath,
                        node.id,
                        state,
                        Optional.of(node.parent.id),
                        old.chain().events(),
                        restarts,
                        actor -> {
                            attach(node, actor);
                            actor.chain().append(ChainEventTypes.SUPERVISION, data, "restart");
                        }));
            } catch (SpawnException e) {
                synchronized (lock) {
                    node.launching = false;
                    node.endedWhileLaunching = false;
                }
                throw new SupervisionException.SpawnFailed(
                        "actor " + node.parent.describe() + " could not restart child " + node.describe() + ": "
                                + e.getMessage(),
                        e);
            }
            finishLaunch(node);
            LOG.info(
                    "actor {} restarted child {} (restart {}, {} state)",
                    node.parent.describe(),
                    node.describe(),
                    restarts,
                    from.tomlName());
            return child(node);
        }
    }

    private CompletableFuture<Void> terminate(ActorId parentId, ActorId childId) {
        Node node = member(parentId, childId, "terminate");
        synchronized (node.operations) {
            synchronized (lock) {
                quietLocked(node.instance);
            }
            return stopSubtree(node, false);
        }
    }

    private CompletableFuture<Void> stop(ActorId parentId, ActorId childId) {
        Node node = member(parentId, childId, "stop");
        synchronized (node.operations) {
            synchronized (lock) {
                node.removed = true;
                node.parent.children.remove(node);
                node.parent.former.add(node);
                quietLocked(node.instance);
            }
            LOG.info("actor {} stops child {}", node.parent.describe(), node.describe());
            return stopSubtree(node, false).thenRun(() -> {
                synchronized (lock) {
                    // A former child keeps its last state, not its instance.
                    if (node.instance != null) {
                        node.lastState = node.instance.controller().state();
                        quiet.remove(node.instance);
                        node.instance = null;
                    }
                }
            });
        }
    }

    private Optional<byte[]> state(ActorId parentId, ActorId childId) {
        Node node = everChild(parentId, childId);
        synchronized (lock) {
            return node.instance != null ? node.instance.controller().state() : node.lastState.map(byte[]::clone);
        }
    }

    private List<ChainEvent> events(ActorId parentId, ActorId childId) {
        Node node = everChild(parentId, childId);
        Actor instance;
        synchronized (lock) {
            instance = node.instance;
        }
        if (instance != null) {
            return instance.chain().events();
        }
        Path file = ChainFile.pathFor(chainDirectory, node.id.toString());
        if (!node.manifest.saveChain() || !Files.exists(file)) {
            throw new IllegalStateException("child " + node.describe() + " was stopped and its chain was not persisted"
                    + " (save_chain = false in " + node.manifestPath.getFileName() + "); read its events before"
                    + " stopping it, or set save_chain = true");
        }
        try {
            return ChainReader.read(file).events();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read the chain of stopped child " + node.describe() + " from " + file + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private CompletableFuture<Void> escalate(ActorId id, String reason) {
        requireNonNull(reason, "reason is null");
        Node node;
        Actor instance;
        List<Node> kids;
        synchronized (lock) {
            node = nodes.get(id);
            if (node == null || node.instance == null) {
                return CompletableFuture.completedFuture(null);
            }
            instance = node.instance;
            node.ending = true;
            kids = reversed(node.children);
            for (Node kid : kids) {
                quietLocked(kid.instance);
            }
        }
        LOG.info("actor {} gives up supervising: {}", node.describe(), reason);
        CompletableFuture<?>[] stopping =
                kids.stream().map(kid -> stopSubtree(kid, false)).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(stopping).handle((v, e) -> null).thenRun(() -> instance.fail(reason));
        return instance.terminated();
    }

    // ---- helpers ----

    /**
     * Stops {@code node}'s children (reverse spawn order, each with its own subtree first), then its instance;
     * completes when that has ended. Marks nothing quiet but the children: the caller decides about the node itself.
     */
    private CompletableFuture<Void> stopSubtree(Node node, boolean force) {
        Actor instance;
        List<Node> kids;
        synchronized (lock) {
            instance = node.instance;
            if (instance == null || instance.controller().status().isTerminal()) {
                return instance == null ? CompletableFuture.completedFuture(null) : instance.terminated();
            }
            node.ending = true;
            kids = reversed(node.children);
            for (Node kid : kids) {
                quietLocked(kid.instance);
            }
        }
        CompletableFuture<?>[] stopping =
                kids.stream().map(kid -> stopSubtree(kid, force)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(stopping)
                .handle((v, e) -> null)
                .thenCompose(v -> {
                    ActorController controller = instance.controller();
                    CompletableFuture<Void> stopped = force ? controller.forceStop() : controller.shutdown(stopTimeout);
                    return stopped.handle((x, e) -> null);
                })
                .thenCompose(v -> instance.terminated());
    }

    private void awaitAll(List<CompletableFuture<Void>> futures, Actor actor) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        long limit = stopTimeout.toMillis() + 5_000;
        try {
            all.get(limit, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("stopping the children of actor '{}' ({}) failed", actor.name(), actor.id(), e.getCause());
        } catch (TimeoutException e) {
            LOG.warn(
                    "the children of actor '{}' ({}) did not stop within {} ms; going on without them",
                    actor.name(),
                    actor.id(),
                    limit);
        }
    }

    private void awaitTermination(Actor actor) {
        awaitAll(List.of(actor.terminated()), actor);
    }

    private void attach(Node node, Actor actor) {
        synchronized (lock) {
            if (node.instance != null) {
                quiet.remove(node.instance);
            }
            node.instance = actor;
            node.ending = false;
        }
    }

    /** Ends the launch of {@code node}'s new instance; reports an end that happened meanwhile. */
    private void finishLaunch(Node node) {
        Actor instance;
        boolean report;
        synchronized (lock) {
            node.launching = false;
            report = node.endedWhileLaunching && !node.removed && !node.parent.ending && !closing;
            node.endedWhileLaunching = false;
            instance = node.instance;
        }
        if (report) {
            reportWhenFinal(node, instance);
        }
    }

    private void reportWhenFinal(Node node, Actor actor) {
        actor.terminated().whenComplete((v, e) -> context.pool().execute(() -> report(node, actor)));
    }

    private void report(Node node, Actor actor) {
        Node parent = node.parent;
        synchronized (lock) {
            if (node.removed || parent.ending || closing || nodes.get(parent.id) != parent) {
                return;
            }
        }
        ChildEnd end = classify(actor);
        LOG.debug("actor {}: child {} ended: {}", parent.describe(), node.describe(), end);
        for (Consumer<ChildEnd> listener : parent.listeners) {
            try {
                listener.accept(end);
            } catch (RuntimeException e) {
                LOG.warn("a child listener of actor {} failed on {}", parent.describe(), end, e);
            }
        }
    }

    /** How an instance ended: failed (with its crash), exited through runtime.shutdown, or stopped from outside. */
    static ChildEnd classify(Actor actor) {
        ActorStatus status = actor.controller().status();
        if (status instanceof ActorStatus.Failed failed) {
            ChildEnd.Cause cause = actor.crash()
                    .map(SupervisionTree::cause)
                    .orElse(failed.reason().startsWith("init failed") ? ChildEnd.Cause.START : ChildEnd.Cause.OTHER);
            return new ChildEnd.Failed(actor.id(), actor.name(), cause, failed.reason());
        }
        Optional<Optional<byte[]>> exit = exitData(actor.chain().events());
        return exit.isPresent()
                ? new ChildEnd.Exited(actor.id(), actor.name(), exit.get())
                : new ChildEnd.StoppedExternally(actor.id(), actor.name());
    }

    private static ChildEnd.Cause cause(ActorException crash) {
        return switch (crash) {
            case ActorException.Timeout t -> ChildEnd.Cause.TIMEOUT;
            case ActorException.GuestError g -> ChildEnd.Cause.GUEST_ERROR;
            case ActorException.Trap t -> ChildEnd.Cause.TRAP;
            default -> ChildEnd.Cause.OTHER;
        };
    }

    /**
     * The data of the instance's successful {@code runtime.shutdown} call, read back from its {@code host-call}
     * event (written by {@link ActorLinker}: {@code "params":{"data":null}} or {@code "params":{"data":"<base64>"}});
     * empty when this instance (the events after its last {@code starting}) never asked to shut down.
     */
    static Optional<Optional<byte[]>> exitData(List<ChainEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            ChainEvent event = events.get(i);
            String description = event.description().orElse("");
            if (event.eventType().equals(ChainEventTypes.LIFECYCLE) && description.equals("starting")) {
                return Optional.empty();
            }
            if (!event.eventType().equals(ChainEventTypes.HOST_CALL) || !description.equals(SHUTDOWN)) {
                continue;
            }
            String data = new String(event.data(), UTF_8);
            if (!data.contains("\"result\":{\"ok\":")) {
                continue;
            }
            String marker = "\"params\":{\"data\":";
            int at = data.indexOf(marker);
            if (at < 0) {
                return Optional.of(Optional.empty());
            }
            int start = at + marker.length();
            if (data.startsWith("\"", start)) {
                int end = data.indexOf('"', start + 1);
                if (end > start) {
                    try {
                        return Optional.of(Optional.of(Base64.getDecoder().decode(data.substring(start + 1, end))));
                    } catch (IllegalArgumentException e) {
                        return Optional.of(Optional.empty());
                    }
                }
            }
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }

    private Node liveParent(ActorId id, String what) {
        synchronized (lock) {
            Node node = nodes.get(id);
            if (node == null || node.instance == null) {
                throw new SupervisionException.SpawnFailed(
                        "actor " + id + " cannot " + what + ": it is not running in this runtime", null);
            }
            if (node.ending || closing || node.instance.controller().status().isTerminal()) {
                throw stopping(node, what);
            }
            return node;
        }
    }

    /** The node of {@code childId} if it is a current child of {@code parentId}. */
    private Node member(ActorId parentId, ActorId childId, String what) {
        requireNonNull(childId, "childId is null");
        synchronized (lock) {
            Node node = nodes.get(childId);
            if (node == null || node.parent == null || !node.parent.id.equals(parentId)) {
                throw notAChild(parentId, childId, what, node);
            }
            if (node.removed) {
                throw new SupervisionException.NotAChild("actor " + describe(parentId) + " cannot " + what + " "
                        + node.describe() + ": it stopped that child already; spawn it again instead");
            }
            return node;
        }
    }

    /** The node of {@code childId} if it is or was a child of {@code parentId}'s current instance. */
    private Node everChild(ActorId parentId, ActorId childId) {
        requireNonNull(childId, "childId is null");
        synchronized (lock) {
            Node node = nodes.get(childId);
            if (node == null || node.parent == null || !node.parent.id.equals(parentId)) {
                throw notAChild(parentId, childId, "read", node);
            }
            return node;
        }
    }

    private SupervisionException.NotAChild notAChild(ActorId parentId, ActorId childId, String what, Node node) {
        String whose = node == null
                ? "no such actor is known to this runtime"
                : node.parent == null
                        ? "it is a top-level actor, which only the embedding application may stop or restart"
                        : "its parent is " + node.parent.describe() + ", and only a parent may stop or restart its"
                                + " children";
        return new SupervisionException.NotAChild("actor " + describe(parentId) + " cannot " + what + " actor "
                + childId + ": it is not a child of " + describe(parentId) + "; " + whose);
    }

    private String describe(ActorId id) {
        synchronized (lock) {
            Node node = nodes.get(id);
            return node == null ? id.toString() : node.describe();
        }
    }

    private SupervisionException.SpawnFailed stopping(Node parent, String what) {
        return new SupervisionException.SpawnFailed(
                "actor " + parent.describe() + " cannot " + what + ": "
                        + (closing ? "the runtime is closing" : "it is stopping"),
                null);
    }

    private static SupervisionException.SpawnFailed spawnFailed(Node parent, Manifest child, SpawnException e) {
        return new SupervisionException.SpawnFailed(
                "actor " + parent.describe() + " could not spawn child '" + child.name() + "': " + e.getMessage(), e);
    }

    private static Path resolve(Node parent, String manifest) {
        Path path = Path.of(manifest);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        Path directory = parent.manifest.origin().equals(Manifest.BUILDER_ORIGIN)
                ? null
                : parent.manifestPath.toAbsolutePath().getParent();
        return (directory == null ? path.toAbsolutePath() : directory.resolve(path)).normalize();
    }

    private Child child(Node node) {
        synchronized (lock) {
            return new Child(
                    node.id,
                    node.manifest.name(),
                    node.manifestPath.toString(),
                    node.instance.controller(),
                    node.restarts);
        }
    }

    private void quietLocked(Actor actor) {
        if (actor != null) {
            quiet.add(actor);
        }
    }

    private void forgetLocked(Node node) {
        nodes.remove(node.id, node);
        if (node.instance != null) {
            quiet.remove(node.instance);
        }
        for (Node kid : node.children) {
            forgetLocked(kid);
        }
        for (Node kid : node.former) {
            forgetLocked(kid);
        }
    }

    private static List<Node> reversed(List<Node> list) {
        List<Node> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static String json(String text) {
        return WitJson.string(text);
    }

    private static IllegalArgumentException notPlain(Object value, boolean mapKey) {
        return new IllegalArgumentException(
                mapKey
                        ? "a supervision record's map keys must be strings, found " + value
                        : "a supervision record cannot hold a "
                                + value.getClass().getName() + " (" + value + "); use"
                                + " strings, numbers, booleans, null, actor ids, byte arrays, lists and maps");
    }

    /** One actor's view of the tree, handed to its handlers. */
    private final class View implements ActorTree {
        private final ActorId self;

        View(ActorId self) {
            this.self = self;
        }

        private Node node() {
            synchronized (lock) {
                Node node = nodes.get(self);
                if (node == null) {
                    throw new IllegalStateException("actor " + self + " is not running in this runtime");
                }
                return node;
            }
        }

        @Override
        public ActorId self() {
            return self;
        }

        @Override
        public SupervisionPolicy policy() {
            return node().manifest.supervision();
        }

        @Override
        public Child spawn(ChildSpec spec) {
            requireNonNull(spec, "spec is null");
            return SupervisionTree.this.spawn(self, spec);
        }

        @Override
        public List<Child> children() {
            Node node = node();
            List<Node> kids;
            synchronized (lock) {
                kids = List.copyOf(node.children);
            }
            return kids.stream().map(SupervisionTree.this::child).toList();
        }

        @Override
        public Optional<Child> child(ActorId id) {
            requireNonNull(id, "id is null");
            return children().stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public Child restart(ActorId child, SupervisionPolicy.RestartState from) {
            return SupervisionTree.this.restart(self, child, from);
        }

        @Override
        public CompletableFuture<Void> terminate(ActorId child) {
            return SupervisionTree.this.terminate(self, child);
        }

        @Override
        public CompletableFuture<Void> stop(ActorId child) {
            return SupervisionTree.this.stop(self, child);
        }

        @Override
        public Optional<byte[]> state(ActorId child) {
            return SupervisionTree.this.state(self, child);
        }

        @Override
        public List<ChainEvent> events(ActorId child) {
            return SupervisionTree.this.events(self, child);
        }

        @Override
        public ActorController.Subscription watch(Consumer<ChildEnd> listener) {
            requireNonNull(listener, "listener is null");
            Node node = node();
            node.listeners.add(listener);
            return () -> node.listeners.remove(listener);
        }

        @Override
        public void record(Map<String, Object> data, String description) {
            requireNonNull(data, "data is null");
            String json = WitJson.json(out -> WitJson.plain(out, data, SupervisionTree::notPlain));
            Actor instance;
            synchronized (lock) {
                instance = node().instance;
            }
            if (instance == null) {
                throw new IllegalStateException(
                        "actor " + self + " has not started; record supervision events once" + " it has");
            }
            instance.chain().append(ChainEventTypes.SUPERVISION, json, description);
        }

        @Override
        public CompletableFuture<Void> escalate(String reason) {
            return SupervisionTree.this.escalate(self, reason);
        }

        @Override
        public String toString() {
            return "ActorTree[" + self + "]";
        }
    }
}

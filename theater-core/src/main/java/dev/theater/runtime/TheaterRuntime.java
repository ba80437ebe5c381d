package dev.theater.runtime;

import static java.util.Objects.requireNonNull;

import dev.theater.chain.Chain;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.manifest.Manifest;
import dev.theater.manifest.ManifestParser;
import dev.theater.messaging.ChannelHandle;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginDirectory;
import dev.theater.runtime.internal.Actor;
import dev.theater.runtime.internal.ActorSpawner;
import dev.theater.runtime.internal.HandlerRegistry;
import dev.theater.runtime.internal.HandlerWit;
import dev.theater.runtime.internal.MessageRouter;
import dev.theater.runtime.internal.RuntimeContext;
import dev.theater.runtime.internal.RuntimeParts;
import dev.theater.runtime.internal.SupervisionTree;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.wit.WitLibrary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actors: spawns them from manifests, keeps them by id, and stops them. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * try (TheaterRuntime runtime = TheaterRuntime.builder()
 *         .discoverHandlers(TheaterRuntime.class.getClassLoader())
 *         .build()) {
 *     ActorRef actor = runtime.spawn(Path.of("hello.toml"));
 *     actor.executor().call("theater:simple/message-server-client#handle-send", List.of(bytes)).join();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Compiled modules are cached by engine and content hash, so spawning a module again does not
 * recompile it. Chains of actors whose manifest says {@code save_chain} are written to {@code
 * <home>/chains/<actor-id>.chain}.
 */
public final class TheaterRuntime implements AutoCloseable {
    /** How long {@link #stop} and {@link #close} let an actor finish before forcing it. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The engine actors run on when their manifest does not name one. */
    public static final String DEFAULT_ENGINE = "chicory";

    /** The directory of the runtime home that plugin JARs are loaded from unless the builder names another. */
    public static final String PLUGIN_DIRECTORY = "plugins";

    /** How long a sender waits for room in a full mailbox before it gets {@code MailboxFull}. */
    public static final Duration DEFAULT_MAILBOX_WAIT = Duration.ofSeconds(5);

    /** How long a request (or a channel opening) waits for its answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TheaterRuntime.class);

    private final Path home;
    private final HandlerRegistry handlers;
    private final Duration stopTimeout;
    private final RuntimeContext context;
    private final ActorSpawner spawner;
    private final ConcurrentHashMap<ActorId, Actor> actors = new ConcurrentHashMap<>();
    private final PluginDirectory plugins;
    private final SupervisionTree tree;
    private final MessageRouter messaging;
    private final Duration requestTimeout;
    private volatile boolean closed;

    private TheaterRuntime(Builder builder, PluginDirectory plugins) {
        this.plugins = plugins;
        this.home = builder.home;
        this.handlers = builder.handlers;
        this.stopTimeout = builder.stopTimeout;
        this.context = new RuntimeContext(builder.clock, builder.wit, home.resolve("chains"));
        this.requestTimeout = builder.requestTimeout;
        this.messaging = new MessageRouter(context, actors::get, builder.mailboxWait, builder.requestTimeout);
        this.spawner = new ActorSpawner(
                new ActorSpawner.Setup(
                        context,
                        handlers,
                        builder.engines,
                        builder.defaultEngine,
                        home,
                        chainDirectory(),
                        messaging,
                        this::treeOf),
                new ActorSpawner.Host(actors, () -> closed, this::terminated));
        this.tree = new SupervisionTree(context, stopTimeout, chainDirectory(), spawner);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The runtime home directory; chains live in its {@code chains} directory. */
    public Path home() {
        return home;
    }

    /** The directory chain files are written to: {@code <home>/chains}. */
    public Path chainDirectory() {
        return home.resolve("chains");
    }

    /** The registered handlers, in registration order. */
    public List<HandlerInfo> handlers() {
        return handlers.all().stream()
                .map(r -> new HandlerInfo(r.id(), r.factory().version(), r.origin(), r.provides()))
                .toList();
    }

    /**
     * The WIT this runtime binds host functions and checks exports against: the built-in {@code theater:simple}
     * package (or the builder's library) plus the packages its handlers bring.
     */
    public WitLibrary wit() {
        return context.wit();
    }

    /** The plugins loaded from the plugin directory, by JAR file name; empty when no directory was loaded. */
    public List<LoadedPlugin> plugins() {
        return plugins == null ? List.of() : plugins.plugins();
    }

    /**
     * Reads the manifest at {@code manifest} and spawns its actor with the manifest's {@code init_state} (or none).
     *
     * @throws dev.theater.manifest.ManifestException when the manifest cannot be read or is invalid
     * @throws SpawnException when the actor cannot be spawned; the message says why
     */
    public ActorRef spawn(Path manifest) {
        requireNonNull(manifest, "manifest is null");
        return spawn(ManifestParser.parse(manifest), null, manifest);
    }

    /**
     * Spawns the actor of {@code manifest} (the steps are {@link ActorSpawner#launch}); returns once {@code init} has
     * succeeded.
     *
     * @param initState the bytes {@code init} receives; {@code null} for the manifest's {@code init_state} (or none)
     * @throws SpawnException when the actor cannot be spawned or its {@code init} fails; the message says why
     */
    public ActorRef spawn(Manifest manifest, byte[] initState) {
        requireNonNull(manifest, "manifest is null");
        return spawn(manifest, initState, Path.of(manifest.origin()));
    }

    private ActorRef spawn(Manifest manifest, byte[] initState, Path manifestPath) {
        if (closed) {
            throw new IllegalStateException(
                    "this runtime is closed; build a new one to spawn actor '" + manifest.name() + "'");
        }
        byte[] init = initState != null ? initState.clone() : spawner.initState(manifest);
        ActorId id = ActorId.random();
        tree.register(id, manifest, manifestPath, init);
        try {
            return ref(spawner.launch(new SupervisionTree.Launch(
                    manifest, manifestPath, id, init, Optional.empty(), List.of(), 0, tree::attach)));
        } catch (RuntimeException e) {
            tree.forget(id);
            throw e;
        }
    }

    private ActorTree treeOf(ActorId id) {
        return tree.view(id);
    }

    private void terminated(Actor actor) {
        actors.remove(actor.id(), actor);
        messaging.terminated(actor.id());
        tree.ended(actor);
    }

    private static ActorRef ref(Actor actor) {
        return new ActorRef(actor.id(), actor.executor(), actor.controller());
    }

    /**
     * Stops the actor gracefully: it takes no new operations, finishes the queued ones, and is forced after {@link
     * #DEFAULT_STOP_TIMEOUT} (or the builder's stop timeout). Its children are stopped before it (each with its own
     * children first); when it is itself a supervised child, its parent hears that it was stopped from outside. Fails
     * with {@link ActorException.ChannelClosed} when no such actor is running.
     */
    public CompletableFuture<Void> stop(ActorId id) {
        requireNonNull(id, "id is null");
        Actor actor = actors.get(id);
        if (actor == null) {
            return notRunning(id);
        }
        return tree.stopFromOutside(id, false)
                .orElseGet(() -> actor.controller().shutdown(stopTimeout));
    }

    /**
     * Stops the actor now, interrupting running guest code; see {@link dev.theater.spi.ActorController#forceStop}. Its
     * children are force-stopped first.
     */
    public CompletableFuture<Void> terminate(ActorId id) {
        requireNonNull(id, "id is null");
        Actor actor = actors.get(id);
        if (actor == null) {
            return notRunning(id);
        }
        return tree.stopFromOutside(id, true).orElseGet(() -> actor.controller().forceStop());
    }

    /** The parent of actor {@code id}, when it is a supervised child; see {@code docs/supervision.md}. */
    public Optional<ActorId> parentOf(ActorId id) {
        requireNonNull(id, "id is null");
        return tree.parentOf(id);
    }

    /** The children of actor {@code id} in the order it spawned them: running ones and ended ones awaiting restart. */
    public List<ActorId> childrenOf(ActorId id) {
        requireNonNull(id, "id is null");
        return tree.childrenOf(id);
    }

    private static CompletableFuture<Void> notRunning(ActorId id) {
        return CompletableFuture.failedFuture(new ActorException.ChannelClosed(
                id, "no actor " + id + " is running in this runtime; list() shows the running ones"));
    }

    /**
     * Sends {@code message} to the actor's {@code handle-send}. Completes when that call has returned; fails with
     * {@link ActorException.MailboxFull} when the actor's mailbox stayed full for the mailbox wait, with {@link
     * ActorException.ChannelClosed} when the actor is not running or stops first, or with the {@link ActorException}
     * of the failed call. See {@code docs/messaging.md}.
     */
    public CompletableFuture<Void> send(ActorId to, byte[] message) {
        requireNonNull(to, "to is null");
        requireNonNull(message, "message is null");
        return messaging.send(to, message);
    }

    /**
     * {@link #request(ActorId, byte[], Duration)} with the runtime's request timeout ({@link
     * #DEFAULT_REQUEST_TIMEOUT} unless the builder set another).
     */
    public CompletableFuture<byte[]> request(ActorId to, byte[] message) {
        return request(to, message, requestTimeout);
    }

    /**
     * Sends {@code message} to the actor's {@code handle-request} and completes with its answer: the reply it returns,
     * or the one it gives later with {@code respond-to-request}. Fails with {@link
     * dev.theater.messaging.MessagingException.RequestTimedOut} after {@code timeout}, {@link
     * dev.theater.messaging.MessagingException.RequestCancelled} when the actor cancels it, or as {@link #send} does.
     */
    public CompletableFuture<byte[]> request(ActorId to, byte[] message, Duration timeout) {
        requireNonNull(to, "to is null");
        requireNonNull(message, "message is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return messaging.request(to, message, timeout);
    }

    /**
     * Opens a channel to the actor: its {@code handle-channel-open} receives {@code initial} and accepts or rejects.
     * Completes with the handle once accepted; the accept message, if any, and every later message of the actor on
     * the channel go to {@code onMessage}, in order, on a runtime thread. Fails with {@link
     * dev.theater.messaging.MessagingException.ChannelRejected} when the actor rejects it, or as {@link #send} does.
     */
    public CompletableFuture<ChannelHandle> openChannel(ActorId to, byte[] initial, Consumer<byte[]> onMessage) {
        requireNonNull(to, "to is null");
        requireNonNull(initial, "initial is null");
        requireNonNull(onMessage, "onMessage is null");
        return messaging.openChannel(to, initial, onMessage);
    }

    /** The actors that are running (not yet stopped or failed). */
    public List<ActorRef> list() {
        return actors.values().stream().map(TheaterRuntime::ref).toList();
    }

    public Optional<ActorRef> lookup(ActorId id) {
        requireNonNull(id, "id is null");
        return Optional.ofNullable(actors.get(id)).map(TheaterRuntime::ref);
    }

    /**
     * Delivers the actor's chain events from {@code fromSeq} on, then every later one as it is appended, on the
     * appending thread (keep the listener quick): how the CLI streams an actor's events and log lines.
     */
    public Chain.Subscription subscribeChain(ActorId id, long fromSeq, Consumer<ChainEvent> listener) {
        requireNonNull(id, "id is null");
        requireNonNull(listener, "listener is null");
        Actor actor = actors.get(id);
        if (actor == null) {
            throw new ActorException.ChannelClosed(id, "no actor " + id + " is running in this runtime");
        }
        return actor.chain().subscribe(fromSeq, listener);
    }

    /** Stops every actor (gracefully, forced after the stop timeout), then the runtime's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tree.close();
        RuntimeParts.stopAll(actors.values(), stopTimeout);
        context.shutdown(Duration.ofSeconds(1));
        if (plugins != null) {
            plugins.close();
        }
    }

    @Override
    public String toString() {
        return "TheaterRuntime[home=" + home + ", actors=" + actors.size() + "]";
    }

    /** Configures a {@link TheaterRuntime}: {@code with*} sets, {@code add*} appends. */
    public static final class Builder {
        private Path home = Path.of(System.getProperty("user.home"), ".theater");
        private final HandlerRegistry handlers = new HandlerRegistry();
        private final Map<String, WasmEngine> engines = new LinkedHashMap<>();
        private String defaultEngine = DEFAULT_ENGINE;
        private Clock clock = Clock.systemUTC();
        private WitLibrary wit;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private Path pluginDirectory;
        private boolean withoutPlugins;
        private Duration mailboxWait = DEFAULT_MAILBOX_WAIT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {}

        /** The runtime home directory; default {@code ~/.theater}. */
        public Builder withHome(Path home) {
            this.home = requireNonNull(home, "home is null").toAbsolutePath();
            return this;
        }

        /** Registers a handler factory; a second factory with the same id fails. */
        public Builder addHandler(HandlerFactory factory) {
            handlers.add(factory);
            return this;
        }

        /**
         * Registers every handler factory {@link java.util.ServiceLoader} finds through {@code loader} (the one
         * discovery path). Each is logged at INFO with its id, version and origin; duplicate ids fail.
         */
        public Builder discoverHandlers(ClassLoader loader) {
            handlers.discover(loader);
            return this;
        }

        /**
         * The directory whose plugin JARs {@link #build()} loads, each in its own class loader, registering the
         * handlers {@link java.util.ServiceLoader} finds in them; it must exist. Default: {@code <home>/plugins}, when
         * that directory exists. A JAR that cannot be loaded (no descriptor, a newer host required, a handler id
         * already taken, no handler) fails {@code build()} naming it.
         */
        public Builder withPluginDirectory(Path directory) {
            this.pluginDirectory =
                    requireNonNull(directory, "directory is null").toAbsolutePath();
            this.withoutPlugins = false;
            return this;
        }

        /** Loads no plugin directory, not even {@code <home>/plugins}. */
        public Builder withoutPlugins() {
            this.pluginDirectory = null;
            this.withoutPlugins = true;
            return this;
        }

        /** Adds a wasm engine, replacing the discovered engine of the same name ({@link WasmEngines#discover()}). */
        public Builder addEngine(WasmEngine engine) {
            requireNonNull(engine, "engine is null");
            engines.put(engine.name(), engine);
            return this;
        }

        /** The engine for actors whose manifest names none; default {@value TheaterRuntime#DEFAULT_ENGINE}. */
        public Builder withDefaultEngine(String engine) {
            this.defaultEngine = requireNonNull(engine, "engine is null");
            return this;
        }

        /** The clock for chain timestamps, status times and uptime; default UTC system clock. */
        public Builder withClock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * The WIT that host functions and exports are checked against; default {@link WitLibrary#builtin()}. {@link
         * #build()} adds the packages that registered handlers bring ({@link HandlerFactory#witDirectories()}).
         */
        public Builder withWitLibrary(WitLibrary wit) {
            this.wit = requireNonNull(wit, "wit is null");
            return this;
        }

        /** How long {@link TheaterRuntime#stop} and {@link TheaterRuntime#close} wait before forcing an actor. */
        public Builder withStopTimeout(Duration stopTimeout) {
            requireNonNull(stopTimeout, "stopTimeout is null");
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must be >= 0, was " + stopTimeout);
            }
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * How long a message waits for room in a full mailbox before its sender gets {@link
         * ActorException.MailboxFull}; default {@link TheaterRuntime#DEFAULT_MAILBOX_WAIT}. Zero refuses at once.
         */
        public Builder withMailboxWait(Duration mailboxWait) {
            requireNonNull(mailboxWait, "mailboxWait is null");
            if (mailboxWait.isNegative()) {
                throw new IllegalArgumentException("mailboxWait must be >= 0, was " + mailboxWait);
            }
            this.mailboxWait = mailboxWait;
            return this;
        }

        /**
         * How long a request, or the opening of a channel, waits for its answer: for guests, and for {@link
         * TheaterRuntime#request(ActorId, byte[])}; default {@link TheaterRuntime#DEFAULT_REQUEST_TIMEOUT}. A guest's
         * {@code [limits] call_timeout} still ends its operation sooner when it is shorter.
         */
        public Builder withRequestTimeout(Duration requestTimeout) {
            requireNonNull(requestTimeout, "requestTimeout is null");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Loads the plugin directory, registers its handlers, adds the handlers' WIT and builds the runtime.
         *
         * @throws dev.theater.plugins.PluginLoadException naming the plugin JAR that cannot be loaded
         * @throws IllegalStateException when a handler's WIT cannot be loaded or clashes with another package
         */
        public TheaterRuntime build() {
            PluginDirectory plugins = RuntimeParts.plugins(home, PLUGIN_DIRECTORY, pluginDirectory, withoutPlugins);
            try {
                if (plugins != null) {
                    handlers.discoverPlugins(plugins.plugins());
                }
                wit = HandlerWit.extend(wit == null ? WitLibrary.builtin() : wit, handlers);
                Map<String, WasmEngine> all = RuntimeParts.engines(TheaterRuntime.class.getClassLoader(), engines);
                engines.clear();
                engines.putAll(all);
                return new TheaterRuntime(this, plugins);
            } catch (RuntimeException e) {
                if (plugins != null) {
                    plugins.close();
                }
                throw e;
            }
        }
    }
}

package dev.theater.runtime;

import static java.util.Objects.requireNonNull;

import dev.theater.chain.Chain;
import dev.theater.chain.ChainFile;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.HandlerEntry;
import dev.theater.manifest.Manifest;
import dev.theater.manifest.ManifestParser;
import dev.theater.messaging.ChannelHandle;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginDirectory;
import dev.theater.runtime.internal.Actor;
import dev.theater.runtime.internal.ActorChain;
import dev.theater.runtime.internal.ActorHandlerContext;
import dev.theater.runtime.internal.ActorLinker;
import dev.theater.runtime.internal.GuardedHandler;
import dev.theater.runtime.internal.HandlerFacts;
import dev.theater.runtime.internal.HandlerRegistry;
import dev.theater.runtime.internal.HandlerWit;
import dev.theater.runtime.internal.ManifestHandlerConfig;
import dev.theater.runtime.internal.MessageRouter;
import dev.theater.runtime.internal.ModuleCache;
import dev.theater.runtime.internal.RuntimeContext;
import dev.theater.runtime.internal.Sha256;
import dev.theater.runtime.internal.SupervisionTree;
import dev.theater.runtime.internal.WitJson;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorId;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.ContentResolver;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerFactory;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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

    static final String INIT_EXPORT = "theater:simple/actor#init";

    private static final Logger LOG = LoggerFactory.getLogger(TheaterRuntime.class);

    private final Path home;
    private final HandlerRegistry handlers;
    private final Map<String, WasmEngine> engines;
    private final String defaultEngine;
    private final Duration stopTimeout;
    private final RuntimeContext context;
    private final ModuleCache modules = new ModuleCache();
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
        this.engines = Map.copyOf(builder.engines);
        this.defaultEngine = builder.defaultEngine;
        this.stopTimeout = builder.stopTimeout;
        this.context = new RuntimeContext(builder.clock, builder.wit, home.resolve("chains"));
        this.requestTimeout = builder.requestTimeout;
        this.messaging = new MessageRouter(context, actors::get, builder.mailboxWait, builder.requestTimeout);
        this.tree = new SupervisionTree(context, stopTimeout, chainDirectory(), new SupervisionTree.Launcher() {
            @Override
            public Actor launch(SupervisionTree.Launch launch) {
                return TheaterRuntime.this.launch(launch);
            }

            @Override
            public byte[] initState(Manifest manifest) {
                return readInitState(manifest);
            }
        });
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
     * Spawns the actor of {@code manifest}: compiles (or reuses) its module, creates and links the handlers the
     * manifest grants, instantiates it, starts the handlers and runs {@code init}; returns once {@code init} has
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
        byte[] init = initState != null ? initState.clone() : readInitState(manifest);
        ActorId id = ActorId.random();
        tree.register(id, manifest, manifestPath, init);
        try {
            return ref(launch(new SupervisionTree.Launch(
                    manifest, manifestPath, id, init, Optional.empty(), List.of(), 0, tree::attach)));
        } catch (RuntimeException e) {
            tree.forget(id);
            throw e;
        }
    }

    private byte[] readInitState(Manifest manifest) {
        return manifest.initState().map(s -> read(manifest, s, "init_state")).orElse(null);
    }

    /**
     * Starts one instance: a top-level actor, a child, or a child's fresh instance after a restart (same id, its
     * chain continued). Returns once {@code init} has succeeded.
     */
    private Actor launch(SupervisionTree.Launch launch) {
        try {
            return launchOpen(launch);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
            // close() shut the runtime's threads down while this spawn was under way.
            throw closedWhileSpawning(launch, e);
        }
    }

    private SpawnException closedWhileSpawning(SupervisionTree.Launch launch, Throwable cause) {
        String name = launch.manifest().name();
        return new SpawnException(
                name,
                "actor '" + name + "' (" + launch.id() + "): this runtime was closed while the actor was being"
                        + " spawned, so it was not started; build a new runtime to spawn it",
                cause);
    }

    private Actor launchOpen(SupervisionTree.Launch launch) {
        if (closed) {
            throw new SpawnException(
                    launch.manifest().name(),
                    "this runtime is closed; build a new one to spawn actor '"
                            + launch.manifest().name() + "'");
        }
        Manifest manifest = launch.manifest();
        Path manifestPath = launch.manifestPath();
        String name = manifest.name();
        WasmEngine engine = engine(manifest);
        byte[] wasm = read(manifest, manifest.component(), "component");
        WasmModule module;
        try {
            module = modules.get(engine, wasm);
        } catch (WasmException e) {
            throw new SpawnException(
                    name,
                    "actor '" + name + "': component " + describe(manifest.component())
                            + " is not a valid wasm module for engine '" + engine.name() + "': " + e.getMessage(),
                    e);
        }
        Set<String> exports = module.functionExports().stream()
                .map(FunctionExport::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!exports.contains(INIT_EXPORT)) {
            String signature = context.wit()
                    .findInterface("theater:simple/actor")
                    .flatMap(i -> i.function("init"))
                    .map(WitFunction::signature)
                    .orElse("func(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>");
            throw new SpawnException(
                    name,
                    "actor '" + name + "' (component " + describe(manifest.component()) + ") is not an actor: it"
                            + " does not export " + INIT_EXPORT + "; export init: " + signature
                            + " from interface theater:simple/actor");
        }
        byte[] init = launch.initState();
        ActorId id = launch.id();
        ActorChain chain;
        try {
            chain = new ActorChain(context.clock(), launch.previous());
        } catch (IllegalArgumentException e) {
            throw new SpawnException(
                    name, "actor '" + name + "' (" + id + "): cannot continue its chain: " + e.getMessage(), e);
        }
        ActorLinker linker = new ActorLinker(context.wit(), chain);
        Map<String, Handler> active = new LinkedHashMap<>();
        Actor actor;
        WasmInstance instance;
        String facts;
        try {
            for (HandlerEntry entry : manifest.handlers()) {
                active.put(entry.type(), createAndLink(manifest, manifestPath, id, entry, linker));
            }
            checkImports(manifest, module, linker, active);
            facts = HandlerFacts.json(name, active);
            try {
                instance = instantiate(manifest, module, linker.imports());
            } catch (WasmException e) {
                throw new SpawnException(name, "actor '" + name + "' could not be instantiated: " + e.getMessage(), e);
            }
            actor = new Actor(
                    id,
                    name,
                    origin(manifest),
                    context,
                    chain,
                    manifest.limits().callTimeout(),
                    manifest.limits().mailbox(),
                    exports,
                    init,
                    this::terminated);
            if (launch.parent().isPresent()) {
                actor.failOnOperationFailure();
            }
            actor.setRestarts(launch.restarts());
        } catch (RuntimeException e) {
            closeAll(active.values());
            throw e;
        }
        if (manifest.saveChain()) {
            Path file = ChainFile.pathFor(chainDirectory(), id.toString());
            try {
                chain.persistTo(file, actor::failAsync);
            } catch (IOException | RuntimeException e) {
                instance.close();
                closeAll(active.values());
                throw new SpawnException(
                        name,
                        "actor '" + name + "': cannot create its chain file " + file + ": " + e.getMessage()
                                + "; check that the runtime home " + home + " is writable, or set save_chain = false",
                        e);
            }
        }
        actors.put(id, actor);
        if (closed) {
            // close() set closed before it looked for actors to stop, so it may not have seen this one: release it
            // here, or it would run on (or hold its instance, handlers and chain) after the runtime closed.
            SpawnException refused = closedWhileSpawning(launch, null);
            actor.abandon(instance, List.copyOf(active.values()), refused.getMessage());
            throw refused;
        }
        launch.created().accept(actor);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("actor", json(name));
        details.put("id", json(id.toString()));
        details.put("version", json(manifest.version()));
        details.put("manifest", json(manifest.origin()));
        launch.parent().ifPresent(parent -> details.put("parent", json(parent.toString())));
        if (launch.restarts() > 0) {
            details.put("restarts", Integer.toString(launch.restarts()));
        }
        details.put("engine", json(engine.name()));
        details.put("module_sha256", json(Sha256.hex(wasm)));
        details.put(
                "handlers",
                "[" + active.keySet().stream().map(TheaterRuntime::json).collect(Collectors.joining(",")) + "]");
        if (facts != null) {
            details.put("handler_facts", facts);
        }
        CompletableFuture<Object> initDone;
        try {
            initDone = actor.start(instance, List.copyOf(active.values()), details);
        } catch (RuntimeException e) {
            throw new SpawnException(name, "actor '" + name + "' (" + id + ") failed to start: " + e.getMessage(), e);
        }
        try {
            initDone.join();
        } catch (CompletionException e) {
            // The actor has failed and released its resources before init's future completed.
            actors.remove(id, actor);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SpawnException(
                    name, "actor '" + name + "' (" + id + ") failed in init: " + cause.getMessage(), cause);
        }
        LOG.info("actor '{}' ({}) spawned on {}", name, id, engine.name());
        return actor;
    }

    /**
     * Instantiates under the actor's {@code call_timeout}: a start function that runs longer is stopped (the engines
     * stop it when the instantiating thread is interrupted), so a hostile module cannot hang its spawner.
     */
    private WasmInstance instantiate(Manifest manifest, WasmModule module, List<HostImport> imports) {
        InstanceLimits limits = new InstanceLimits(manifest.limits().memory());
        Optional<Duration> timeout = manifest.limits().callTimeout();
        if (timeout.isEmpty()) {
            return module.instantiate(imports, limits);
        }
        Thread spawner = Thread.currentThread();
        Object lock = new Object();
        boolean[] state = new boolean[2]; // [0] instantiation over, [1] the alarm interrupted the spawner
        ScheduledFuture<?> alarm = context.timer()
                .schedule(
                        () -> {
                            synchronized (lock) {
                                if (!state[0]) {
                                    state[1] = true;
                                    spawner.interrupt();
                                }
                            }
                        },
                        timeout.get().toNanos(),
                        TimeUnit.NANOSECONDS);
        try {
            return module.instantiate(imports, limits);
        } catch (WasmException.Interrupted e) {
            throw new WasmException.Interrupted(
                    "its start function ran longer than call_timeout (" + timeout.get() + ") set in "
                            + origin(manifest) + " and was stopped; make the start function finish sooner or raise"
                            + " [limits] call_timeout",
                    e);
        } finally {
            alarm.cancel(false);
            synchronized (lock) {
                state[0] = true;
                if (state[1]) {
                    Thread.interrupted(); // the alarm's interrupt is ours to clear; never leak it to the caller
                }
            }
        }
    }

    private WasmEngine engine(Manifest manifest) {
        String engineName = manifest.engine().orElse(defaultEngine);
        WasmEngine engine = engines.get(engineName);
        if (engine == null) {
            String where = manifest.engine().isPresent()
                    ? "engine = \"" + engineName + "\" in " + origin(manifest)
                    : "the runtime's default engine";
            throw new SpawnException(
                    manifest.name(),
                    "actor '" + manifest.name() + "' asks for wasm engine '" + engineName + "' (" + where
                            + ") but no such engine is available; available engines: "
                            + (engines.isEmpty() ? "(none)" : String.join(", ", engines.keySet())));
        }
        return engine;
    }

    private Handler createAndLink(
            Manifest manifest, Path manifestPath, ActorId id, HandlerEntry entry, ActorLinker linker) {
        String name = manifest.name();
        HandlerRegistry.Registered registered = handlers.find(entry.type())
                .orElseThrow(() -> new SpawnException(
                        name,
                        "actor '" + name + "' grants handler type '" + entry.type() + "' in " + origin(manifest)
                                + " but no handler '" + entry.type() + "' is registered; registered handlers: "
                                + (handlers.all().isEmpty()
                                        ? "(none; call TheaterRuntime.builder().discoverHandlers(...))"
                                        : handlers.all().stream()
                                                .map(HandlerRegistry.Registered::id)
                                                .collect(Collectors.joining(", ")))));
        ManifestHandlerConfig config = new ManifestHandlerConfig(name, entry.type(), manifestPath, entry.config());
        ActorHandlerContext handlerContext = new ActorHandlerContext(id, home, tree.view(id), messaging);
        Handler handler;
        try {
            handler = registered.call("create()", () -> registered.factory().create(config, handlerContext));
        } catch (HandlerConfigException e) {
            String message = e.getMessage().startsWith(config.location())
                    ? e.getMessage()
                    : config.location() + ": " + e.getMessage();
            throw new SpawnException(name, message, e);
        } catch (RuntimeException e) {
            throw new SpawnException(
                    name,
                    "handler '" + entry.type() + "' could not be created for actor '" + name + "': " + e.getMessage(),
                    e);
        }
        if (handler == null) {
            throw new SpawnException(
                    name,
                    "handler factory " + registered.factory().getClass().getName() + " ('" + entry.type()
                            + "') returned null from create(); it must return a Handler");
        }
        GuardedHandler guarded = new GuardedHandler(registered, handler);
        try {
            guarded.link(linker.forHandler(entry.type(), guarded.imports()));
        } catch (RuntimeException e) {
            guarded.close();
            throw new SpawnException(
                    name,
                    "handler '" + entry.type() + "' could not be linked for actor '" + name + "': " + e.getMessage(),
                    e);
        }
        return guarded;
    }

    /** Every function the guest imports must be bound by an active handler, with the core type of its WIT. */
    private void checkImports(Manifest manifest, WasmModule module, ActorLinker linker, Map<String, Handler> active) {
        String name = manifest.name();
        for (FunctionImport imp : module.functionImports()) {
            String qualified = imp.module() + "#" + imp.name();
            Optional<ActorLinker.Binding> binding = linker.binding(imp.module(), imp.name());
            if (binding.isPresent()) {
                CoreFunctionType expected = binding.get().hostImport().type();
                if (!expected.equals(imp.type())) {
                    throw new SpawnException(
                            name,
                            "actor '" + name + "' imports " + qualified + " with core type " + imp.type()
                                    + ", but its WIT signature "
                                    + binding.get().function().signature()
                                    + " lowers to " + expected + " under the canonical ABI; rebuild the guest"
                                    + " against the WIT of " + imp.module());
                }
                continue;
            }
            for (Map.Entry<String, Handler> entry : active.entrySet()) {
                if (entry.getValue().imports().contains(imp.module())) {
                    String detail = context.wit()
                            .findInterface(imp.module())
                            .map(i -> i.function(imp.name()).isPresent()
                                    ? "it does not bind that function"
                                    : "WIT interface " + imp.module() + " has no function '" + imp.name()
                                            + "'; its functions are: "
                                            + String.join(", ", i.functions().keySet()))
                            .orElse("it does not bind that function");
                    throw new SpawnException(
                            name,
                            "actor '" + name + "' imports " + qualified + " but handler '" + entry.getKey()
                                    + "', which provides " + imp.module() + ", does not: " + detail);
                }
            }
            List<String> providers = handlers.all().stream()
                    .filter(r -> r.provides().contains(imp.module()))
                    .map(HandlerRegistry.Registered::id)
                    .toList();
            if (!providers.isEmpty()) {
                throw new SpawnException(
                        name,
                        "actor '" + name + "' imports " + qualified + " but no active handler provides it; add"
                                + " [[handler]] type = \"" + providers.get(0) + "\" to " + origin(manifest));
            }
            String registered = handlers.all().isEmpty()
                    ? "(none)"
                    : handlers.all().stream()
                            .map(r -> r.id() + " " + r.provides())
                            .collect(Collectors.joining(", "));
            throw new SpawnException(
                    name,
                    "actor '" + name + "' imports " + qualified + " but no registered handler provides "
                            + imp.module() + "; registered handlers: " + registered + ". Register a handler that"
                            + " provides it (TheaterRuntime.builder().addHandler(...) or a"
                            + " META-INF/services/dev.theater.spi.HandlerFactory entry), or remove the import");
        }
    }

    /** How messages name the manifest: its file name, as in {@code add [[handler]] ... to fetcher.toml}. */
    private static String origin(Manifest manifest) {
        if (manifest.origin().equals(Manifest.BUILDER_ORIGIN)) {
            return "the manifest of actor '" + manifest.name() + "'";
        }
        Path file = Path.of(manifest.origin()).getFileName();
        return file == null ? manifest.origin() : file.toString();
    }

    private byte[] read(Manifest manifest, ComponentSource source, String key) {
        return switch (source) {
            case ComponentSource.File file -> {
                try {
                    yield Files.readAllBytes(file.absolutePath());
                } catch (IOException e) {
                    throw new SpawnException(
                            manifest.name(),
                            "actor '" + manifest.name() + "': cannot read " + key + " " + file.absolutePath() + " ("
                                    + origin(manifest) + "): " + e.getMessage(),
                            e);
                }
            }
            case ComponentSource.StoreRef ref -> readStore(manifest, ref, key);
        };
    }

    /** A store reference is read by the first registered handler that offers a {@link ContentResolver}. */
    private byte[] readStore(Manifest manifest, ComponentSource.StoreRef ref, String key) {
        Optional<ContentResolver> resolver = handlers.all().stream()
                .map(r -> r.factory().contentResolver())
                .flatMap(Optional::stream)
                .findFirst();
        if (resolver.isEmpty()) {
            throw new SpawnException(
                    manifest.name(),
                    "actor '" + manifest.name() + "': " + key + " " + ref.reference() + " in " + origin(manifest)
                            + " is a store reference, but no registered handler reads stores; register the store"
                            + " handler (theater-handler-store), or point " + key + " at a file");
        }
        try {
            return resolver.get().resolve(home, ref.storeId(), ref.contentHash());
        } catch (IOException | RuntimeException e) {
            throw new SpawnException(
                    manifest.name(),
                    "actor '" + manifest.name() + "': cannot read " + key + " " + ref.reference() + " ("
                            + origin(manifest) + "): " + e.getMessage(),
                    e);
        }
    }

    private static String describe(ComponentSource source) {
        return switch (source) {
            case ComponentSource.File file -> file.absolutePath().toString();
            case ComponentSource.StoreRef ref -> ref.reference();
        };
    }

    private static void closeAll(Iterable<Handler> handlers) {
        for (Handler handler : handlers) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warn("handler {} failed to close", handler.getClass().getName(), e);
            }
        }
    }

    private void terminated(Actor actor) {
        actors.remove(actor.id(), actor);
        messaging.terminated(actor.id());
        tree.ended(actor);
    }

    private static ActorRef ref(Actor actor) {
        return new ActorRef(actor.id(), actor.executor(), actor.controller());
    }

    private static String json(String text) {
        return WitJson.string(text);
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
     * Sends {@code message} to the actor's {@code handle-request} and completes with its answer: the reply it returns,
     * or the one it gives later with {@code respond-to-request}. Gives up after the runtime's request timeout
     * ({@link #DEFAULT_REQUEST_TIMEOUT} unless the builder set another); see {@link #request(ActorId, byte[],
     * Duration)}.
     */
    public CompletableFuture<byte[]> request(ActorId to, byte[] message) {
        return request(to, message, requestTimeout);
    }

    /**
     * Like {@link #request(ActorId, byte[])}, waiting up to {@code timeout} for the answer. Fails with {@link
     * dev.theater.messaging.MessagingException.RequestTimedOut} after it, {@link
     * dev.theater.messaging.MessagingException.RequestCancelled} when the actor cancels the request, or as {@link
     * #send} does.
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
     * appending thread (keep the listener quick). This is how the CLI streams an actor's events and its {@code
     * runtime.log} lines ({@code host-call} events described {@code theater:simple/runtime#log}).
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
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Actor actor : actors.values()) {
            stopping.add(actor.controller()
                    .shutdown(stopTimeout)
                    .exceptionally(e -> null)
                    .toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(stopTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} actor(s) did not stop within {} while the runtime closed", actors.size(), stopTimeout);
        }
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
            PluginDirectory plugins = loadPlugins();
            try {
                if (plugins != null) {
                    handlers.discoverPlugins(plugins.plugins());
                }
                wit = HandlerWit.extend(wit == null ? WitLibrary.builtin() : wit, handlers);
                Map<String, WasmEngine> added = new LinkedHashMap<>(engines);
                engines.clear();
                engines.putAll(WasmEngines.discover(TheaterRuntime.class.getClassLoader())
                        .all());
                engines.putAll(added);
                return new TheaterRuntime(this, plugins);
            } catch (RuntimeException e) {
                if (plugins != null) {
                    plugins.close();
                }
                throw e;
            }
        }

        private PluginDirectory loadPlugins() {
            if (withoutPlugins) {
                return null;
            }
            if (pluginDirectory != null) {
                return PluginDirectory.load(pluginDirectory);
            }
            Path byDefault = home.resolve(PLUGIN_DIRECTORY);
            return Files.isDirectory(byDefault) ? PluginDirectory.load(byDefault) : null;
        }
    }
}

package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.chain.ChainFile;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import dev.theater.manifest.BoundedFiles;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.HandlerEntry;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.SpawnException;
import dev.theater.spi.ActorId;
import dev.theater.spi.ContentResolver;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.wit.WitFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns one actor instance, as a sequence of named steps ({@link #launch}): compile the module, continue the chain,
 * create and link the granted handlers, check the guest's imports, instantiate, create the actor, persist its chain,
 * register it, start it and wait for its {@code init}. Each step that fails releases what the earlier ones took and
 * throws a {@link SpawnException} that names the actor, what failed and the fix.
 */
public final class ActorSpawner implements SupervisionTree.Launcher {
    /** The export every actor has. */
    public static final String INIT_EXPORT = "theater:simple/actor#init";

    private static final Logger LOG = LoggerFactory.getLogger(ActorSpawner.class);

    /**
     * What the spawner needs of its runtime: the running actors by id, whether the runtime is closing, and what to do
     * when an actor has stopped or failed.
     */
    public record Host(Map<ActorId, Actor> actors, BooleanSupplier closing, Consumer<Actor> onTerminated) {
        public Host {
            requireNonNull(actors, "actors is null");
            requireNonNull(closing, "closing is null");
            requireNonNull(onTerminated, "onTerminated is null");
        }

        boolean closed() {
            return closing.getAsBoolean();
        }

        void register(Actor actor) {
            actors.put(actor.id(), actor);
        }

        void unregister(Actor actor) {
            actors.remove(actor.id(), actor);
        }

        void terminated(Actor actor) {
            onTerminated.accept(actor);
        }
    }

    /** How the spawner is set up: the runtime's parts it uses. */
    public record Setup(
            RuntimeContext context,
            HandlerRegistry handlers,
            Map<String, WasmEngine> engines,
            String defaultEngine,
            Path home,
            Path chainDirectory,
            MessageRouter messaging,
            Function<ActorId, ActorTree> trees) {
        public Setup {
            requireNonNull(context, "context is null");
            requireNonNull(handlers, "handlers is null");
            engines = Map.copyOf(requireNonNull(engines, "engines is null"));
            requireNonNull(defaultEngine, "defaultEngine is null");
            requireNonNull(home, "home is null");
            requireNonNull(chainDirectory, "chainDirectory is null");
            requireNonNull(messaging, "messaging is null");
            requireNonNull(trees, "trees is null");
        }
    }

    private final Setup setup;
    private final Host host;
    private final ModuleCache modules = new ModuleCache();

    public ActorSpawner(Setup setup, Host host) {
        this.setup = requireNonNull(setup, "setup is null");
        this.host = requireNonNull(host, "host is null");
    }

    /** A compiled module that is an actor: its engine, bytes and exports. */
    private record Compiled(WasmEngine engine, byte[] wasm, WasmModule module, Set<String> exports) {}

    /** The granted handlers, created and linked, by type; and what they report for the chain. */
    private record Linked(ActorLinker linker, Map<String, Handler> handlers, String facts) {
        List<Handler> all() {
            return List.copyOf(handlers.values());
        }
    }

    /**
     * Starts one instance: a top-level actor, a child, or a child's fresh instance after a restart (same id, its
     * chain continued). Returns once {@code init} has succeeded.
     */
    @Override
    public Actor launch(SupervisionTree.Launch launch) {
        try {
            refuseWhenClosed(launch);
            Compiled compiled = compile(launch.manifest());
            ActorChain chain = continueChain(launch);
            Linked linked = createAndLinkHandlers(launch, compiled, chain);
            WasmInstance instance = instantiate(launch.manifest(), compiled.module(), linked);
            Actor actor = newActor(launch, compiled, chain, linked);
            persistChain(launch, actor, chain, instance, linked);
            register(launch, actor, instance, linked);
            start(launch, actor, instance, linked, details(launch, compiled, linked));
            LOG.info(
                    "actor '{}' ({}) spawned on {}",
                    actor.name(),
                    actor.id(),
                    compiled.engine().name());
            return actor;
        } catch (RejectedExecutionException e) {
            if (!host.closed()) {
                throw e;
            }
            // close() shut the runtime's threads down while this spawn was under way.
            throw closedWhileSpawning(launch, e);
        }
    }

    @Override
    public byte[] initState(Manifest manifest) {
        return manifest.initState().map(s -> read(manifest, s, "init_state")).orElse(null);
    }

    private void refuseWhenClosed(SupervisionTree.Launch launch) {
        if (host.closed()) {
            String name = launch.manifest().name();
            throw new SpawnException(name, "this runtime is closed; build a new one to spawn actor '" + name + "'");
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

    /** Reads the component, compiles it (or takes it from the cache) and checks that it exports {@code init}. */
    private Compiled compile(Manifest manifest) {
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
            String signature = setup.context()
                    .wit()
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
        return new Compiled(engine, wasm, module, exports);
    }

    private WasmEngine engine(Manifest manifest) {
        String engineName = manifest.engine().orElse(setup.defaultEngine());
        WasmEngine engine = setup.engines().get(engineName);
        if (engine == null) {
            String where = manifest.engine().isPresent()
                    ? "engine = \"" + engineName + "\" in " + origin(manifest)
                    : "the runtime's default engine";
            throw new SpawnException(
                    manifest.name(),
                    "actor '" + manifest.name() + "' asks for wasm engine '" + engineName + "' (" + where
                            + ") but no such engine is available; available engines: "
                            + (setup.engines().isEmpty()
                                    ? "(none)"
                                    : String.join(", ", setup.engines().keySet())));
        }
        return engine;
    }

    /** A new chain, or the chain of the instance before a restart, continued. */
    private ActorChain continueChain(SupervisionTree.Launch launch) {
        try {
            return new ActorChain(setup.context().clock(), launch.previous());
        } catch (IllegalArgumentException e) {
            String name = launch.manifest().name();
            throw new SpawnException(
                    name,
                    "actor '" + name + "' (" + launch.id() + "): cannot continue its chain: " + e.getMessage(),
                    e);
        }
    }

    /** Creates and links every handler the manifest grants, then checks the guest's imports against them. */
    private Linked createAndLinkHandlers(SupervisionTree.Launch launch, Compiled compiled, ActorChain chain) {
        Manifest manifest = launch.manifest();
        ActorLinker linker = new ActorLinker(setup.context().wit(), chain);
        Map<String, Handler> active = new LinkedHashMap<>();
        try {
            for (HandlerEntry entry : manifest.handlers()) {
                active.put(entry.type(), createAndLink(launch, entry, linker));
            }
            ImportCheck.check(
                    manifest,
                    compiled.module(),
                    linker,
                    active,
                    setup.handlers(),
                    setup.context().wit());
            return new Linked(linker, active, HandlerFacts.json(manifest.name(), active));
        } catch (RuntimeException e) {
            closeAll(active.values());
            throw e;
        }
    }

    private Handler createAndLink(SupervisionTree.Launch launch, HandlerEntry entry, ActorLinker linker) {
        String name = launch.manifest().name();
        HandlerRegistry.Registered registered = setup.handlers()
                .find(entry.type())
                .orElseThrow(() -> new SpawnException(
                        name,
                        "actor '" + name + "' grants handler type '" + entry.type() + "' in "
                                + origin(launch.manifest()) + " but no handler '" + entry.type()
                                + "' is registered; registered handlers: "
                                + (setup.handlers().all().isEmpty()
                                        ? "(none; call TheaterRuntime.builder().discoverHandlers(...))"
                                        : setup.handlers().all().stream()
                                                .map(HandlerRegistry.Registered::id)
                                                .collect(Collectors.joining(", ")))));
        ManifestHandlerConfig config =
                new ManifestHandlerConfig(name, entry.type(), launch.manifestPath(), entry.config());
        ActorHandlerContext context =
                new ActorHandlerContext(launch.id(), setup.home(), setup.trees().apply(launch.id()), setup.messaging());
        Handler handler;
        try {
            handler = registered.call("create()", () -> registered.factory().create(config, context));
        } catch (HandlerConfigException e) {
            String message = e.getMessage().startsWith(config.location())
                    ? e.getMessage()
                    : config.location() + ": " + e.getMessage();
            throw new SpawnException(name, message, e);
        } catch (RuntimeException e) {
            throw new SpawnException(
                    name,
                    "handler '" + entry.type() + "' could not be created for actor '" + name + "': " + e.getMessage()
                            + sourceOf(registered, e),
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
                    "handler '" + entry.type() + "' could not be linked for actor '" + name + "': " + e.getMessage()
                            + sourceOf(registered, e),
                    e);
        }
        return guarded;
    }

    /**
     * Instantiates under the actor's {@code call_timeout}: a start function that runs longer is stopped (the engines
     * stop it when the instantiating thread is interrupted), so a hostile module cannot hang its spawner.
     */
    private WasmInstance instantiate(Manifest manifest, WasmModule module, Linked linked) {
        try {
            return instantiate(manifest, module, linked.linker().imports());
        } catch (WasmException e) {
            closeAll(linked.handlers().values());
            throw new SpawnException(
                    manifest.name(), "actor '" + manifest.name() + "' could not be instantiated: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(linked.handlers().values());
            throw e;
        }
    }

    private WasmInstance instantiate(Manifest manifest, WasmModule module, List<HostImport> imports) {
        InstanceLimits limits = new InstanceLimits(manifest.limits().memory());
        Optional<Duration> timeout = manifest.limits().callTimeout();
        if (timeout.isEmpty()) {
            return module.instantiate(imports, limits);
        }
        Thread spawner = Thread.currentThread();
        Object lock = new Object();
        boolean[] state = new boolean[2]; // [0] instantiation over, [1] the alarm interrupted the spawner
        ScheduledFuture<?> alarm = setup.context()
                .timer()
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

    private Actor newActor(SupervisionTree.Launch launch, Compiled compiled, ActorChain chain, Linked linked) {
        Manifest manifest = launch.manifest();
        Actor actor = new Actor(
                launch.id(),
                manifest.name(),
                origin(manifest),
                setup.context(),
                chain,
                manifest.limits().callTimeout(),
                manifest.limits().mailbox(),
                compiled.exports(),
                launch.initState(),
                host::terminated);
        if (launch.parent().isPresent()) {
            actor.failOnOperationFailure();
        }
        actor.setRestarts(launch.restarts());
        return actor;
    }

    /** With {@code save_chain}, the chain is written to {@code <home>/chains/<id>.chain}. */
    private void persistChain(
            SupervisionTree.Launch launch, Actor actor, ActorChain chain, WasmInstance instance, Linked linked) {
        Manifest manifest = launch.manifest();
        if (!manifest.saveChain()) {
            return;
        }
        Path file = ChainFile.pathFor(setup.chainDirectory(), launch.id().toString());
        try {
            chain.persistTo(file, actor::failAsync);
        } catch (IOException | RuntimeException e) {
            instance.close();
            closeAll(linked.handlers().values());
            throw new SpawnException(
                    manifest.name(),
                    "actor '" + manifest.name() + "': cannot create its chain file " + file + ": " + e.getMessage()
                            + "; check that the runtime home " + setup.home() + " is writable, or set save_chain ="
                            + " false",
                    e);
        }
    }

    /** Makes the actor reachable, unless the runtime closed meanwhile; then it is released here. */
    private void register(SupervisionTree.Launch launch, Actor actor, WasmInstance instance, Linked linked) {
        host.register(actor);
        if (host.closed()) {
            // close() set closed before it looked for actors to stop, so it may not have seen this one: release it
            // here, or it would run on (or hold its instance, handlers and chain) after the runtime closed.
            SpawnException refused = closedWhileSpawning(launch, null);
            actor.abandon(instance, linked.all(), refused.getMessage());
            throw refused;
        }
        launch.created().accept(actor);
    }

    /** The {@code starting} event's details: who the actor is, where it came from, its engine and handlers. */
    private static Map<String, String> details(SupervisionTree.Launch launch, Compiled compiled, Linked linked) {
        Manifest manifest = launch.manifest();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("actor", WitJson.string(manifest.name()));
        details.put("id", WitJson.string(launch.id().toString()));
        details.put("version", WitJson.string(manifest.version()));
        details.put("manifest", WitJson.string(manifest.origin()));
        launch.parent().ifPresent(parent -> details.put("parent", WitJson.string(parent.toString())));
        if (launch.restarts() > 0) {
            details.put("restarts", Integer.toString(launch.restarts()));
        }
        details.put("engine", WitJson.string(compiled.engine().name()));
        details.put("module_sha256", WitJson.string(Sha256.hex(compiled.wasm())));
        details.put("handlers", WitJson.json(json -> {
            json.writeStartArray();
            for (String type : linked.handlers().keySet()) {
                WitJson.string(json, type);
            }
            json.writeEndArray();
        }));
        if (linked.facts() != null) {
            details.put("handler_facts", linked.facts());
        }
        return details;
    }

    /** Starts the actor's handlers and its {@code init}, and waits for {@code init} to succeed. */
    private void start(
            SupervisionTree.Launch launch,
            Actor actor,
            WasmInstance instance,
            Linked linked,
            Map<String, String> details) {
        String name = launch.manifest().name();
        CompletableFuture<Object> initDone;
        try {
            initDone = actor.start(instance, linked.all(), details);
        } catch (RuntimeException e) {
            throw new SpawnException(
                    name, "actor '" + name + "' (" + launch.id() + ") failed to start: " + e.getMessage(), e);
        }
        try {
            initDone.join();
        } catch (CompletionException e) {
            // The actor has failed and released its resources before init's future completed.
            host.unregister(actor);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SpawnException(
                    name, "actor '" + name + "' (" + launch.id() + ") failed in init: " + cause.getMessage(), cause);
        }
    }

    /** Where the failing code is, unless the message already says ({@link HandlerRegistry.Registered#call} does). */
    private static String sourceOf(HandlerRegistry.Registered registered, RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains(registered.source())
                ? ""
                : " (" + registered.source() + ")";
    }

    /** How messages name the manifest: its file name, as in {@code add [[handler]] ... to fetcher.toml}. */
    static String origin(Manifest manifest) {
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
                    long limit = key.equals("component")
                            ? BoundedFiles.MAX_COMPONENT_BYTES
                            : BoundedFiles.MAX_INIT_STATE_BYTES;
                    yield BoundedFiles.read(file.absolutePath(), limit, key);
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
        Optional<ContentResolver> resolver = setup.handlers().all().stream()
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
            return resolver.get().resolve(setup.home(), ref.storeId(), ref.contentHash());
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
                LOG.warn("{} failed to close", handler, e);
            }
        }
    }
}

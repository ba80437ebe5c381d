package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Limits;
import dev.theater.manifest.Manifest;
import dev.theater.plugins.LoadedPlugin;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.runtime.handlers.RuntimeHandlerFactory;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.testkit.internal.DriverModule;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs one handler in a real {@link TheaterRuntime}, loaded the way production loads it: from the class path with
 * {@link ServiceLoader}, or from a plugin JAR in a plugin directory. Spawn guests against it:
 *
 * <pre>{@code
 * try (HandlerHarness harness = HandlerHarness.builder("random", HandlerArtifact.pluginJar(jar)).build()) {
 *     DriverActor actor = harness.spawnDriver(Map.of("seed", 42L));
 *     HostCall call = actor.call("theater:simple/random#random-range", 1L, 7L);
 *     HandlerAssertions.assertThat(call).returnedOk();
 * }
 * }</pre>
 *
 * The runtime also has the built-in {@code runtime} handler. The home is a fresh temporary directory, deleted on
 * {@link #close()}. Not thread-safe.
 */
public final class HandlerHarness implements AutoCloseable {
    private final String handlerId;
    private final HandlerArtifact artifact;
    private final Path home;
    private final boolean ownHome;
    private final String engine;
    private final Duration callTimeout;
    private final TheaterRuntime runtime;
    private final List<Path> extraPluginJars;
    private final AtomicInteger spawned = new AtomicInteger();
    private TheaterRuntime configRuntime;
    private final AtomicReference<HandlerConfig> capturedConfig = new AtomicReference<>();
    private final AtomicReference<HandlerContext> capturedContext = new AtomicReference<>();

    private HandlerHarness(Builder builder) {
        this.handlerId = builder.handlerId;
        this.artifact = builder.artifact;
        this.engine = builder.engine;
        this.callTimeout = builder.callTimeout;
        this.extraPluginJars = List.copyOf(builder.extraPluginJars);
        this.ownHome = builder.home == null;
        this.home = ownHome ? createTempDirectory("theater-harness-") : builder.home;
        try {
            this.runtime = start(builder.asPlugin);
        } catch (RuntimeException e) {
            deleteHome();
            throw e;
        }
    }

    public static Builder builder(String handlerId, HandlerArtifact artifact) {
        return new Builder(handlerId, artifact);
    }

    private TheaterRuntime start(boolean asPlugin) {
        TheaterRuntime.Builder b = TheaterRuntime.builder()
                .withHome(home)
                .withDefaultEngine(engine)
                .withStopTimeout(Duration.ofSeconds(5))
                .withoutPlugins();
        switch (artifact) {
            case HandlerArtifact.ClassPath classPath
            when !asPlugin -> b.discoverHandlers(classPath.factoryClass().getClassLoader());
            case HandlerArtifact.ClassPath classPath -> {
                Path plugins = createDirectories(home.resolve("plugins"));
                packageAsPlugin(classPath, plugins.resolve(handlerId + ".jar"));
                addRuntimeHandler(b);
                b.withPluginDirectory(plugins);
            }
            case HandlerArtifact.PluginJar plugin -> {
                Path plugins = createDirectories(home.resolve("plugins"));
                copy(plugin.jar(), plugins.resolve(plugin.jar().getFileName()));
                addRuntimeHandler(b);
                b.withPluginDirectory(plugins);
            }
        }
        if (!extraPluginJars.isEmpty()) {
            Path plugins = createDirectories(home.resolve("plugins"));
            extraPluginJars.forEach(jar -> copy(jar, plugins.resolve(jar.getFileName())));
            b.withPluginDirectory(plugins);
        }
        TheaterRuntime built = b.build();
        if (built.handlers().stream().noneMatch(h -> h.id().equals(handlerId))) {
            String registered = String.join(
                    ", ", built.handlers().stream().map(HandlerInfo::id).toList());
            built.close();
            throw new IllegalStateException("no handler '" + handlerId + "' was discovered from " + describe(artifact)
                    + "; registered handlers: " + (registered.isEmpty() ? "(none)" : registered) + ". List its"
                    + " factory in META-INF/services/dev.theater.spi.HandlerFactory and check its id()");
        }
        return built;
    }

    private void addRuntimeHandler(TheaterRuntime.Builder b) {
        if (!handlerId.equals(RuntimeHandlerFactory.ID)) {
            b.addHandler(new RuntimeHandlerFactory());
        }
    }

    /**
     * Packages a class-path handler as a plugin JAR: the classes of its factory's code source and its bundled
     * libraries, with its id as {@code Plugin-Id}, registering only its factory (a module may hold several).
     */
    static Path packageAsPlugin(HandlerArtifact.ClassPath classPath, Path jar) {
        PluginJarBuilder builder = PluginJarBuilder.plugin(
                        jar.getFileName().toString().replace(".jar", ""), "0.0.0")
                .add(codeSource(classPath.factoryClass()))
                .service(
                        HandlerFactory.class.getName(), classPath.factoryClass().getName());
        classPath.bundledLibraries().forEach(builder::add);
        return builder.writeTo(jar);
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    private static String describe(HandlerArtifact artifact) {
        return switch (artifact) {
            case HandlerArtifact.ClassPath c ->
                "the class path (" + c.factoryClass().getName() + ")";
            case HandlerArtifact.PluginJar p -> "the plugin JAR " + p.jar();
        };
    }

    /** The runtime, with the handler under test and the built-in {@code runtime} handler registered. */
    public TheaterRuntime runtime() {
        return runtime;
    }

    /** The handler under test, as the runtime registered it (id, version, origin, interfaces). */
    public HandlerInfo handler() {
        return runtime.handlers().stream()
                .filter(h -> h.id().equals(handlerId))
                .findFirst()
                .orElseThrow();
    }

    /** The WIT the runtime checks against, with the packages the handler brings. */
    public WitLibrary wit() {
        return runtime.wit();
    }

    /**
     * A fresh instance of the handler's factory, of the very class the runtime registered (for a plugin: from the
     * plugin's class loader).
     */
    public HandlerFactory factory() {
        List<ClassLoader> loaders = new ArrayList<>();
        for (LoadedPlugin plugin : runtime.plugins()) {
            loaders.add(plugin.classLoader());
        }
        if (artifact instanceof HandlerArtifact.ClassPath classPath
                && runtime.plugins().isEmpty()) {
            loaders.add(classPath.factoryClass().getClassLoader());
        }
        for (ClassLoader loader : loaders) {
            for (HandlerFactory factory : ServiceLoader.load(HandlerFactory.class, loader)) {
                if (factory.id().equals(handlerId)) {
                    return factory;
                }
            }
        }
        throw new IllegalStateException("the factory of handler '" + handlerId + "' is no longer discoverable");
    }

    /**
     * The {@link HandlerConfig} the runtime gives the handler for a {@code [[handler]]} table of {@code config}, for
     * calling the factory directly. It is captured from a runtime of the harness itself, so it behaves exactly as in
     * production; the idle actor it was made for runs until the harness closes.
     */
    public HandlerConfig config(Map<String, Object> config) {
        requireNonNull(config, "config is null");
        if (configRuntime == null) {
            HandlerFactory capture = new HandlerFactory() {
                @Override
                public String id() {
                    return handlerId;
                }

                @Override
                public Handler create(HandlerConfig c, HandlerContext context) {
                    capturedConfig.set(c);
                    capturedContext.set(context);
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
                    };
                }
            };
            configRuntime = TheaterRuntime.builder()
                    .withHome(home)
                    .withDefaultEngine(engine)
                    .withoutPlugins()
                    .addHandler(capture)
                    .build();
        }
        Path wasm = guestFile(DriverModule.of(List.of()).wasm(), "idle");
        // The probe actor stays alive until the harness closes: a configuration can refer to its actor (actorTree()).
        configRuntime.spawn(manifest("config-probe-" + spawned.incrementAndGet(), wasm, config), null);
        return capturedConfig.get();
    }

    /**
     * The {@link HandlerContext} the runtime gives the handler of the actor last made by {@link #config}: for calling
     * the factory directly, with a configuration from {@link #config}.
     */
    public HandlerContext context() {
        if (capturedContext.get() == null) {
            config(Map.of());
        }
        return capturedContext.get();
    }

    /** Spawns an actor that imports every function of every interface the handler provides, granting it {@code config}. */
    public DriverActor spawnDriver(Map<String, Object> config) {
        return spawnDriver(config, List.copyOf(handler().provides()));
    }

    /**
     * Spawns an actor that imports every function of {@code interfaces}, granting the handler under test with {@code
     * config}.
     *
     * @throws dev.theater.runtime.SpawnException when the runtime refuses it: a bad config, or a function of the
     *     interfaces that the handler does not bind
     */
    public DriverActor spawnDriver(Map<String, Object> config, List<String> interfaces) {
        requireNonNull(config, "config is null");
        return spawnDriverGranting(Map.of(handlerId, config), interfaces);
    }

    /**
     * Spawns an actor that imports every function of {@code interfaces}, granting each handler of {@code grants} (by
     * id) with its configuration: for a guest that uses several handlers at once.
     */
    public DriverActor spawnDriverGranting(Map<String, Map<String, Object>> grants, List<String> interfaces) {
        requireNonNull(grants, "grants is null");
        requireNonNull(interfaces, "interfaces is null");
        List<DriverModule.Import> imports = new ArrayList<>();
        for (String name : interfaces.stream().sorted().toList()) {
            WitInterface iface = wit().requireInterface(name);
            for (WitFunction function : iface.functions().values()) {
                imports.add(new DriverModule.Import(iface.qualifiedName(), function));
            }
        }
        DriverModule module = DriverModule.of(imports);
        Path wasm = guestFile(module.wasm(), "driver");
        Manifest.Builder manifest = Manifest.builder(
                        "driver-" + spawned.incrementAndGet(), new ComponentSource.File(wasm))
                .withSaveChain(false)
                .withLimits(new Limits(Limits.DEFAULT_MEMORY, Optional.of(callTimeout), Limits.DEFAULT_MAILBOX));
        grants.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(g -> manifest.addHandler(g.getKey(), g.getValue()));
        ActorRef ref = runtime.spawn(manifest.build(), null);
        return new DriverActor(ref, module, callTimeout);
    }

    /** Spawns an actor that imports nothing and keeps its state; it grants no handler. */
    public ActorRef spawnIdle() {
        Path wasm = guestFile(DriverModule.of(List.of()).wasm(), "idle");
        Manifest manifest = Manifest.builder("idle-" + spawned.incrementAndGet(), new ComponentSource.File(wasm))
                .withSaveChain(false)
                .build();
        return runtime.spawn(manifest, null);
    }

    /**
     * Spawns your own guest ({@code .wasm}), granting the handler under test with {@code config} and the {@code
     * runtime} handler.
     */
    public ActorRef spawn(Path wasm, Map<String, Object> config) {
        requireNonNull(wasm, "wasm is null");
        Manifest.Builder manifest = Manifest.builder(
                        "guest-" + spawned.incrementAndGet(), new ComponentSource.File(wasm.toAbsolutePath()))
                .withSaveChain(false)
                .addHandler(handlerId, requireNonNull(config, "config is null"));
        if (!handlerId.equals(RuntimeHandlerFactory.ID)) {
            manifest.addHandler(RuntimeHandlerFactory.ID, Map.of());
        }
        return runtime.spawn(manifest.build(), null);
    }

    private Manifest manifest(String name, Path wasm, Map<String, Object> config) {
        return Manifest.builder(name, new ComponentSource.File(wasm))
                .withSaveChain(false)
                .withLimits(new Limits(Limits.DEFAULT_MEMORY, Optional.of(callTimeout), Limits.DEFAULT_MAILBOX))
                .addHandler(handlerId, config)
                .build();
    }

    private Path guestFile(byte[] wasm, String kind) {
        String name = kind + "-" + HexFormat.of().formatHex(sha256(wasm), 0, 8) + ".wasm";
        Path file = createDirectories(home.resolve("guests")).resolve(name);
        if (!Files.exists(file)) {
            try {
                Files.write(file, wasm);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the guest " + file, e);
            }
        }
        return file;
    }

    /** Stops every actor, closes the runtime and deletes the temporary home. */
    @Override
    public void close() {
        try {
            runtime.close();
            if (configRuntime != null) {
                configRuntime.close();
            }
        } finally {
            deleteHome();
        }
    }

    private void deleteHome() {
        if (!ownHome) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the harness home " + home, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the plugin JAR " + from + " to " + to, e);
        }
    }

    /** Configures a {@link HandlerHarness}. */
    public static final class Builder {
        private final String handlerId;
        private final HandlerArtifact artifact;
        private Path home;
        private String engine = TheaterRuntime.DEFAULT_ENGINE;
        private Duration callTimeout = Duration.ofSeconds(30);
        private boolean asPlugin;
        private final List<Path> extraPluginJars = new ArrayList<>();

        private Builder(String handlerId, HandlerArtifact artifact) {
            this.handlerId = requireNonNull(handlerId, "handlerId is null");
            this.artifact = requireNonNull(artifact, "artifact is null");
        }

        /** The wasm engine guests run on; default {@value TheaterRuntime#DEFAULT_ENGINE}. */
        public Builder withEngine(String engine) {
            this.engine = requireNonNull(engine, "engine is null");
            return this;
        }

        /** A runtime home to use (kept on close) instead of a temporary one. */
        public Builder withHome(Path home) {
            this.home = requireNonNull(home, "home is null").toAbsolutePath();
            return this;
        }

        /** How long a driver call may take, also the actors' call timeout; default 30 s. */
        public Builder withCallTimeout(Duration callTimeout) {
            this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
            return this;
        }

        /**
         * Loads a {@link HandlerArtifact.ClassPath} handler through the plugin loader: its classes are packaged as a
         * plugin JAR and loaded in their own class loader, seeing only the SPI and slf4j of the host.
         */
        public Builder loadedAsPlugin() {
            this.asPlugin = true;
            return this;
        }

        /** Another plugin JAR for the runtime's plugin directory, for guests that use several handlers. */
        public Builder addPluginJar(Path jar) {
            extraPluginJars.add(requireNonNull(jar, "jar is null"));
            return this;
        }

        public HandlerHarness build() {
            return new HandlerHarness(this);
        }
    }
}

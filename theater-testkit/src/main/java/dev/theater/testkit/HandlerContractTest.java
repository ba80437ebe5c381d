package dev.theater.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.theater.runtime.ActorRef;
import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.internal.FunctionLinker;
import dev.theater.runtime.internal.HandlerRegistry;
import dev.theater.runtime.internal.TypedHostFunctions;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.Shutdown;
import dev.theater.testkit.internal.GeneratedArguments;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every handler passes. Extend it, say which handler and where it comes from, and give the calls that
 * exercise its failure paths:
 *
 * <pre>{@code
 * class RandomHandlerContractTest extends HandlerContractTest {
 *     protected String handlerId() { return "random"; }
 *     protected HandlerArtifact artifact() { return HandlerArtifact.pluginJar(Path.of(System.getProperty("jar"))); }
 *     protected HostFailure hostFailure() {
 *         return HostFailure.errResult(Map.of(), "theater:simple/random#random-range", List.of(5L, 5L), "min");
 *     }
 * }
 * }</pre>
 *
 * It checks: the id rules; discovery through {@link ServiceLoader} and through the plugin loader (in a class loader
 * that sees only the SPI and slf4j of the host); that the handler binds every function of the interfaces it declares
 * and nothing else, with the signatures of their WIT; that {@code close} is idempotent, before and after {@code start};
 * that every bound function, called from a guest with generated arguments, returns values of its WIT result type;
 * that actors with the handler start and stop repeatedly; that a bad configuration is refused naming the key; and that
 * a host failure reaches the guest as an error while the actor carries on. One harness (one runtime) serves the whole
 * class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HandlerContractTest {
    private HandlerHarness harness;

    /** The handler's id, as manifests grant it. */
    protected abstract String handlerId();

    /** Where the handler comes from: the test class path or a built plugin JAR. */
    protected abstract HandlerArtifact artifact();

    /**
     * A call that fails on the host side and how the guest sees it, or {@link HostFailure#none} with the reason no
     * call can.
     */
    protected abstract HostFailure hostFailure();

    /** A configuration under which actors with the handler spawn; default none. */
    protected Map<String, Object> validConfig() {
        return Map.of();
    }

    /** A configuration the handler refuses; default an unknown key. */
    protected BadConfig badConfig() {
        return BadConfig.unknownKey();
    }

    /**
     * Whether the handler works when loaded through the plugin loader, in a class loader of its own. Default: it
     * does. A handler built into the runtime that needs the runtime's own classes returns the part of the message
     * with which it refuses; the contract then asserts that refusal, instead of skipping the check.
     */
    protected Optional<String> pluginRefusal() {
        return Optional.empty();
    }

    /** Adjusts the harness (engine, timeouts) before it is built. */
    protected HandlerHarness.Builder configure(HandlerHarness.Builder builder) {
        return builder;
    }

    /** The harness this class's tests run against, for tests of your own in the subclass. */
    protected final HandlerHarness harness() {
        return harness;
    }

    @BeforeAll
    public void startHarness() {
        harness = configure(HandlerHarness.builder(handlerId(), artifact())).build();
    }

    @AfterAll
    public void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    public void theIdIsKebabCaseStableAndTheOneRegistered() {
        HandlerFactory factory = harness.factory();
        assertEquals(handlerId(), factory.id(), "id() of " + factory.getClass().getName());
        assertEquals(factory.id(), factory.id(), "id() must return the same id every time");
        assertTrue(
                HandlerRegistry.ID.matcher(factory.id()).matches(),
                "the id '" + factory.id() + "' must be kebab-case (lowercase words joined by single hyphens)");
        assertEquals(handlerId(), harness.handler().id());
        String version = factory.version();
        assertTrue(version != null && !version.isBlank(), "version() must name a version, was '" + version + "'");
    }

    @Test
    public void everyInterfaceItProvidesIsKnownWit() {
        for (String name : harness.factory().provides()) {
            assertTrue(
                    harness.wit().findInterface(name).isPresent(),
                    "handler '" + handlerId() + "' provides " + name + ", which the runtime's WIT does not declare;"
                            + " ship its package and name it in witDirectories()");
        }
    }

    @Test
    public void serviceLoaderDiscoversIt() throws IOException {
        switch (artifact()) {
            case HandlerArtifact.ClassPath classPath -> {
                List<Class<?>> found = new ArrayList<>();
                for (HandlerFactory f : ServiceLoader.load(
                        HandlerFactory.class, classPath.factoryClass().getClassLoader())) {
                    if (f.id().equals(handlerId())) {
                        found.add(f.getClass());
                    }
                }
                assertEquals(
                        List.of(classPath.factoryClass()),
                        found,
                        "ServiceLoader must find exactly one factory with id '" + handlerId() + "' on the class path;"
                                + " list it in META-INF/services/dev.theater.spi.HandlerFactory");
            }
            case HandlerArtifact.PluginJar plugin -> {
                try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {plugin.jar().toUri().toURL()}, HandlerFactory.class.getClassLoader())) {
                    List<String> ids = new ArrayList<>();
                    ServiceLoader.load(HandlerFactory.class, loader).forEach(f -> ids.add(f.id()));
                    assertTrue(
                            ids.contains(handlerId()),
                            "ServiceLoader over " + plugin.jar() + " finds " + ids + ", not '" + handlerId() + "'");
                }
            }
        }
    }

    @Test
    public void thePluginLoaderDiscoversItInItsOwnClassLoaderAndActorsUseIt() {
        switch (artifact()) {
            case HandlerArtifact.ClassPath classPath -> {
                try (HandlerHarness plugin = configure(HandlerHarness.builder(handlerId(), classPath))
                        .loadedAsPlugin()
                        .build()) {
                    assertTrue(
                            plugin.handler().origin().startsWith("plugin "),
                            plugin.handler().origin());
                    HandlerFactory isolated = plugin.factory();
                    assertEquals(
                            classPath.factoryClass().getName(),
                            isolated.getClass().getName());
                    assertNotSame(
                            classPath.factoryClass(),
                            isolated.getClass(),
                            "the plugin loader must load its own copy of the handler's classes");
                    if (pluginRefusal().isPresent()) {
                        SpawnException refused =
                                assertThrows(SpawnException.class, () -> plugin.spawnDriver(validConfig()));
                        assertTrue(
                                refused.getMessage().contains(pluginRefusal().get()),
                                "expected the documented refusal '"
                                        + pluginRefusal().get() + "', got: " + refused.getMessage());
                    } else {
                        stop(plugin, plugin.spawnDriver(validConfig()).ref());
                    }
                }
            }
            case HandlerArtifact.PluginJar jar -> {
                HandlerInfo info = harness.handler();
                assertTrue(
                        info.origin().startsWith("plugin ")
                                && info.origin()
                                        .contains(jar.jar().getFileName().toString()),
                        "handler '" + handlerId() + "' must come from the plugin JAR, but its origin is "
                                + info.origin());
                ClassLoader loader = harness.runtime().plugins().get(0).classLoader();
                assertSame(loader, harness.factory().getClass().getClassLoader());
                assertThrows(
                        ClassNotFoundException.class,
                        () -> Class.forName(
                                harness.factory().getClass().getName(),
                                false,
                                getClass().getClassLoader()),
                        "the plugin's classes must not be on the test class path");
                stop(harness, harness.spawnDriver(validConfig()).ref());
            }
        }
    }

    @Test
    public void itBindsEveryFunctionOfTheInterfacesItDeclaresAndNothingElse() {
        HandlerFactory factory = harness.factory();
        Handler handler = factory.create(harness.config(validConfig()), harness.context());
        try {
            Set<String> provides = harness.handler().provides();
            Set<String> imports = handler.imports().isEmpty() ? provides : handler.imports();
            assertTrue(
                    provides.containsAll(imports),
                    "the handler imports " + imports + " but its factory provides only " + provides
                            + " (provides() and the interfaces of the WIT it brings)");
            FunctionLinker.Collecting recording = new FunctionLinker.Collecting(handlerId(), harness.wit(), imports);
            try {
                handler.link(recording);
            } catch (IllegalArgumentException e) {
                fail("handler '" + handlerId() + "' cannot be linked: " + e.getMessage(), e);
            }
            Set<String> bound = new TreeSet<>(recording.functions().keySet());
            Set<String> expected = new TreeSet<>();
            for (String name : imports) {
                WitInterface iface = harness.wit().requireInterface(name);
                iface.functions().keySet().forEach(f -> expected.add(iface.qualifiedName() + "#" + f));
            }
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(bound);
            Set<String> extra = new TreeSet<>(bound);
            extra.removeAll(expected);
            assertTrue(
                    missing.isEmpty(),
                    "handler '" + handlerId() + "' declares " + imports + " but does not bind " + missing
                            + "; bind every function (a refusal is an err result that says so)");
            assertTrue(
                    extra.isEmpty(),
                    "handler '" + handlerId() + "' binds " + extra + ", outside the interfaces it declares " + imports);
        } finally {
            handler.close();
        }
        stop(harness, harness.spawnDriver(validConfig()).ref());
    }

    /**
     * Calls every function the handler binds, from a guest, with generated arguments (the smallest values, then filled
     * ones): each call returns a value the canonical ABI can hand back as the function's WIT result, or refuses by
     * throwing. A value of the wrong type (a {@code byte[]} for {@code option<list<u8>>}, a {@code null} for {@code
     * result<_, string>}) fails here instead of in the first guest that calls the function.
     */
    @Test
    public void everyBoundFunctionAnswersGeneratedArgumentsWithAValueOfItsWitType() {
        Handler handler = harness.factory().create(harness.config(validConfig()), harness.context());
        FunctionLinker.Collecting linker;
        try {
            Set<String> imports =
                    handler.imports().isEmpty() ? harness.handler().provides() : handler.imports();
            linker = new FunctionLinker.Collecting(handlerId(), harness.wit(), imports);
            handler.link(linker);
        } finally {
            handler.close();
        }
        List<String> problems = new ArrayList<>();
        for (String qualified : new TreeSet<>(linker.functions().keySet())) {
            int hash = qualified.indexOf('#');
            WitFunction function =
                    harness.wit().requireFunction(qualified.substring(0, hash), qualified.substring(hash + 1));
            for (List<Object> args : GeneratedArguments.of(function)) {
                DriverActor actor = harness.spawnDriver(validConfig());
                HostCall call = actor.call(qualified, args.toArray());
                String typeProblem = call.error()
                        .filter(e -> e.contains(TypedHostFunctions.RESULT_MISMATCH))
                        .orElse(null);
                if (typeProblem == null
                        && call.error().isEmpty()
                        && call.guestFailure().isPresent()) {
                    typeProblem = "it returned " + call.result() + ", which the canonical ABI cannot hand back as "
                            + function.result().map(t -> t.witName()).orElse("no result") + ": "
                            + call.guestFailure().get().getMessage();
                }
                if (typeProblem != null) {
                    problems.add(qualified + " called with " + describe(args) + ": " + typeProblem);
                }
                // A call may have stopped the actor itself (theater:simple/runtime#shutdown): stop what is left.
                harness.runtime()
                        .stop(actor.ref().id())
                        .exceptionally(stopped -> null)
                        .join();
            }
        }
        assertTrue(
                problems.isEmpty(),
                "handler '" + handlerId() + "' returns values that do not fit the WIT result of the function:\n  "
                        + String.join("\n  ", problems));
    }

    private static String describe(List<Object> args) {
        List<String> out = new ArrayList<>();
        for (Object arg : args) {
            out.add(arg instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(arg));
        }
        return out.toString();
    }

    @Test
    public void closeIsIdempotentBeforeAndAfterStart() {
        HandlerFactory factory = harness.factory();
        Handler unstarted = factory.create(harness.config(validConfig()), harness.context());
        unstarted.close();
        unstarted.close();

        ActorRef idle = harness.spawnIdle();
        Handler started = factory.create(harness.config(validConfig()), harness.context());
        started.link(new FunctionLinker.Collecting(
                handlerId(), harness.wit(), harness.handler().provides()));
        CompletableFuture<Void> requested = new CompletableFuture<>();
        started.start(idle.executor(), idle.controller(), new Shutdown() {
            @Override
            public boolean isRequested() {
                return requested.isDone();
            }

            @Override
            public CompletionStage<Void> requested() {
                return requested;
            }
        });
        requested.complete(null);
        started.close();
        started.close();
        stop(harness, idle);
    }

    @Test
    public void actorsWithTheHandlerStartAndStopRepeatedly() {
        for (int i = 0; i < 3; i++) {
            ActorRef actor = harness.spawnDriver(validConfig()).ref();
            assertInstanceOf(ActorStatus.Idle.class, actor.controller().status());
            stop(harness, actor);
            assertInstanceOf(ActorStatus.Stopped.class, actor.controller().status());
        }
    }

    @Test
    public void aBadConfigurationIsRefusedNamingTheKey() {
        BadConfig bad = badConfig();
        SpawnException spawn = assertThrows(SpawnException.class, () -> harness.spawnDriver(bad.config()));
        assertTrue(
                spawn.getMessage().contains(bad.key()),
                "the spawn error must name the key '" + bad.key() + "': " + spawn.getMessage());
        HandlerConfigException config = assertThrows(HandlerConfigException.class, () -> harness.factory()
                .create(harness.config(bad.config()), harness.context()));
        assertEquals(bad.key(), config.key(), "HandlerConfigException.key()");
        assertTrue(config.getMessage().contains(bad.key()), config.getMessage());
    }

    @Test
    public void aHostFailureReachesTheGuestAsAnErrorAndTheActorCarriesOn() {
        switch (hostFailure()) {
            case HostFailure.ErrResult err -> {
                DriverActor actor = harness.spawnDriver(err.config());
                HandlerAssertions.assertThat(
                                actor.call(err.function(), err.args().toArray()))
                        .returnedErrContaining(err.messagePart());
                carriesOn(actor, err.function(), err.args());
            }
            case HostFailure.Trap trap -> {
                DriverActor actor = harness.spawnDriver(trap.config());
                HandlerAssertions.assertThat(
                                actor.call(trap.function(), trap.args().toArray()))
                        .threw(trap.messagePart());
                carriesOn(actor, trap.function(), trap.args());
            }
            case HostFailure.None none ->
                Assumptions.abort("no host call of '" + handlerId() + "' fails: " + none.reason());
        }
    }

    private void carriesOn(DriverActor actor, String function, List<Object> args) {
        assertInstanceOf(
                ActorStatus.Idle.class,
                actor.ref().controller().status(),
                "after a failed host call the actor must be idle, ready for the next operation");
        actor.call(function, args.toArray());
        HandlerAssertions.assertThat(actor).hasHostCallCount(function, 2).isIntact();
        stop(harness, actor.ref());
    }

    private static void stop(HandlerHarness harness, ActorRef actor) {
        try {
            harness.runtime().stop(actor.id()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("actor " + actor.id() + " did not stop: " + e, e);
        }
        assertFalse(
                harness.runtime().lookup(actor.id()).isPresent(), "a stopped actor is no longer listed by the runtime");
    }
}

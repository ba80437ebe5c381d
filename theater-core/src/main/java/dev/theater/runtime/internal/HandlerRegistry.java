package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.plugins.LoadedPlugin;
import dev.theater.plugins.PluginLoadException;
import dev.theater.spi.HandlerFactory;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler factories of a runtime, by id. There is one discovery path, {@link ServiceLoader} over a class loader:
 * the application's, or each plugin's. Ids are kebab-case; duplicate ids are fatal; each registration is logged with
 * its id, version and origin.
 */
public final class HandlerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    /** The form of a handler id: lowercase words joined by single hyphens, e.g. {@code message-server}. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The rule every plugin failure names. */
    public static final String PLUGIN_RULE = "a plugin sees only dev.theater.spi and org.slf4j of the host, so bundle"
            + " every other library it needs in the JAR and use no other dev.theater class";

    /**
     * A registered factory and where its class came from.
     *
     * @param pluginJar the plugin JAR it was loaded from; empty for the class path
     * @param provides the interfaces its handlers provide: {@link HandlerFactory#provides()} and every interface of
     *     the WIT it brings
     */
    public record Registered(HandlerFactory factory, String origin, Optional<Path> pluginJar, Set<String> provides) {
        public Registered {
            requireNonNull(factory, "factory is null");
            requireNonNull(origin, "origin is null");
            requireNonNull(pluginJar, "pluginJar is null");
            provides = Set.copyOf(requireNonNull(provides, "provides is null"));
        }

        public String id() {
            return factory.id();
        }

        /** Where the handler's code comes from, for messages: {@code com.example.KvFactory from plugin JAR /p/kv.jar}. */
        public String source() {
            return factory.getClass().getName() + " from "
                    + pluginJar.map(jar -> "plugin JAR " + jar).orElse(origin);
        }

        /**
         * Runs plugin code ({@code what}, e.g. {@code create()}) of this handler: a {@link LinkageError} (a class the
         * plugin needs but cannot see) becomes an {@link IllegalStateException} naming the plugin JAR, the class and
         * the rule, which the caller turns into a load or spawn failure.
         */
        public <T> T call(String what, Supplier<T> code) {
            try {
                return code.get();
            } catch (LinkageError e) {
                throw new IllegalStateException(
                        "handler '" + id() + "' (" + source() + ") failed in " + what + ": " + e
                                + (pluginJar.isPresent() ? "; " + PLUGIN_RULE : ""),
                        e);
            }
        }

        /** {@link #call} for code without a result. */
        public void run(String what, Runnable code) {
            call(what, () -> {
                code.run();
                return null;
            });
        }
    }

    private final Map<String, Registered> factories = new LinkedHashMap<>();

    /**
     * Registers {@code factory}, its origin being where its class was loaded from. Registering the same factory class
     * again is ignored (a plugin loader also sees its dependencies' services); another class with the same id fails.
     *
     * @throws IllegalStateException naming both origins when the id is taken
     * @throws IllegalArgumentException naming the class when its id is not kebab-case
     */
    public void add(HandlerFactory factory) {
        requireNonNull(factory, "factory is null");
        add(factory, origin(factory.getClass()), Optional.empty());
    }

    /** Registers {@code factory} from {@code origin} (a JAR URL, or a plugin as {@link LoadedPlugin#origin()}). */
    private synchronized void add(HandlerFactory factory, String origin, Optional<Path> pluginJar) {
        requireNonNull(factory, "factory is null");
        requireNonNull(origin, "origin is null");
        String id = requireNonNull(factory.id(), () -> factory.getClass().getName() + ".id() returned null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("handler " + factory.getClass().getName() + " from " + origin
                    + " has the id '" + id + "', which is not kebab-case; a handler id is lowercase words joined by"
                    + " single hyphens (e.g. 'message-server'), as manifests grant it: [[handler]] type = \"...\"");
        }
        Registered previous = factories.get(id);
        if (previous != null) {
            if (previous.factory().getClass() == factory.getClass()) {
                LOG.debug("handler '{}' from {} is already registered", id, origin);
                return;
            }
            throw new IllegalStateException("two handlers have the id '" + id + "': "
                    + previous.factory().getClass().getName() + " from " + previous.origin() + " and "
                    + factory.getClass().getName() + " from " + origin
                    + "; handler ids must be unique: remove one of them or change its id()");
        }
        factories.put(id, new Registered(factory, origin, pluginJar, factory.provides()));
        LOG.info("handler '{}' version {} from {}", id, factory.version(), origin);
    }

    /**
     * Registers every {@link HandlerFactory} that {@link ServiceLoader} finds through {@code loader}, each with the
     * location of its class as origin.
     *
     * @return the factories found, in discovery order
     */
    public List<HandlerFactory> discover(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        List<HandlerFactory> found = new ArrayList<>();
        for (HandlerFactory factory : ServiceLoader.load(HandlerFactory.class, loader)) {
            add(factory);
            found.add(factory);
        }
        return found;
    }

    /**
     * Registers the handlers of each plugin: {@link ServiceLoader} over its class loader, the same path as for the
     * class path.
     *
     * @throws PluginLoadException naming the JAR when a plugin has no handler, a handler cannot be instantiated, or
     *     a handler's id is malformed or taken
     */
    public void discoverPlugins(List<LoadedPlugin> plugins) {
        requireNonNull(plugins, "plugins is null");
        for (LoadedPlugin plugin : plugins) {
            int found = 0;
            try {
                for (HandlerFactory factory : ServiceLoader.load(HandlerFactory.class, plugin.classLoader())) {
                    add(factory, plugin.origin(), Optional.of(plugin.jar()));
                    found++;
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new PluginLoadException(
                        plugin.jar(),
                        "plugin JAR " + plugin.jar() + " (" + plugin.id() + "): a handler factory cannot be loaded: "
                                + describe(e) + "; " + PLUGIN_RULE,
                        e);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new PluginLoadException(plugin.jar(), e.getMessage(), e);
            }
            if (found == 0) {
                throw new PluginLoadException(
                        plugin.jar(),
                        "plugin JAR " + plugin.jar() + " (" + plugin.id() + ") provides no handler; list its"
                                + " HandlerFactory classes in META-INF/services/dev.theater.spi.HandlerFactory inside"
                                + " the JAR");
            }
        }
    }

    /** Adds {@code interfaces} to what handler {@code id} provides: the interfaces of the WIT its factory brings. */
    public synchronized void addProvides(String id, Set<String> interfaces) {
        Registered r = requireNonNull(factories.get(id), () -> "no handler '" + id + "'");
        Set<String> all = new LinkedHashSet<>(r.provides());
        all.addAll(interfaces);
        factories.put(id, new Registered(r.factory(), r.origin(), r.pluginJar(), all));
    }

    public synchronized Optional<Registered> find(String id) {
        return Optional.ofNullable(factories.get(id));
    }

    public synchronized Collection<Registered> all() {
        return Collections.unmodifiableCollection(new ArrayList<>(factories.values()));
    }

    /** The error and its causes, e.g. {@code Provider x could not be instantiated (NoClassDefFoundError: a/B)}. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
            text.append(')');
        }
        return text.toString();
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "(unknown location, loaded by " + type.getClassLoader() + ")" : location.toString();
    }
}

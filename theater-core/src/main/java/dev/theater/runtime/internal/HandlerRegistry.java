package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handler factories of a runtime, by id. Duplicate ids are fatal; each registration is logged with its origin. */
public final class HandlerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);

    /** A registered factory and where its class came from. */
    public record Registered(HandlerFactory factory, String origin) {
        public Registered {
            requireNonNull(factory, "factory is null");
            requireNonNull(origin, "origin is null");
        }

        public String id() {
            return factory.id();
        }
    }

    private final Map<String, Registered> factories = new LinkedHashMap<>();

    /**
     * Registers {@code factory}. Registering the same factory class again is ignored (a plugin loader also sees its
     * parent's services); another class with the same id fails.
     *
     * @throws IllegalStateException naming both origins when the id is taken
     */
    public synchronized void add(HandlerFactory factory) {
        requireNonNull(factory, "factory is null");
        String id = requireNonNull(factory.id(), () -> factory.getClass().getName() + ".id() returned null");
        String origin = origin(factory.getClass());
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
        factories.put(id, new Registered(factory, origin));
        LOG.info("handler '{}' version {} from {}", id, factory.version(), origin);
    }

    /** Registers every {@link HandlerFactory} that {@link ServiceLoader} finds through {@code loader}. */
    public void discover(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        for (HandlerFactory factory : ServiceLoader.load(HandlerFactory.class, loader)) {
            add(factory);
        }
    }

    public synchronized Optional<Registered> find(String id) {
        return Optional.ofNullable(factories.get(id));
    }

    public synchronized Collection<Registered> all() {
        return Collections.unmodifiableCollection(new ArrayList<>(factories.values()));
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "(unknown location, loaded by " + type.getClassLoader() + ")" : location.toString();
    }
}

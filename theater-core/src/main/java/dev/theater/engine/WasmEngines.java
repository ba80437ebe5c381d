package dev.theater.engine;

import java.security.CodeSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engines found with {@link ServiceLoader}, by name. */
public final class WasmEngines {
    private static final Logger LOG = LoggerFactory.getLogger(WasmEngines.class);

    private final Map<String, WasmEngine> engines;

    private WasmEngines(Map<String, WasmEngine> engines) {
        this.engines = Collections.unmodifiableMap(engines);
    }

    /** Discovers the engines visible to {@code loader}. Two engines with one name are an error. */
    public static WasmEngines discover(ClassLoader loader) {
        Map<String, WasmEngine> found = new LinkedHashMap<>();
        for (WasmEngine engine : ServiceLoader.load(WasmEngine.class, loader)) {
            WasmEngine previous = found.putIfAbsent(engine.name(), engine);
            if (previous != null) {
                throw new IllegalStateException("two wasm engines are named '" + engine.name() + "': "
                        + previous.getClass().getName() + " and "
                        + engine.getClass().getName()
                        + "; remove one of them from the class path");
            }
            LOG.info(
                    "found wasm engine '{}' ({} from {})",
                    engine.name(),
                    engine.getClass().getName(),
                    location(engine.getClass()));
        }
        return new WasmEngines(found);
    }

    /** Where a class was loaded from (its JAR or directory), for the discovery log. */
    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? "an unknown location"
                : source.getLocation().toString();
    }

    public static WasmEngines discover() {
        return discover(WasmEngines.class.getClassLoader());
    }

    public Optional<WasmEngine> find(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    /** The engine named {@code name}, or an error that lists the known ones. */
    public WasmEngine require(String name) {
        WasmEngine engine = engines.get(name);
        if (engine == null) {
            throw new IllegalArgumentException(
                    "unknown wasm engine '" + name + "'; known engines: " + String.join(", ", engines.keySet()));
        }
        return engine;
    }

    public Map<String, WasmEngine> all() {
        return engines;
    }
}

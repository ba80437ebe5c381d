package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed and resolved WIT package, e.g. {@code theater:simple}, possibly from several files. */
public record WitPackage(String name, Map<String, WitInterface> interfaces, Map<String, WitWorld> worlds) {
    public WitPackage {
        requireNonNull(name, "name is null");
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(interfaces, "interfaces is null")));
        worlds = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(worlds, "worlds is null")));
    }

    public Optional<WitInterface> iface(String interfaceName) {
        return Optional.ofNullable(interfaces.get(interfaceName));
    }
}

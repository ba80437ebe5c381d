package dev.theater.handler.environment;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** One actor's {@code theater:simple/environment}: the allowed part of the environment, read on every call. */
final class EnvironmentHandler implements Handler {
    private final Allowlist allow;
    private final Supplier<Map<String, String>> environment;

    EnvironmentHandler(Allowlist allow, Supplier<Map<String, String>> environment) {
        this.allow = requireNonNull(allow, "allow is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    @HostCall
    Optional<String> getVar(String name) {
        return get(name);
    }

    @HostCall
    boolean exists(String name) {
        return get(name).isPresent();
    }

    @HostCall
    List<Var> listVars() {
        return list();
    }

    Optional<String> get(String name) {
        return allow.allows(name) ? Optional.ofNullable(environment.get().get(name)) : Optional.empty();
    }

    /** The allowed variables that are set, by name. */
    List<Var> list() {
        List<Var> vars = new ArrayList<>();
        new TreeMap<>(environment.get()).forEach((name, value) -> {
            if (allow.allows(name)) {
                vars.add(new Var(name, value));
            }
        });
        return vars;
    }

    /** One variable: the WIT {@code tuple<string, string>} of its name and value. */
    record Var(String name, String value) {}
}

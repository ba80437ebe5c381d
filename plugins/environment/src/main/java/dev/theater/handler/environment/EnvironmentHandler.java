package dev.theater.handler.environment;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Override
    public Set<String> imports() {
        return Set.of(EnvironmentHandlerFactory.INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public void link(HostLinker linker) {
        String iface = EnvironmentHandlerFactory.INTERFACE;
        linker.function(iface, "get-var", args -> get((String) args.get(0)));
        linker.function(iface, "exists", args -> get((String) args.get(0)).isPresent());
        linker.function(iface, "list-vars", args -> list());
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}

    Optional<String> get(String name) {
        return allow.allows(name) ? Optional.ofNullable(environment.get().get(name)) : Optional.empty();
    }

    /** The allowed variables that are set, by name. */
    List<Object> list() {
        List<Object> vars = new ArrayList<>();
        new TreeMap<>(environment.get()).forEach((name, value) -> {
            if (allow.allows(name)) {
                vars.add(WitTuple.of(name, value));
            }
        });
        return vars;
    }
}

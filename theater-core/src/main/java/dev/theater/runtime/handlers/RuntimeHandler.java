package dev.theater.runtime.handlers;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor's {@code theater:simple/runtime}. {@code log} writes to the slf4j logger {@code theater.actor.<name>} at
 * INFO; like every host call it is also a {@code host-call} event in the chain, which is how the CLI streams an
 * actor's log lines. {@code shutdown} starts a graceful shutdown that takes effect after the current operation.
 */
final class RuntimeHandler implements Handler {
    private final String actorName;
    private final Logger log;
    private volatile ActorController controller;

    RuntimeHandler(String actorName) {
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.log = LoggerFactory.getLogger("theater.actor." + actorName);
    }

    @Override
    public Set<String> imports() {
        return Set.of(RuntimeHandlerFactory.INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public void link(HostLinker linker) {
        String iface = RuntimeHandlerFactory.INTERFACE;
        linker.function(iface, "log", args -> {
            log.info("{}", args.get(0));
            return null;
        });
        linker.function(
                iface, "get-chain", args -> chain(controller("get-chain").chain()));
        linker.function(iface, "shutdown", args -> {
            controller("shutdown").shutdown(TheaterRuntime.DEFAULT_STOP_TIMEOUT);
            return WitResult.ok(null);
        });
        linker.function(iface, "self", args -> controller("self").id().toString());
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.controller = requireNonNull(controller, "controller is null");
    }

    private ActorController controller(String function) {
        ActorController c = controller;
        if (c == null) {
            throw new IllegalStateException("actor '" + actorName + "' called theater:simple/runtime#" + function
                    + " before it started (from a wasm start function); call it from init or later");
        }
        return c;
    }

    /** The chain as the WIT record {@code chain} of {@code theater:simple/types}. */
    private static WitRecord chain(List<ChainEvent> events) {
        List<Object> records = new ArrayList<>(events.size());
        for (ChainEvent event : events) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("hash", event.hash());
            fields.put("parent-hash", event.seq() == 0 ? Optional.empty() : Optional.of(event.parentHash()));
            fields.put("event-type", event.eventType());
            fields.put("data", event.data());
            fields.put("timestamp", event.timestamp().toEpochMilli());
            fields.put("description", event.description());
            records.add(new WitRecord(fields));
        }
        return new WitRecord(Map.of("events", records));
    }
}

package dev.theater.runtime.handlers;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.util.List;
import java.util.Optional;
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

    @HostCall
    void log(String msg) {
        log.info("{}", msg);
    }

    @HostCall
    Chain getChain() {
        return new Chain(
                controller("get-chain").chain().stream().map(ChainEvent::toWit).toList());
    }

    @HostCall
    WitResult<Void, String> shutdown(Optional<byte[]> data) {
        controller("shutdown").shutdown(TheaterRuntime.DEFAULT_STOP_TIMEOUT);
        return WitResult.ok();
    }

    @HostCall
    String self() {
        return controller("self").id().toString();
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

    /** The WIT record {@code chain} of {@code theater:simple/types}. */
    record Chain(List<ChainEvent.WitChainEvent> events) {}
}

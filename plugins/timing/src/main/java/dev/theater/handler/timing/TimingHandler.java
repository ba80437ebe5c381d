package dev.theater.handler.timing;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One actor's {@code theater:simple/timing}. A wait blocks the actor's operation (and only its own thread) and ends
 * early with {@code err} when the actor starts shutting down or its thread is interrupted (a forced stop), so that it
 * never holds an actor that is asked to stop.
 */
final class TimingHandler implements Handler {
    private final Clock clock;
    private final long maxSleepMs;
    private volatile CompletableFuture<Void> shutdown = new CompletableFuture<>();

    TimingHandler(Clock clock, long maxSleepMs) {
        this.clock = requireNonNull(clock, "clock is null");
        this.maxSleepMs = maxSleepMs;
    }

    @Override
    public Set<String> imports() {
        return Set.of(TimingHandlerFactory.INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public void link(HostLinker linker) {
        String iface = TimingHandlerFactory.INTERFACE;
        linker.function(iface, "now", args -> clock.millis());
        linker.function(iface, "sleep", args -> sleep("sleep", (Long) args.get(0)));
        linker.function(iface, "deadline", args -> {
            long timestamp = (Long) args.get(0);
            if (timestamp < 0) {
                return WitResult.err("deadline " + Long.toUnsignedString(timestamp) + " is too far in the future;"
                        + " give a time in milliseconds since the Unix epoch");
            }
            return sleep("deadline", Math.max(0, timestamp - clock.millis()));
        });
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.shutdown = shutdown.requested().toCompletableFuture();
    }

    /** Waits {@code millis} (unsigned) unless the actor shuts down first. */
    private WitResult sleep(String function, long millis) {
        if (Long.compareUnsigned(millis, maxSleepMs) > 0) {
            return WitResult.err(function + " of " + Long.toUnsignedString(millis) + " ms is longer than this actor may"
                    + " wait (max_sleep_ms = " + maxSleepMs + " in its [[handler]] type = \"timing\")");
        }
        if (millis == 0) {
            return WitResult.ok(null);
        }
        try {
            shutdown.get(millis, TimeUnit.MILLISECONDS);
            return WitResult.err(function + " ended early: the actor is shutting down");
        } catch (TimeoutException elapsed) {
            return WitResult.ok(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WitResult.err(function + " ended early: the actor was stopped");
        } catch (ExecutionException e) {
            return WitResult.err(function + " ended early: the actor is shutting down");
        }
    }
}

package dev.theater.handler.timing;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.time.Clock;
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

    @HostCall
    long now() {
        return clock.millis();
    }

    @HostCall
    WitResult<Void, String> sleep(long duration) {
        return sleep("sleep", duration);
    }

    @HostCall
    WitResult<Void, String> deadline(long timestamp) {
        if (timestamp < 0) {
            return WitResult.err("deadline " + Long.toUnsignedString(timestamp) + " is too far in the future;"
                    + " give a time in milliseconds since the Unix epoch");
        }
        return sleep("deadline", Math.max(0, timestamp - clock.millis()));
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.shutdown = shutdown.requested().toCompletableFuture();
    }

    /** Waits {@code millis} (unsigned) unless the actor shuts down first. */
    private WitResult<Void, String> sleep(String function, long millis) {
        if (Long.compareUnsigned(millis, maxSleepMs) > 0) {
            return WitResult.err(function + " of " + Long.toUnsignedString(millis) + " ms is longer than this actor may"
                    + " wait (max_sleep_ms = " + maxSleepMs + " in its [[handler]] type = \"timing\")");
        }
        if (millis == 0) {
            return WitResult.ok();
        }
        try {
            shutdown.get(millis, TimeUnit.MILLISECONDS);
            return WitResult.err(function + " ended early: the actor is shutting down");
        } catch (TimeoutException elapsed) {
            return WitResult.ok();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WitResult.err(function + " ended early: the actor was stopped");
        } catch (ExecutionException e) {
            return WitResult.err(function + " ended early: the actor is shutting down");
        }
    }
}

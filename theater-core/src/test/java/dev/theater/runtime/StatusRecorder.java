package dev.theater.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records an actor's status changes from the moment it is created, so a test can wait for one without sleeping. */
final class StatusRecorder implements AutoCloseable {
    private final LinkedBlockingQueue<ActorStatus> changes = new LinkedBlockingQueue<>();
    private final List<ActorStatus> seen = new ArrayList<>();
    private final ActorController.Subscription subscription;

    private StatusRecorder(ActorController controller) {
        this.subscription = controller.statusChanges(changes::add);
    }

    static StatusRecorder of(ActorController controller) {
        return new StatusRecorder(controller);
    }

    /** Waits (up to 10 s) for the next change of the given kind, skipping others; returns it. */
    <T extends ActorStatus> T await(Class<T> kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ActorStatus next = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(next)
                    .as("a %s status within 10 s; saw %s", kind.getSimpleName(), seen)
                    .isNotNull();
            seen.add(next);
            if (kind.isInstance(next)) {
                return kind.cast(next);
            }
        }
    }

    /** The names of every change seen so far, including those {@link #await} skipped, and those still queued. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        seen.forEach(s -> names.add(s.name()));
        changes.forEach(s -> names.add(s.name()));
        return names;
    }

    @Override
    public void close() {
        subscription.close();
    }
}

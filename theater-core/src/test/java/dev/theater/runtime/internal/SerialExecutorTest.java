package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunInSubmissionOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            serial.execute(() -> seen.add(n));
        }
        serial.execute(() -> done.complete(null));

        done.get(10, TimeUnit.SECONDS);
        assertThat(seen).hasSize(100).isSorted();
    }

    @Test
    void aTaskThatThrowsAnErrorDoesNotStopTheTasksAfterIt() throws Exception {
        // A status listener or channel consumer that fails an assertion throws AssertionError, not a
        // RuntimeException: the tasks queued after it, and every later one, must still run.
        SerialExecutor serial = new SerialExecutor(pool);
        CompletableFuture<Void> queuedAfter = new CompletableFuture<>();
        CompletableFuture<Void> submittedLater = new CompletableFuture<>();
        serial.execute(() -> {
            throw new AssertionError("a listener's failed assertion");
        });
        serial.execute(() -> queuedAfter.complete(null));

        queuedAfter.get(10, TimeUnit.SECONDS);
        serial.execute(() -> submittedLater.complete(null));
        submittedLater.get(10, TimeUnit.SECONDS);
    }
}

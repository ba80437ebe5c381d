package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several writers on one store at once, each with its own {@link ContentStore} as each actor's handler has. */
class ConcurrencyTest {
    static final int WRITERS = 8;
    static final int WRITES = 40;

    @TempDir
    Path home;

    @Test
    void concurrentWritersLoseNoContentAndNoLabelUpdate() throws Exception {
        String id = new Stores(home).create().id();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<ContentRef>>> results = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Callable<List<ContentRef>> work = () -> {
                    ContentStore store = new Stores(home).open(id);
                    start.await();
                    List<ContentRef> mine = new ArrayList<>();
                    for (int i = 0; i < WRITES; i++) {
                        mine.add(store.putAtLabel("shared", ("writer " + writer + " write " + i).getBytes(UTF_8)));
                        store.putAtLabel("writer-" + writer, ("writer " + writer + " write " + i).getBytes(UTF_8));
                        store.put("the same for everyone".getBytes(UTF_8));
                        store.label("common", ContentRef.of("the same for everyone".getBytes(UTF_8)));
                    }
                    return mine;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            Set<ContentRef> written = new HashSet<>();
            for (Future<List<ContentRef>> result : results) {
                written.addAll(result.get(60, TimeUnit.SECONDS));
            }

            ContentStore store = new Stores(home).open(id);
            assertThat(written).hasSize(WRITERS * WRITES);
            assertThat(store.labelContents("shared")).containsExactlyInAnyOrderElementsOf(written);
            for (int w = 0; w < WRITERS; w++) {
                assertThat(store.labelContents("writer-" + w)).hasSize(WRITES);
            }
            assertThat(store.labelContents("common")).hasSize(1);
            assertThat(store.contents()).hasSize(WRITERS * WRITES + 1);
            assertThat(store.verify()).isEmpty();
            assertThat(store.tmpDirectory()).isEmptyDirectory();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersOfTheSameContentStoreItOnce() throws Exception {
        ContentStore store = new Stores(home).create();
        byte[] content = new byte[256 * 1024];
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<ContentRef>> refs = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                refs.add(pool.submit(() -> {
                    start.await();
                    return store.put(content);
                }));
            }
            start.countDown();
            for (Future<ContentRef> ref : refs) {
                assertThat(ref.get(60, TimeUnit.SECONDS)).isEqualTo(ContentRef.of(content));
            }

            assertThat(store.contents()).containsExactly(ContentRef.of(content));
            assertThat(store.totalSize()).isEqualTo(content.length);
            assertThat(store.get(ContentRef.of(content))).isEqualTo(content);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersNeverTogetherExceedMaxStoreSize() throws Exception {
        String id = new Stores(home).create().id();
        StoreLimits limits = new StoreLimits(Long.MAX_VALUE, 100);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> stored = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                stored.add(pool.submit(() -> {
                    ContentStore store = new Stores(home, limits).open(id);
                    start.await();
                    int count = 0;
                    for (int i = 0; i < 10; i++) {
                        try {
                            store.put(String.format("%d-%08d", writer, i).getBytes(UTF_8));
                            count++;
                        } catch (StoreException.LimitExceeded e) {
                            // expected once the store is full
                        }
                    }
                    return count;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : stored) {
                total += count.get(60, TimeUnit.SECONDS);
            }

            assertThat(total).isEqualTo(10);
            assertThat(new Stores(home).open(id).totalSize()).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    @TempDir
    Path home;

    @Test
    void storesLiveUnderTheRuntimeHomeInADirectoryNamedByTheirId() {
        ContentStore store = new Stores(home).create();

        assertThat(store.directory()).isEqualTo(home.resolve("store").resolve(store.id()));
        assertThat(store.directory().resolve("content")).isDirectory();
    }

    @Test
    void storeIdsAreRandomThirtyTwoHexDigits() {
        Stores stores = new Stores(home);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = stores.create().id();
            assertThat(id).matches("[0-9a-f]{32}");
            ids.add(id);
        }

        assertThat(ids).hasSize(50);
        assertThat(stores.list())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void openingAStoreThatDoesNotExistIsRefusedNamingIt() {
        String id = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> new Stores(home).open(id))
                .isInstanceOf(StoreException.NoSuchStore.class)
                .hasMessageContaining("no store " + id);
        assertThat(new Stores(home).exists(id)).isFalse();
    }

    @Test
    void somethingThatIsNotAStoreIdIsRefusedBeforeTouchingTheFileSystem() throws Exception {
        Files.createDirectories(home.resolve("elsewhere").resolve("content"));

        for (String bad : new String[] {"../elsewhere", "", "ABCDEF0123456789ABCDEF0123456789", "x".repeat(32)}) {
            assertThatThrownBy(() -> new Stores(home).open(bad))
                    .as(bad)
                    .isInstanceOf(StoreException.NoSuchStore.class)
                    .hasMessageContaining("is not a store id");
        }
    }

    @Test
    void aHalfCreatedStoreDirectoryIsNotAStore() throws Exception {
        Stores stores = new Stores(home);
        String id = "0123456789abcdef0123456789abcdef";
        Files.createDirectories(stores.root().resolve(".new-" + id).resolve("content"));

        assertThat(stores.list()).isEmpty();
        assertThat(stores.exists(id)).isFalse();
    }
}

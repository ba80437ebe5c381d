package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir
    Path home;

    Stores stores;
    ContentStore store;

    @BeforeEach
    void createStore() {
        stores = new Stores(home);
        store = stores.create();
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    // ---- content ----

    @Test
    void storedContentIsAddressedByItsSha256AndReadBack() throws Exception {
        ContentRef ref = store.put(bytes("hello"));

        assertThat(ref.hash()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(store.get(ref)).isEqualTo(bytes("hello"));
        assertThat(home.resolve("store").resolve(store.id()).resolve("content").resolve(ref.hash()))
                .hasBinaryContent(bytes("hello"));
    }

    @Test
    void equalContentIsStoredOnce() {
        ContentRef first = store.put(bytes("same"));
        ContentRef second = store.put(bytes("same"));

        assertThat(second).isEqualTo(first);
        assertThat(store.contents()).containsExactly(first);
        assertThat(store.totalSize()).isEqualTo(4);
    }

    @Test
    void emptyContentCanBeStored() {
        ContentRef ref = store.put(new byte[0]);

        assertThat(store.get(ref)).isEmpty();
        assertThat(store.exists(ref)).isTrue();
    }

    @Test
    void existsTellsWhetherContentIsStored() {
        ContentRef ref = store.put(bytes("here"));

        assertThat(store.exists(ref)).isTrue();
        assertThat(store.exists(ContentRef.of(bytes("not here")))).isFalse();
    }

    @Test
    void getOfContentNotStoredIsRefusedNamingTheReference() {
        ContentRef missing = ContentRef.of(bytes("never stored"));

        assertThatThrownBy(() -> store.get(missing))
                .isInstanceOf(StoreException.NoSuchContent.class)
                .hasMessageContaining(missing.hash())
                .hasMessageContaining(store.id());
    }

    @Test
    void listAllContentAndTotalSizeCountEachDistinctContentOnce() {
        ContentRef a = store.put(bytes("a"));
        ContentRef bb = store.put(bytes("bb"));
        store.put(bytes("a"));

        assertThat(store.contents()).containsExactlyInAnyOrder(a, bb);
        assertThat(store.contents()).isSortedAccordingTo((x, y) -> x.hash().compareTo(y.hash()));
        assertThat(store.totalSize()).isEqualTo(3);
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(store.contents()).isEmpty();
        assertThat(store.labels()).isEmpty();
        assertThat(store.totalSize()).isZero();
    }

    // ---- corruption ----

    @Test
    void contentWhoseFileNoLongerMatchesItsHashIsReportedNotReturned() throws Exception {
        ContentRef ref = store.put(bytes("precious"));
        Path file = store.contentPath(ref);
        Files.write(file, bytes("tampered"));

        assertThatThrownBy(() -> store.get(ref))
                .isInstanceOfSatisfying(
                        StoreException.Corrupt.class, e -> assertThat(e.ref()).contains(ref))
                .hasMessageContaining(ref.hash())
                .hasMessageContaining("corrupt")
                .hasMessageNotContaining("tampered");
        assertThat(store.verify()).containsExactly(ref);
    }

    @Test
    void aFlippedBitInContentIsDetected() throws Exception {
        ContentRef ref = store.put(new byte[4096]);
        byte[] damaged = new byte[4096];
        damaged[2048] = 1;
        Files.write(store.contentPath(ref), damaged);

        assertThatThrownBy(() -> store.get(ref)).isInstanceOf(StoreException.Corrupt.class);
    }

    @Test
    void storingTheOriginalBytesAgainRepairsCorruptContent() throws Exception {
        ContentRef ref = store.put(bytes("precious"));
        Files.write(store.contentPath(ref), bytes("tampered"));

        assertThat(store.put(bytes("precious"))).isEqualTo(ref);

        assertThat(store.get(ref)).isEqualTo(bytes("precious"));
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aCorruptLabelIndexIsReportedNotUsed() throws Exception {
        ContentRef ref = store.put(bytes("x"));
        store.label("name", ref);
        Path index = store.labelsPath();
        String text = Files.readString(index);
        Files.writeString(
                index, text.replace(ref.hash(), ContentRef.of(bytes("y")).hash()));

        assertThatThrownBy(() -> store.getByLabel("name"))
                .isInstanceOfSatisfying(
                        StoreException.Corrupt.class, e -> assertThat(e.ref()).isEmpty())
                .hasMessageContaining("label index")
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> store.label("other", ref)).isInstanceOf(StoreException.Corrupt.class);
    }

    @Test
    void aTruncatedLabelIndexIsReported() throws Exception {
        store.label("name", store.put(bytes("x")));
        byte[] index = Files.readAllBytes(store.labelsPath());
        Files.write(store.labelsPath(), Arrays.copyOf(index, index.length - 10));

        assertThatThrownBy(() -> store.labels()).isInstanceOf(StoreException.Corrupt.class);
    }

    // ---- labels ----

    @Test
    void labelAddsContentAndGetByLabelReturnsTheNewest() {
        ContentRef one = store.put(bytes("one"));
        ContentRef two = store.put(bytes("two"));

        store.label("versions", one);
        store.label("versions", two);

        assertThat(store.getByLabel("versions")).contains(two);
        assertThat(store.labelContents("versions")).containsExactly(one, two);
        assertThat(store.labels()).containsExactly("versions");
    }

    @Test
    void labellingContentAgainMakesItTheNewestWithoutDuplicating() {
        ContentRef one = store.put(bytes("one"));
        ContentRef two = store.put(bytes("two"));
        store.label("l", one);
        store.label("l", two);

        store.label("l", one);

        assertThat(store.labelContents("l")).containsExactly(two, one);
        assertThat(store.getByLabel("l")).contains(one);
    }

    @Test
    void labelOfContentNotStoredIsRefused() {
        ContentRef missing = ContentRef.of(bytes("missing"));

        assertThatThrownBy(() -> store.label("l", missing))
                .isInstanceOf(StoreException.NoSuchContent.class)
                .hasMessageContaining(missing.hash());
        assertThat(store.labels()).isEmpty();
    }

    @Test
    void getByLabelOfAnUnknownLabelIsEmpty() {
        assertThat(store.getByLabel("nothing")).isEmpty();
        assertThat(store.labelContents("nothing")).isEmpty();
    }

    @Test
    void removeLabelDeletesTheLabelButKeepsItsContent() {
        ContentRef ref = store.putAtLabel("l", bytes("kept"));

        store.removeLabel("l");

        assertThat(store.labels()).isEmpty();
        assertThat(store.getByLabel("l")).isEmpty();
        assertThat(store.get(ref)).isEqualTo(bytes("kept"));
    }

    @Test
    void removeLabelOfAnUnknownLabelDoesNothing() {
        store.removeLabel("never");

        assertThat(store.labels()).isEmpty();
    }

    @Test
    void removeFromLabelRemovesOneReferenceAndDropsTheLabelWhenEmpty() {
        ContentRef one = store.putAtLabel("l", bytes("one"));
        ContentRef two = store.putAtLabel("l", bytes("two"));

        store.removeFromLabel("l", two);
        assertThat(store.labelContents("l")).containsExactly(one);
        assertThat(store.getByLabel("l")).contains(one);

        store.removeFromLabel("l", one);
        assertThat(store.labels()).isEmpty();
        assertThat(store.getByLabel("l")).isEmpty();
        assertThat(store.contents()).containsExactlyInAnyOrder(one, two);
    }

    @Test
    void removeFromLabelOfContentTheLabelDoesNotHoldDoesNothing() {
        ContentRef one = store.putAtLabel("l", bytes("one"));

        store.removeFromLabel("l", ContentRef.of(bytes("other")));
        store.removeFromLabel("unknown", one);

        assertThat(store.labelContents("l")).containsExactly(one);
    }

    @Test
    void storeAtLabelStoresAndAddsToTheLabel() {
        ContentRef one = store.putAtLabel("l", bytes("one"));
        ContentRef two = store.putAtLabel("l", bytes("two"));

        assertThat(store.get(two)).isEqualTo(bytes("two"));
        assertThat(store.labelContents("l")).containsExactly(one, two);
    }

    @Test
    void replaceContentAtLabelStoresAndMakesItTheOnlyContent() {
        store.putAtLabel("l", bytes("one"));
        store.putAtLabel("l", bytes("two"));

        ContentRef three = store.replaceContentAtLabel("l", bytes("three"));

        assertThat(store.labelContents("l")).containsExactly(three);
        assertThat(store.get(three)).isEqualTo(bytes("three"));
        assertThat(store.contents()).hasSize(3);
    }

    @Test
    void replaceAtLabelMakesStoredContentTheOnlyContent() {
        ContentRef one = store.putAtLabel("l", bytes("one"));
        ContentRef other = store.put(bytes("other"));

        store.replaceAtLabel("l", other);
        assertThat(store.labelContents("l")).containsExactly(other);

        store.replaceAtLabel("new-label", one);
        assertThat(store.labelContents("new-label")).containsExactly(one);
    }

    @Test
    void replaceAtLabelOfContentNotStoredIsRefusedAndKeepsTheLabel() {
        ContentRef one = store.putAtLabel("l", bytes("one"));

        assertThatThrownBy(() -> store.replaceAtLabel("l", ContentRef.of(bytes("missing"))))
                .isInstanceOf(StoreException.NoSuchContent.class);
        assertThat(store.labelContents("l")).containsExactly(one);
    }

    @Test
    void listLabelsIsSorted() {
        ContentRef ref = store.put(bytes("x"));
        for (String label : List.of("b", "a", "c")) {
            store.label(label, ref);
        }

        assertThat(store.labels()).containsExactly("a", "b", "c");
    }

    @Test
    void labelsMayHoldAnyTextIncludingSeparatorsAndPathCharacters() {
        ContentRef ref = store.put(bytes("x"));
        List<String> odd = List.of("with space", "line\nbreak", "../../etc/passwd", "ünïcødé ✓", "a/b\\c", " ");
        for (String label : odd) {
            store.label(label, ref);
        }

        assertThat(store.labels()).containsExactlyInAnyOrderElementsOf(odd);
        for (String label : odd) {
            assertThat(store.getByLabel(label)).as(label).contains(ref);
        }
    }

    @Test
    void anEmptyLabelIsRefused() {
        ContentRef ref = store.put(bytes("x"));

        assertThatThrownBy(() -> store.label("", ref))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label must not be empty");
    }

    @Test
    void labelsAndContentSurviveReopening() {
        ContentRef ref = store.putAtLabel("l", bytes("durable"));

        ContentStore reopened = new Stores(home).open(store.id());

        assertThat(reopened.getByLabel("l")).contains(ref);
        assertThat(reopened.get(ref)).isEqualTo(bytes("durable"));
    }

    // ---- limits ----

    @Test
    void contentLargerThanMaxContentSizeIsRefusedNamingTheLimit() {
        ContentStore limited = store.withLimits(new StoreLimits(1024, Long.MAX_VALUE));

        assertThat(limited.put(new byte[1024])).isNotNull();
        assertThatThrownBy(() -> limited.put(new byte[1025]))
                .isInstanceOfSatisfying(StoreException.LimitExceeded.class, e -> assertThat(e.limit())
                        .isEqualTo("max_content_size"))
                .hasMessageContaining("1025 bytes")
                .hasMessageContaining("max_content_size = 1KiB");
        assertThatThrownBy(() -> limited.putAtLabel("l", new byte[2048]))
                .isInstanceOf(StoreException.LimitExceeded.class);
        assertThat(limited.labels()).isEmpty();
    }

    @Test
    void aWriteThatWouldMakeTheStoreLargerThanMaxStoreSizeIsRefusedNamingTheLimit() {
        ContentStore limited = store.withLimits(new StoreLimits(Long.MAX_VALUE, 10));
        limited.put(bytes("12345678"));

        assertThatThrownBy(() -> limited.put(bytes("abc")))
                .isInstanceOfSatisfying(StoreException.LimitExceeded.class, e -> assertThat(e.limit())
                        .isEqualTo("max_store_size"))
                .hasMessageContaining("max_store_size = 10")
                .hasMessageContaining("11 bytes");
        assertThat(limited.put(bytes("ab"))).isNotNull();
        assertThat(limited.totalSize()).isEqualTo(10);
    }

    @Test
    void contentAlreadyStoredDoesNotCountAgainstMaxStoreSize() {
        store.put(bytes("12345678"));
        ContentStore full = store.withLimits(new StoreLimits(Long.MAX_VALUE, 8));

        assertThat(full.put(bytes("12345678"))).isEqualTo(ContentRef.of(bytes("12345678")));
        full.putAtLabel("l", bytes("12345678"));
        assertThat(full.labels()).containsExactly("l");
    }

    // ---- references ----

    @Test
    void aContentReferenceIsSixtyFourLowercaseHexDigits() {
        assertThatThrownBy(() -> new ContentRef("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc' is not a content reference")
                .hasMessageContaining("64 lowercase hex digits");
        assertThatThrownBy(() -> new ContentRef("../" + "0".repeat(61))).isInstanceOf(IllegalArgumentException.class);
        String upper = HexFormat.of().withUpperCase().formatHex(new byte[32]).replace('0', 'A');
        assertThat(ContentRef.parse(upper).hash()).isEqualTo(upper.toLowerCase(Locale.ROOT));
    }
}

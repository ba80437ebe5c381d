package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store's labels: label name to the content references it holds, oldest first, without duplicates. Labels are
 * kept sorted; a label with no content does not exist. Serialised as UTF-8 text, one line per label, ending with a
 * SHA-256 over the lines before it:
 *
 * <pre>
 * theater-store-labels 1
 * &lt;label as unpadded base64url of its UTF-8&gt; &lt;sha256-hex&gt; [&lt;sha256-hex&gt; ...]
 * sha256 &lt;hex of every byte above&gt;
 * </pre>
 *
 * Not thread-safe: a {@link ContentStore} reads a fresh copy for each operation and changes it under its lock.
 */
final class LabelIndex {
    static final String HEADER = "theater-store-labels 1";
    private static final String CHECKSUM = "sha256 ";

    private final TreeMap<String, List<ContentRef>> labels;

    private LabelIndex(TreeMap<String, List<ContentRef>> labels) {
        this.labels = labels;
    }

    static LabelIndex empty() {
        return new LabelIndex(new TreeMap<>());
    }

    /**
     * Reads an index written by {@link #encode()}.
     *
     * @throws IllegalArgumentException when the bytes are not such an index or the checksum does not match; the
     *     message says what is wrong
     */
    static LabelIndex decode(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        String text = new String(bytes, UTF_8);
        int checksumAt = text.lastIndexOf("\n" + CHECKSUM);
        if (checksumAt < 0 || !text.endsWith("\n")) {
            throw new IllegalArgumentException("it has no closing '" + CHECKSUM + "<hex>' line (truncated?)");
        }
        String body = text.substring(0, checksumAt + 1);
        String expected = text.substring(checksumAt + 1 + CHECKSUM.length(), text.length() - 1);
        String actual = checksum(body);
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("its checksum is " + expected + " but its lines hash to " + actual);
        }
        String[] lines = body.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("it does not start with '" + HEADER + "'");
        }
        TreeMap<String, List<ContentRef>> labels = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ");
            if (parts.length < 2) {
                throw new IllegalArgumentException("line " + (i + 1) + " has a label without content");
            }
            String label;
            List<ContentRef> refs = new ArrayList<>(parts.length - 1);
            try {
                label = new String(Base64.getUrlDecoder().decode(parts[0]), UTF_8);
                for (int j = 1; j < parts.length; j++) {
                    refs.add(new ContentRef(parts[j]));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
            labels.put(label, refs);
        }
        return new LabelIndex(labels);
    }

    byte[] encode() {
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, List<ContentRef>> entry : labels.entrySet()) {
            body.append(Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(entry.getKey().getBytes(UTF_8)));
            for (ContentRef ref : entry.getValue()) {
                body.append(' ').append(ref.hash());
            }
            body.append('\n');
        }
        String text = body.toString();
        return (text + CHECKSUM + checksum(text) + "\n").getBytes(UTF_8);
    }

    List<String> labels() {
        return List.copyOf(labels.keySet());
    }

    List<ContentRef> contents(String label) {
        return List.copyOf(labels.getOrDefault(label, List.of()));
    }

    /** The content added last to {@code label}. */
    Optional<ContentRef> latest(String label) {
        List<ContentRef> refs = labels.get(label);
        return refs == null ? Optional.empty() : Optional.of(refs.get(refs.size() - 1));
    }

    /** Adds {@code ref} as the newest content of {@code label} (moving it there if the label already holds it). */
    void add(String label, ContentRef ref) {
        List<ContentRef> refs = labels.computeIfAbsent(label, l -> new ArrayList<>());
        refs.remove(ref);
        refs.add(ref);
    }

    /** Makes {@code ref} the only content of {@code label}. */
    void replace(String label, ContentRef ref) {
        labels.put(label, new ArrayList<>(List.of(ref)));
    }

    /** Removes {@code ref} from {@code label}; the label goes when it holds nothing. Returns whether it changed. */
    boolean remove(String label, ContentRef ref) {
        List<ContentRef> refs = labels.get(label);
        if (refs == null || !refs.remove(ref)) {
            return false;
        }
        if (refs.isEmpty()) {
            labels.remove(label);
        }
        return true;
    }

    /** Removes {@code label}; returns whether it existed. */
    boolean remove(String label) {
        return labels.remove(label) != null;
    }

    private static String checksum(String text) {
        return HexFormat.of().formatHex(ContentRef.sha256().digest(text.getBytes(UTF_8)));
    }
}

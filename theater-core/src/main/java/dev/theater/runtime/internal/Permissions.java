package dev.theater.runtime.internal;

import dev.theater.manifest.HandlerEntry;
import dev.theater.manifest.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule that a child's permissions are never wider than its parent's, checked when a parent spawns a child
 * (documented in {@code docs/supervision.md}):
 *
 * <ol>
 *   <li>every handler type the child's manifest grants ({@code [[handler]] type}), the parent's grants too;
 *   <li>in each of those handler tables, every key whose value is an array in the parent's table or in the child's is
 *       an allow-list: the child must set it too, to an array whose elements all appear in the parent's array. A
 *       key the parent sets to an array and the child leaves out is refused (the handler's default may allow more),
 *       and so is an array the child sets where the parent sets none (the parent's default may allow less).
 * </ol>
 *
 * <p>Other keys (strings, numbers, booleans, tables) are not compared. Elements are compared as the TOML values they
 * are ({@code "curl"} equals {@code "curl"}, {@code 1} does not equal {@code "1"}).
 */
public final class Permissions {
    private Permissions() {}

    /** What {@code child} asks for beyond {@code parent}, one entry per handler or key; empty when it is allowed. */
    public static List<String> refusals(Manifest parent, Manifest child) {
        List<String> refused = new ArrayList<>();
        for (HandlerEntry entry : child.handlers()) {
            Optional<HandlerEntry> granted = parent.handler(entry.type());
            if (granted.isEmpty()) {
                refused.add("handler '" + entry.type() + "'");
                continue;
            }
            Map<String, Object> mine = granted.get().config();
            Map<String, Object> theirs = entry.config();
            Set<String> keys = new LinkedHashSet<>();
            mine.forEach((k, v) -> addIfList(keys, k, v));
            theirs.forEach((k, v) -> addIfList(keys, k, v));
            for (String key : keys) {
                Object allowed = mine.get(key);
                Object asked = theirs.get(key);
                String where = "handler '" + entry.type() + "' key '" + key + "'";
                if (!(allowed instanceof List<?> allowedList)) {
                    refused.add(where + " = " + render(asked) + " (the parent does not set " + key
                            + " to an array, so the child may not either)");
                } else if (!(asked instanceof List<?> askedList)) {
                    refused.add(where + " left unset (the parent limits it to " + render(allowed)
                            + "; set it to a subset of that)");
                } else {
                    List<Object> extra = askedList.stream()
                            .filter(e -> !allowedList.contains(e))
                            .map(e -> (Object) e)
                            .toList();
                    if (!extra.isEmpty()) {
                        refused.add(where + " elements " + render(extra) + " (the parent allows only " + render(allowed)
                                + ")");
                    }
                }
            }
        }
        return refused;
    }

    /** The message of a refused spawn, naming both manifests and every refusal. */
    public static String message(Manifest parent, Manifest child, List<String> refused) {
        return "actor '" + parent.name() + "' may not spawn '" + child.name() + "' (" + file(child) + "): a child's"
                + " permissions are never wider than its parent's, and " + file(child) + " asks for "
                + String.join("; ", refused) + ", which " + file(parent) + " does not grant. Remove "
                + (refused.size() == 1 ? "it" : "them") + " from " + file(child) + ", or grant "
                + (refused.size() == 1 ? "it" : "them") + " to '" + parent.name() + "' in " + file(parent);
    }

    private static void addIfList(Set<String> keys, String key, Object value) {
        if (value instanceof List<?>) {
            keys.add(key);
        }
    }

    private static String file(Manifest manifest) {
        if (manifest.origin().equals(Manifest.BUILDER_ORIGIN)) {
            return "the manifest of '" + manifest.name() + "'";
        }
        Path name = Path.of(manifest.origin()).getFileName();
        return name == null ? manifest.origin() : name.toString();
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Permissions::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}

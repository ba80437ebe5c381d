package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.manifest.Durations;
import dev.theater.manifest.Sizes;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/** A handler's {@code [[handler]]} table from an actor's manifest, with typed getters whose errors name the key. */
public final class ManifestHandlerConfig implements HandlerConfig {
    private final String actorName;
    private final String handlerType;
    private final Path manifest;
    private final Map<String, Object> values;

    public ManifestHandlerConfig(String actorName, String handlerType, Path manifest, Map<String, Object> values) {
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.handlerType = requireNonNull(handlerType, "handlerType is null");
        this.manifest = requireNonNull(manifest, "manifest is null");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    @Override
    public String actorName() {
        return actorName;
    }

    @Override
    public String handlerType() {
        return handlerType;
    }

    @Override
    public Path manifest() {
        return manifest;
    }

    @Override
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public Optional<String> string(String key) {
        return typed(key, String.class, "a string, e.g. " + key + " = \"text\"");
    }

    @Override
    public Optional<Long> integer(String key) {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value instanceof Integer i) {
            return Optional.of(i.longValue());
        }
        return typed(key, Long.class, "an integer, e.g. " + key + " = 42");
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class, "true or false, e.g. " + key + " = true");
    }

    @Override
    public Optional<List<String>> strings(String key) {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        String expected = "an array of strings, e.g. " + key + " = [\"a\", \"b\"]";
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, expected, value);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw wrongType(key, expected, value);
            }
            strings.add(s);
        }
        return Optional.of(List.copyOf(strings));
    }

    @Override
    public Optional<Long> size(String key) {
        return parsed(key, Sizes::parse, bytes -> {
            if (bytes < 0) {
                throw new IllegalArgumentException(
                        "expected a size in bytes, found integer " + bytes + ", which must not be negative");
            }
            return bytes;
        });
    }

    @Override
    public Optional<Duration> duration(String key) {
        return parsed(key, Durations::parse, Durations::ofMillis);
    }

    /** A value written as a string with a unit or as a bare integer, parsed by the manifest's own parsers. */
    private <T> Optional<T> parsed(String key, Function<String, T> text, LongFunction<T> integer) {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return switch (value) {
                case String s -> Optional.of(text.apply(s));
                case Long l -> Optional.of(integer.apply(l));
                case Integer i -> Optional.of(integer.apply(i));
                default ->
                    throw new IllegalArgumentException(
                            "expected a string with a unit or an integer, found " + describe(value));
            };
        } catch (IllegalArgumentException e) {
            throw new HandlerConfigException(key, location() + ": key '" + key + "': " + e.getMessage());
        }
    }

    @Override
    public void requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        List<String> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                String hint = closest(key, known)
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                problems.add("'" + key + "'" + hint);
            }
        }
        if (!problems.isEmpty()) {
            String firstKey = values.keySet().stream()
                    .filter(k -> !allowed.contains(k))
                    .findFirst()
                    .orElseThrow();
            throw new HandlerConfigException(
                    firstKey,
                    location() + ": unknown key" + (problems.size() == 1 ? " " : "s ") + String.join(", ", problems)
                            + "; handler '" + handlerType + "' knows: "
                            + (known.length == 0 ? "(no keys)" : String.join(", ", known)));
        }
    }

    private <T> Optional<T> typed(String key, Class<T> type, String expected) {
        Object value = values.get(requireNonNull(key, "key is null"));
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw wrongType(key, expected, value);
        }
        return Optional.of(type.cast(value));
    }

    private HandlerConfigException wrongType(String key, String expected, Object found) {
        return new HandlerConfigException(
                key, location() + ": key '" + key + "' must be " + expected + ", found " + describe(found));
    }

    /** Where the table is, as every message of a handler's configuration starts. */
    public String location() {
        return manifest.getFileName() + ": [[handler]] type = \"" + handlerType + "\" of actor '" + actorName + "'";
    }

    private static String describe(Object value) {
        String kind =
                switch (value) {
                    case String s -> "a string";
                    case Long l -> "an integer";
                    case Integer i -> "an integer";
                    case Double d -> "a float";
                    case Boolean b -> "a boolean";
                    case List<?> l -> "an array";
                    case Map<?, ?> m -> "a table";
                    default -> "a " + value.getClass().getSimpleName();
                };
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return kind + " (" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + ")";
    }

    private static Optional<String> closest(String key, String[] known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitution, Math.min(previous[j] + 1, row[j - 1] + 1));
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return "HandlerConfig[" + handlerType + " for " + actorName + ": " + values + "]";
    }
}

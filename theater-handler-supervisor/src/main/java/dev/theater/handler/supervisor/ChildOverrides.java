package dev.theater.handler.supervisor;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.supervision.SupervisionPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Per-child overrides of the parent's {@code [supervision]} policy, from the supervisor handler's table, by the child's
 * manifest name; applied when the child is spawned:
 *
 * <pre>{@code
 * [[handler]]
 * type = "supervisor"
 *
 * [handler.children.worker]     # the child whose manifest says name = "worker"
 * restart = "temporary"
 * restart_state = "last"
 * backoff_min = "100ms"
 * backoff_max = "2s"
 * }</pre>
 *
 * <p>Strategy and intensity ({@code max_restarts}, {@code period}) belong to the supervisor and cannot be overridden
 * per child.
 */
final class ChildOverrides {
    static final String KEY = "children";
    private static final List<String> KNOWN = List.of("restart", "restart_state", "backoff_min", "backoff_max");
    private static final Pattern DURATION = Pattern.compile("(\\d+) ?(ms|s|m|h)");

    private final Map<String, Override> byName;

    private ChildOverrides(Map<String, Override> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** One child's overrides; empty fields keep the parent's value. */
    record Override(
            Optional<SupervisionPolicy.Restart> restart,
            Optional<SupervisionPolicy.RestartState> restartState,
            Optional<Duration> backoffMin,
            Optional<Duration> backoffMax) {}

    /**
     * Reads the {@code children} table and checks each child's overrides against the parent's {@code policy}; every
     * problem names the key, the expected form and the fix.
     */
    static ChildOverrides parse(HandlerConfig config, SupervisionPolicy policy) {
        config.requireOnly(KEY);
        Object table = config.values().get(KEY);
        if (table == null) {
            return new ChildOverrides(Map.of());
        }
        if (!(table instanceof Map<?, ?> children)) {
            throw problem(config, KEY, "must be a table of child names, e.g. [handler.children.worker]", table);
        }
        Map<String, Override> byName = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : children.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String prefix = KEY + "." + name;
            if (!(entry.getValue() instanceof Map<?, ?> keys)) {
                throw problem(
                        config, prefix, "must be a table with keys " + String.join(", ", KNOWN), entry.getValue());
            }
            for (Object key : keys.keySet()) {
                if (!KNOWN.contains(String.valueOf(key))) {
                    throw new HandlerConfigException(
                            prefix + "." + key,
                            location(config) + ": unknown key '" + prefix + "." + key + "'; a child's overrides may"
                                    + " set " + String.join(", ", KNOWN)
                                    + " (strategy and intensity belong to [supervision])");
                }
            }
            byName.put(
                    name,
                    new Override(
                            enumValue(
                                    config,
                                    prefix + ".restart",
                                    keys.get("restart"),
                                    SupervisionPolicy.Restart.values()),
                            enumValue(
                                    config,
                                    prefix + ".restart_state",
                                    keys.get("restart_state"),
                                    SupervisionPolicy.RestartState.values()),
                            duration(config, prefix + ".backoff_min", keys.get("backoff_min")),
                            duration(config, prefix + ".backoff_max", keys.get("backoff_max"))));
        }
        ChildOverrides overrides = new ChildOverrides(byName);
        byName.forEach((name, o) -> {
            try {
                overrides.apply(policy, name);
            } catch (IllegalArgumentException e) {
                throw new HandlerConfigException(
                        KEY + "." + name, location(config) + ": " + KEY + "." + name + ": " + e.getMessage());
            }
        });
        return overrides;
    }

    /** {@code policy} with the overrides for the child named {@code name}. */
    SupervisionPolicy apply(SupervisionPolicy policy, String name) {
        requireNonNull(policy, "policy is null");
        Override o = byName.get(name);
        if (o == null) {
            return policy;
        }
        SupervisionPolicy result = policy;
        if (o.restart().isPresent()) {
            result = result.withRestart(o.restart().get());
        }
        if (o.restartState().isPresent()) {
            result = result.withRestartState(o.restartState().get());
        }
        if (o.backoffMin().isPresent() || o.backoffMax().isPresent()) {
            Duration min = o.backoffMin().orElse(result.backoffMin());
            Duration max = o.backoffMax().orElse(result.backoffMax());
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException(
                        "backoff_max (" + max.toMillis() + "ms) must be >= backoff_min (" + min.toMillis() + "ms)");
            }
            result = result.withBackoff(min, max);
        }
        return result;
    }

    private static <E extends Enum<E>> Optional<E> enumValue(
            HandlerConfig config, String key, Object value, E[] values) {
        if (value == null) {
            return Optional.empty();
        }
        for (E e : values) {
            if (tomlName(e).equals(value)) {
                return Optional.of(e);
            }
        }
        String expected =
                Arrays.stream(values).map(e -> "\"" + tomlName(e) + "\"").collect(Collectors.joining(", "));
        throw problem(config, key, "must be one of " + expected, value);
    }

    private static String tomlName(Enum<?> e) {
        return switch (e) {
            case SupervisionPolicy.Restart r -> r.tomlName();
            case SupervisionPolicy.RestartState s -> s.tomlName();
            default -> e.name();
        };
    }

    /** A duration as in a manifest: an integer of milliseconds, or a whole number and a unit (ms, s, m, h). */
    private static Optional<Duration> duration(HandlerConfig config, String key, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Long ms && ms >= 0) {
            return Optional.of(Duration.ofMillis(ms));
        }
        if (value instanceof String text) {
            Matcher m = DURATION.matcher(text);
            if (m.matches()) {
                try {
                    long n = Long.parseLong(m.group(1));
                    return Optional.of(
                            switch (m.group(2)) {
                                case "ms" -> Duration.ofMillis(n);
                                case "s" -> Duration.ofSeconds(n);
                                case "m" -> Duration.ofMinutes(n);
                                default -> Duration.ofHours(n);
                            });
                } catch (NumberFormatException | ArithmeticException e) {
                    // too large: reported below
                }
            }
        }
        throw problem(
                config,
                key,
                "must be a duration such as 250 (milliseconds), \"250ms\", \"2s\", \"1m\" or \"1h\"",
                value);
    }

    private static HandlerConfigException problem(HandlerConfig config, String key, String expected, Object found) {
        String shown = found instanceof String s ? "\"" + s + "\"" : String.valueOf(found);
        return new HandlerConfigException(
                key, location(config) + ": key '" + key + "' " + expected + ", found " + shown);
    }

    private static String location(HandlerConfig config) {
        return config.manifest().getFileName() + ": [[handler]] type = \"" + config.handlerType() + "\" of actor '"
                + config.actorName() + "'";
    }
}

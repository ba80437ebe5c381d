package dev.theater.runtime.internal;

import dev.theater.runtime.SpawnException;
import dev.theater.spi.Handler;
import java.util.List;
import java.util.Map;

/**
 * Writes what an actor's handlers report about themselves ({@link Handler#chainFacts()}) as the JSON object of the
 * {@code handler_facts} field of the {@code starting} chain event: {@code {"random":{"seed":42}}}.
 */
public final class HandlerFacts {
    private HandlerFacts() {}

    /**
     * The facts of every handler that reports some, by handler type; {@code null} when none does.
     *
     * @throws SpawnException naming the handler when it reports a value that is not plain data
     */
    public static String json(String actorName, Map<String, Handler> handlers) {
        StringBuilder out = new StringBuilder("{");
        boolean any = false;
        for (Map.Entry<String, Handler> entry : handlers.entrySet()) {
            Map<String, Object> facts;
            try {
                facts = entry.getValue().chainFacts();
            } catch (RuntimeException e) {
                throw new SpawnException(
                        actorName,
                        "handler '" + entry.getKey() + "' of actor '" + actorName + "' failed in chainFacts(): "
                                + e.getMessage(),
                        e);
            }
            if (facts == null || facts.isEmpty()) {
                continue;
            }
            if (any) {
                out.append(',');
            }
            any = true;
            WitJson.string(out, entry.getKey());
            out.append(':');
            value(out, facts, actorName, entry.getKey());
        }
        return any ? out.append('}').toString() : null;
    }

    private static void value(StringBuilder out, Object value, String actorName, String handler) {
        switch (value) {
            case null -> out.append("null");
            case String s -> WitJson.string(out, s);
            case Boolean b -> out.append(b);
            case Long n -> out.append(n);
            case Integer n -> out.append(n);
            case Double d when Double.isFinite(d) -> out.append(d);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, list.get(i), actorName, handler);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw notPlain(actorName, handler, e.getKey());
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    WitJson.string(out, key);
                    out.append(':');
                    value(out, e.getValue(), actorName, handler);
                }
                out.append('}');
            }
            default -> throw notPlain(actorName, handler, value);
        }
    }

    private static SpawnException notPlain(String actorName, String handler, Object value) {
        return new SpawnException(
                actorName,
                "handler '" + handler + "' of actor '" + actorName + "' reports the chain fact " + value + " ("
                        + value.getClass().getName() + "), which is not plain data; use String, Long, Integer,"
                        + " finite Double, Boolean, List or Map with String keys");
    }
}

package dev.theater.runtime.internal;

import dev.theater.runtime.SpawnException;
import dev.theater.spi.Handler;
import java.util.LinkedHashMap;
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
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
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
            if (facts != null && !facts.isEmpty()) {
                all.put(entry.getKey(), facts);
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        return WitJson.json(json -> {
            json.writeStartObject();
            for (Map.Entry<String, Map<String, Object>> entry : all.entrySet()) {
                json.writeFieldName(entry.getKey());
                WitJson.plain(json, entry.getValue(), (value, mapKey) -> notPlain(actorName, entry.getKey(), value));
            }
            json.writeEndObject();
        });
    }

    /** Only what a handler may report: the plain writer also takes actor ids, byte arrays and durations. */
    private static SpawnException notPlain(String actorName, String handler, Object value) {
        return new SpawnException(
                actorName,
                "handler '" + handler + "' of actor '" + actorName + "' reports the chain fact " + value + " ("
                        + value.getClass().getName() + "), which is not plain data; use String, Long, Integer,"
                        + " finite Double, Boolean, List or Map with String keys");
    }
}

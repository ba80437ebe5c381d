package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A WIT {@code record} value: field name to value, in declaration order. */
public record WitRecord(Map<String, Object> fields) {
    public WitRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    public Object get(String field) {
        return fields.get(field);
    }
}

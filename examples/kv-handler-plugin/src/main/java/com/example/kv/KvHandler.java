package com.example.kv;

import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.WitResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One actor's store. Each {@link HostCall} method is the function of kv.wit with its name, checked when linked. */
record KvHandler(long maxEntries, long maxValueSize, Map<String, byte[]> entries) implements Handler {

    @HostCall
    Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @HostCall
    WitResult<Void, String> put(String key, byte[] value) {
        if (value.length > maxValueSize) {
            return WitResult.err("put: " + value.length + " bytes is more than max_value_size (" + maxValueSize + ")");
        }
        if (!entries.containsKey(key) && entries.size() >= maxEntries) {
            return WitResult.err("put: the store is full (max_entries = " + maxEntries + "); delete a key first");
        }
        entries.put(key, value);
        return WitResult.ok();
    }

    @HostCall
    boolean delete(String key) {
        return entries.remove(key) != null;
    }

    @HostCall
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }
}

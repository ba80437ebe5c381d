package com.example.kv;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Handler {@code kv}: {@code example:kv/kv}, whose WIT ships in this JAR. Config: max_entries, max_value_size. */
public final class KvHandlerFactory implements HandlerFactory {
    @Override
    public String id() {
        return "kv";
    }

    @Override
    public List<String> witDirectories() {
        return List.of("wit/example-kv");
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("max_entries", "max_value_size");
        long maxEntries = config.integer("max_entries").orElse(1000L);
        return new KvHandler(maxEntries, config.size("max_value_size").orElse(65536L), new ConcurrentSkipListMap<>());
    }
}

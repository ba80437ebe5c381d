package dev.theater.handler.process;

import dev.theater.runtime.internal.ManifestHandlerConfig;
import dev.theater.spi.ActorId;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.supervision.ActorTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A handler table without a runtime, for tests of the handler on its own. */
record TestConfig(Map<String, Object> values) implements HandlerConfig {
    /** The runtime services of a handler outside a runtime: the process handler needs none. */
    static final HandlerContext CONTEXT = new HandlerContext() {
        @Override
        public ActorId actorId() {
            return ActorId.random();
        }

        @Override
        public Path runtimeHome() {
            throw new UnsupportedOperationException("no runtime home outside a runtime");
        }

        @Override
        public ActorTree actorTree() {
            throw new UnsupportedOperationException("no actor tree outside a runtime");
        }
    };

    @Override
    public String actorName() {
        return "probe";
    }

    @Override
    public String handlerType() {
        return ProcessHandlerFactory.ID;
    }

    @Override
    public Path manifest() {
        return Path.of("probe.toml").toAbsolutePath();
    }

    @Override
    public Optional<String> string(String key) {
        return typed(key, String.class);
    }

    @Override
    public Optional<Long> integer(String key) {
        return typed(key, Long.class);
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class);
    }

    @Override
    public Optional<List<String>> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(list.stream().map(String.class::cast).toList());
        }
        throw new HandlerConfigException(key, "key '" + key + "' must be an array of strings");
    }

    @Override
    public void requireOnly(String... known) {
        for (String key : values.keySet()) {
            if (!Set.of(known).contains(key)) {
                throw new HandlerConfigException(key, "unknown key '" + key + "'");
            }
        }
    }

    /** Sizes and durations as the runtime parses them. */
    @Override
    public Optional<Long> size(String key) {
        return runtimeConfig().size(key);
    }

    @Override
    public Optional<Duration> duration(String key) {
        return runtimeConfig().duration(key);
    }

    private ManifestHandlerConfig runtimeConfig() {
        return new ManifestHandlerConfig(actorName(), handlerType(), manifest(), values);
    }

    private <T> Optional<T> typed(String key, Class<T> type) {
        Object value = values.get(key);
        if (value != null && !type.isInstance(value)) {
            throw new HandlerConfigException(key, "key '" + key + "' must be a " + type.getSimpleName());
        }
        return Optional.ofNullable(value).map(type::cast);
    }
}

package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HandlerConfig;

/** Where a handler table is, for messages of the process handler. */
final class ConfigValues {
    private ConfigValues() {}

    /** Where a key lives, for messages: {@code fetcher.toml: [[handler]] type = "process" of actor 'fetcher'}. */
    static String location(HandlerConfig config) {
        requireNonNull(config, "config is null");
        return config.manifest().getFileName() + ": [[handler]] type = \"" + config.handlerType() + "\" of actor '"
                + config.actorName() + "'";
    }
}

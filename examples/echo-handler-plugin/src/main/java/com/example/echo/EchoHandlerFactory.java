package com.example.echo;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.util.List;

/**
 * The entry point Theater finds with ServiceLoader (see META-INF/services/dev.theater.spi.HandlerFactory). Stateless:
 * one {@link EchoHandler} per actor. Configuration: {@code prefix} (a string, default empty). The interface it
 * provides, example:echo/echo, is named once: in the WIT this JAR ships.
 */
public final class EchoHandlerFactory implements HandlerFactory {
    @Override
    public String id() {
        return "echo";
    }

    /** The WIT of example:echo ships in this JAR; Theater reads it through this plugin's class loader. */
    @Override
    public List<String> witDirectories() {
        return List.of("wit/example-echo");
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("prefix");
        return new EchoHandler(config.string("prefix").orElse(""));
    }
}

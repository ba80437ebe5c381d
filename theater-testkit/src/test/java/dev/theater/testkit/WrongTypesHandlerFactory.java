package dev.theater.testkit;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import java.util.List;

/**
 * A faulty test handler: through the untyped level it returns a {@code byte[]} for {@code option<list<u8>>} and
 * {@code null} for {@code result<_, string>}. Both compile and bind; only a call shows them.
 */
public final class WrongTypesHandlerFactory implements HandlerFactory {
    static final String INTERFACE = "test:wrong/wrong";

    @Override
    public String id() {
        return "kit-wrong";
    }

    @Override
    public List<String> witDirectories() {
        return List.of("wit/test-wrong");
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly();
        return new Handler() {
            @Override
            public void link(HostLinker linker) {
                linker.function(INTERFACE, "get", args -> new byte[] {1});
                linker.function(INTERFACE, "put", args -> null);
                linker.function(INTERFACE, "size", args -> 1);
            }
        };
    }
}

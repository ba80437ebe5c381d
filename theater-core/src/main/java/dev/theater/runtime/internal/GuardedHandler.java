package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import java.util.Map;
import java.util.Set;

/**
 * A handler as the runtime holds it: every call into the handler's code goes through {@link
 * HandlerRegistry.Registered#call}, so a {@link LinkageError} of plugin code (a class it cannot see) becomes an
 * ordinary failure naming the plugin JAR, the class and the rule, never an {@code Error} that escapes the runtime.
 */
public record GuardedHandler(HandlerRegistry.Registered registered, Handler handler) implements Handler {
    public GuardedHandler {
        requireNonNull(registered, "registered is null");
        requireNonNull(handler, "handler is null");
    }

    /** The handler type, as manifests grant it. */
    public String type() {
        return registered.id();
    }

    @Override
    public Set<String> imports() {
        Set<String> imports = registered.call("imports()", handler::imports);
        return imports.isEmpty() ? registered.provides() : imports;
    }

    @Override
    public Set<String> exports() {
        return registered.call("exports()", handler::exports);
    }

    @Override
    public void link(HostLinker linker) {
        registered.run("link()", () -> handler.link(linker));
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        registered.run("start()", () -> handler.start(executor, controller, shutdown));
    }

    @Override
    public Map<String, Object> chainFacts() {
        return registered.call("chainFacts()", handler::chainFacts);
    }

    @Override
    public void messageSent(ActorId recipient, byte[] payload) {
        registered.run("messageSent()", () -> handler.messageSent(recipient, payload));
    }

    @Override
    public void close() {
        registered.run("close()", handler::close);
    }

    @Override
    public String toString() {
        return "handler '" + type() + "' (" + handler.getClass().getName() + ", " + registered.source() + ")";
    }
}

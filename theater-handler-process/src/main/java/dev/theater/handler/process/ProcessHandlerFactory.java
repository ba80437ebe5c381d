package dev.theater.handler.process;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code process} handler: lets an actor run operating-system programs through {@code theater:simple/process}
 * and streams their output back into its {@code theater:simple/process-handlers} exports. Granted with {@code
 * [[handler]] type = "process"}; the keys of that table are the permissions (see {@code docs/handlers/process.md}):
 *
 * <pre>{@code
 * [[handler]]
 * type = "process"
 * allowed_programs = ["ls", "/usr/bin/git"]
 * allowed_dirs = ["work"]
 * max_processes = 4
 * max_output_bytes = "1MiB"
 * env_allowlist = ["GIT_*"]
 * default_timeout = "30s"
 * }</pre>
 *
 * <p>Stateless: the configuration is read and checked in {@link #create}, which fails with {@link
 * dev.theater.spi.HandlerConfigException} naming the key.
 */
public final class ProcessHandlerFactory implements HandlerFactory {
    /** The handler type a manifest grants. */
    public static final String ID = "process";

    /** The interface the handler provides to guests. */
    public static final String INTERFACE = "theater:simple/process";

    /** The guest exports the handler calls with output and exits. */
    public static final String HANDLERS_INTERFACE = "theater:simple/process-handlers";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    private final String containment;

    /** The factory {@link java.util.ServiceLoader} creates: processes contained as the system property says. */
    public ProcessHandlerFactory() {
        this(System.getProperty(Containment.PROPERTY, "auto"));
    }

    /** A factory whose processes are contained by {@code containment}: {@code auto}, {@code cgroup} or {@code session}. */
    ProcessHandlerFactory(String containment) {
        this.containment = containment;
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        ProcessPermissions permissions =
                ProcessPermissions.from(config, System.getenv(), Path.of("").toAbsolutePath());
        return new ProcessHandler(config.actorName(), permissions, Containment.forMode(containment));
    }
}

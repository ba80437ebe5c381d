package dev.theater.handler.supervisor;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.supervision.ActorTree;
import dev.theater.spi.supervision.SupervisionPolicy;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The {@code supervisor} handler: {@code [[handler]] type = "supervisor"} lets an actor spawn and supervise children
 * through {@code theater:simple/supervisor}, with the restart policy of its manifest's {@code [supervision]} table
 * and per-child overrides in this handler's {@code children} table (see {@code docs/supervision.md}).
 *
 * <p>Found by {@link java.util.ServiceLoader} with the no-argument constructor, which runs on {@link
 * SystemScheduler#shared()}. Tests register an instance built with a {@link VirtualScheduler} instead, through {@code
 * TheaterRuntime.builder().addHandler(...)}.
 */
public final class SupervisorHandlerFactory implements HandlerFactory {
    /** The handler type a manifest grants. */
    public static final String ID = "supervisor";

    private final Scheduler scheduler;
    private final DoubleSupplier random;

    /** Real time, random jitter. */
    public SupervisorHandlerFactory() {
        this(SystemScheduler.shared(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Supervision on {@code scheduler}, with jitter drawn from {@code random}.
     *
     * @param random numbers in [0, 1) that pick each backoff's jitter; {@code () -> 0} for none
     */
    public SupervisorHandlerFactory(Scheduler scheduler, DoubleSupplier random) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(SupervisorHandler.INTERFACE);
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        ActorTree tree = context.actorTree();
        SupervisionPolicy policy = tree.policy();
        ChildOverrides overrides = ChildOverrides.parse(config, policy);
        return new SupervisorHandler(config.actorName(), tree, policy, overrides, scheduler, random);
    }

    @Override
    public String toString() {
        return "SupervisorHandlerFactory[" + scheduler + "]";
    }
}

package dev.theater.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.util.function.Function;

/**
 * A machine that can be swapped for a fresh one. Chicory's interpreter keeps its value and frame stacks in the
 * machine, and a trap or an interruption leaves them full; an instance that runs interpreted code replaces its
 * machine after such a failure, so failures do not pile up garbage.
 */
final class ReplaceableMachine implements Machine {
    private final Instance instance;
    private final Function<Instance, Machine> factory;
    private Machine current;

    ReplaceableMachine(Instance instance, Function<Instance, Machine> factory) {
        this.instance = requireNonNull(instance, "instance is null");
        this.factory = requireNonNull(factory, "factory is null");
        this.current = factory.apply(instance);
    }

    @Override
    public long[] call(int funcId, long[] args) {
        return current.call(funcId, args);
    }

    /** The machine calls go to now. */
    Machine current() {
        return current;
    }

    /** Discards the current machine and its stacks; only between calls. */
    void replace() {
        current = factory.apply(instance);
    }
}

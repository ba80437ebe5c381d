package dev.theater.spi;

/**
 * Where a handler binds its host functions. The runtime checks each function against its WIT signature when the
 * actor is linked, and records every call (inputs and outputs) in the actor's chain.
 */
public interface HostLinker {
    /**
     * Binds {@code interfaceName#function}, e.g. {@code function("theater:simple/runtime", "log", args -> ...)}.
     *
     * @throws IllegalArgumentException when the interface or function is not known WIT, or is bound twice
     */
    void function(String interfaceName, String function, HostFunction implementation);
}

package dev.theater.spi;

/**
 * Where a handler binds its host functions. The runtime checks each function against its WIT signature when the
 * actor is linked, and records every call (inputs and outputs) in the actor's chain.
 *
 * <p>Two levels: {@link #bind(Object)} binds typed Java methods (annotated with {@link HostCall}), checked against
 * the WIT types when linked; {@link #function} binds a plain {@link HostFunction} over untyped values.
 */
public interface HostLinker {
    /**
     * Binds {@code interfaceName#function}, e.g. {@code function("theater:simple/runtime", "log", args -> ...)}.
     *
     * @throws IllegalArgumentException when the interface or function is not known WIT, or is bound twice
     */
    void function(String interfaceName, String function, HostFunction implementation);

    /**
     * Binds every method of {@code functions} annotated with {@link HostCall}, to the interface its class names with
     * {@link HostInterface}, or else to the one interface the handler provides. Each method's parameter and return
     * types must match the WIT signature as {@link HostCall} maps them.
     *
     * @throws IllegalArgumentException naming the Java method, the WIT type and the Java type expected, when a
     *     signature does not match; or when the interface cannot be told or a function is unknown or bound twice
     */
    void bind(Object functions);

    /** Like {@link #bind(Object)}, to {@code interfaceName} whatever the class says. */
    void bind(String interfaceName, Object functions);
}

package dev.theater.abi;

import static java.util.Objects.requireNonNull;

/**
 * A value that cannot cross the boundary: a guest handed the host something the canonical ABI forbids (a pointer
 * outside memory, invalid UTF-8, a discriminant without a case, ...), or Java code handed the ABI a value that does
 * not fit its WIT type. The message names the function, where in the value the problem is, and the rule.
 */
public final class AbiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rules this package enforces. */
    public enum Rule {
        /** A call passes one Java value per WIT parameter. */
        ARGUMENT_COUNT,
        /**
         * A Java value has the Java type that {@link dev.theater.spi.HostFunction} maps its WIT type to, with every
         * record field, a known case or flag name, and a valid {@code char} or string.
         */
        JAVA_VALUE,
        /**
         * A guest export has the core type its WIT signature flattens to, and the guest passed or returned as many
         * core values as that type says.
         */
        CORE_SIGNATURE,
        /** The guest exports {@code cabi_realloc} (when the host must allocate) and {@code cabi_post_*} with the ABI's types. */
        GUEST_EXPORT,
        /** A string, list, parameter area or return area lies inside linear memory. */
        BOUNDS,
        /** A list, parameter area or return area pointer is aligned to its type's alignment. */
        ALIGNMENT,
        /** A string is valid UTF-8. */
        UTF8,
        /** A variant, enum, option or result discriminant names one of its cases. */
        DISCRIMINANT,
        /** A {@code char} is a Unicode scalar value: at most 0x10FFFF and not a surrogate. */
        CHAR,
        /** A flags value sets no bit beyond the type's flags. */
        FLAGS,
        /** One call lifts at most {@link AbiLimits#maxLiftBytesPerCall()} bytes. */
        LIFT_LIMIT,
        /** {@code cabi_realloc} returns a block aligned as asked that lies inside linear memory. */
        REALLOC
    }

    private final String function;
    private final Rule rule;
    private final String path;

    /**
     * @param function the function, as {@code <interface>#<function>} for a guest export or {@code
     *     <module>#<function>} for a host import
     * @param rule the rule that was broken
     * @param path where in the value, e.g. {@code param 'v'.label} or {@code result[3]}; empty for the whole call
     * @param message the whole message
     */
    public AbiException(String function, Rule rule, String path, String message) {
        super(requireNonNull(message, "message is null"));
        this.function = requireNonNull(function, "function is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.path = requireNonNull(path, "path is null");
    }

    /** The function whose call failed: the export name, or {@code <module>#<function>} for an import. */
    public String function() {
        return function;
    }

    public Rule rule() {
        return rule;
    }

    /** Where in the arguments or result the problem is, e.g. {@code param 'v'.label}; empty for the whole call. */
    public String path() {
        return path;
    }
}

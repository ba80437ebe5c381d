package dev.theater.abi;

import dev.theater.engine.WasmException;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A broken rule found deep inside a value. Thrown without a stack trace; every container it passes on the way out
 * prepends its path segment, and {@link Site#fail} turns it into the {@link AbiException} (or trap) the caller sees.
 */
final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final AbiException.Rule rule;
    final String detail;
    final String ruleText;
    /** The trap of {@code cabi_realloc}, when that is what failed. */
    final WasmException.Trap trap;

    private final ArrayDeque<String> path = new ArrayDeque<>(4);

    Fault(AbiException.Rule rule, String detail, String ruleText) {
        this(rule, detail, ruleText, null);
    }

    private Fault(AbiException.Rule rule, String detail, String ruleText, WasmException.Trap trap) {
        super(detail, null, false, false);
        this.rule = rule;
        this.detail = detail;
        this.ruleText = ruleText;
        this.trap = trap;
    }

    static Fault reallocTrap(String detail, WasmException.Trap trap) {
        return new Fault(AbiException.Rule.REALLOC, detail, "cabi_realloc trapped", trap);
    }

    /** A Java value whose type does not match the WIT type of {@code codec}. */
    static Fault javaType(Codec codec, Object value) {
        String found = value == null ? "null" : "a " + value.getClass().getTypeName();
        return javaValue(found + " where WIT type " + codec.type.witName() + " needs a " + codec.javaType());
    }

    static Fault javaValue(String detail) {
        return new Fault(
                AbiException.Rule.JAVA_VALUE,
                detail,
                "a Java value must fit its WIT type as dev.theater.spi.HostFunction maps them");
    }

    /** Prepends a path segment: {@code .label}, {@code [3]}, {@code param 'v'}. */
    Fault at(String segment) {
        path.addFirst(segment);
        return this;
    }

    String path() {
        return String.join("", path);
    }

    static String hex(long address) {
        return String.format(Locale.ROOT, "0x%08x", address);
    }
}

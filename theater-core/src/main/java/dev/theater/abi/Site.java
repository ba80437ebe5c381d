package dev.theater.abi;

import dev.theater.engine.WasmException;

/**
 * Who is moving values in which direction, for messages: {@code guest export 'a/b#f' returned ...}, {@code host
 * import 'a/b#f' returned ...}.
 *
 * @param function the export name or {@code <module>#<function>}
 * @param subject the actor of the sentence, e.g. {@code guest export 'a/b#f'}
 * @param verb {@code passed} or {@code returned}
 */
record Site(String function, String subject, String verb) {

    static Site exportArgs(String export) {
        return new Site(export, "call to guest export '" + export + "'", "passed");
    }

    static Site exportResult(String export) {
        return new Site(export, "guest export '" + export + "'", "returned");
    }

    static Site importArgs(String function) {
        return new Site(function, "guest call to host import '" + function + "'", "passed");
    }

    static Site importResult(String function) {
        return new Site(function, "host import '" + function + "'", "returned");
    }

    /** The exception for {@code fault}: an {@link AbiException}, or a trap with context when cabi_realloc trapped. */
    RuntimeException fail(Fault fault) {
        String path = fault.path();
        String where = path.isEmpty() || path.equals("result") ? " " : " in " + path + " ";
        if (fault.trap != null) {
            return new WasmException.Trap(
                    "guest trapped in " + fault.detail + " while the " + subject + " " + verb + where.stripTrailing()
                            + ": " + fault.trap.getMessage(),
                    fault.trap);
        }
        return new AbiException(
                function, fault.rule, path, subject + " " + verb + where + fault.detail + ": " + fault.ruleText);
    }

    AbiException fail(AbiException.Rule rule, String detail, String ruleText) {
        return new AbiException(function, rule, "", subject + " " + verb + " " + detail + ": " + ruleText);
    }
}

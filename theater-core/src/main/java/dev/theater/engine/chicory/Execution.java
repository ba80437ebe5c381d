package dev.theater.engine.chicory;

/** How the functions of a compiled module run. */
enum Execution {
    /** Every function was compiled to JVM bytecode. */
    COMPILED,
    /** Compiled, except functions too large for a JVM method, which run in Chicory's interpreter. */
    MIXED,
    /** Everything runs in Chicory's interpreter. */
    INTERPRETED
}

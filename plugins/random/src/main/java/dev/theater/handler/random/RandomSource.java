package dev.theater.handler.random;

/** Where a random handler's values come from: 64 random bits at a time. */
interface RandomSource {
    long nextLong();

    /** The algorithm, as recorded in the chain. */
    String algorithm();
}

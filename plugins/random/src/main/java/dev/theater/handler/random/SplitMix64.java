package dev.theater.handler.random;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): a 64-bit state advanced
 * by the golden-gamma constant and mixed by a fixed function. Written out here rather than taken from the JDK so that a
 * seed gives the same sequence on every JVM, now and later: a recorded run can be replayed.
 */
final class SplitMix64 implements RandomSource {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String algorithm() {
        return "splitmix64";
    }
}

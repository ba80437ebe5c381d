package dev.theater.handler.random;

import java.security.SecureRandom;

/** The unseeded source: the platform's {@link SecureRandom}. */
final class SecureSource implements RandomSource {
    private final SecureRandom random = new SecureRandom();

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public String algorithm() {
        return random.getAlgorithm();
    }
}

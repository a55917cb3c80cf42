package io.boucle.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New identifiers: time-ordered UUIDs (version 7, RFC 9562) so that rows inserted together sit
 * together in indexes, with 74 random bits so they cannot be guessed.
 */
public final class Identifiers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Identifiers() {
    }

    public static UUID newUuid(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}

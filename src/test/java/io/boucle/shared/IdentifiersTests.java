package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class IdentifiersTests {

    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53.589Z");

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @RepeatedTest(20)
    void isAVersion7UuidWithTheRfcVariant() {
        UUID uuid = Identifiers.newUuid(clockAt(NOW));

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat((uuid.getMostSignificantBits() >>> 12) & 0xF).isEqualTo(7);
        assertThat(uuid.getLeastSignificantBits() >>> 62).isEqualTo(0b10);
        assertThat(uuid.toString().charAt(14)).isEqualTo('7');
        assertThat(uuid.toString().charAt(19)).isIn('8', '9', 'a', 'b');
    }

    @Test
    void embedsTheClocksMillisecondsInTheFirst48Bits() {
        UUID uuid = Identifiers.newUuid(clockAt(NOW));

        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
        assertThat(uuid.toString().replace("-", "").substring(0, 12))
                .isEqualTo(String.format("%012x", NOW.toEpochMilli()));
    }

    @Test
    void isTimeOrderedForIncreasingClockMillis() {
        List<UUID> generated = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            generated.add(Identifiers.newUuid(clockAt(NOW.plusMillis(i))));
        }

        assertThat(generated).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(generated.stream().map(UUID::toString).toList()).isSorted();
    }

    @Test
    void identifiersFromTheSameMillisecondDiffer() {
        Clock clock = clockAt(NOW);
        Set<UUID> generated = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            generated.add(Identifiers.newUuid(clock));
        }

        assertThat(generated).hasSize(1000);
    }

    @Test
    void randomBitsVaryAcrossIdentifiers() {
        Clock clock = clockAt(NOW);
        long orRandA = 0;
        long andRandA = -1;
        long orRandB = 0;
        long andRandB = -1;
        for (int i = 0; i < 200; i++) {
            UUID uuid = Identifiers.newUuid(clock);
            long randA = uuid.getMostSignificantBits() & 0xFFF;
            long randB = uuid.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL;
            orRandA |= randA;
            andRandA &= randA;
            orRandB |= randB;
            andRandB &= randB;
        }

        assertThat(orRandA).isEqualTo(0xFFF);
        assertThat(andRandA).isZero();
        assertThat(orRandB).isEqualTo(0x3FFFFFFFFFFFFFFFL);
        assertThat(andRandB).isZero();
    }
}

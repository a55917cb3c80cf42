package io.boucle.invoicing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentPaceTests {

    @Test
    void goesAtOnceWhenTheShopIsQuiet() {
        AtomicInteger asked = new AtomicInteger();
        new DocumentWork.Pace(() -> {
            asked.incrementAndGet();
            return 1;
        }, 1, Duration.ofHours(1), Duration.ofMillis(1)).awaitQuiet();

        assertThat(asked).hasValue(1);
    }

    @Test
    void waitsWhileShoppersAreServedThenGoes() {
        AtomicInteger asked = new AtomicInteger();
        int[] load = { 30, 12, 4, 0 };
        new DocumentWork.Pace(() -> load[asked.getAndIncrement()], 1, Duration.ofHours(1), Duration.ofMillis(1)).awaitQuiet();

        assertThat(asked).hasValue(4);
    }

    @Test
    void goesAnywayOnceItHasWaitedLongEnough() {
        AtomicInteger asked = new AtomicInteger();
        new DocumentWork.Pace(() -> {
            asked.incrementAndGet();
            return 40;
        }, 1, Duration.ofMillis(30), Duration.ofMillis(1)).awaitQuiet();

        assertThat(asked.get()).isGreaterThan(1);
    }

    @Test
    void refusesANegativeQuietLevelOrNoPollingInterval() {
        assertThatThrownBy(() -> new DocumentWork.Pace(() -> 0, -1, Duration.ofSeconds(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DocumentWork.Pace(() -> 0, 1, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

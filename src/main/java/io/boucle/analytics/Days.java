package io.boucle.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Days are the shop's days, in Paris time: a 23:30 UTC visit in summer belongs to the next day. */
final class Days {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private Days() {
    }

    static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}

package io.boucle.catalog;

import java.time.Instant;

public record Question(String question, String answer, String locale, Instant answeredAt) {
}

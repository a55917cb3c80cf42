package io.boucle.catalog;

import java.time.Instant;

public record Review(String author, int rating, String title, String body, String locale, Instant createdAt) {
}

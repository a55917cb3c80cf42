package io.boucle.catalog;

import java.time.Instant;

/** A product can now be seen and bought; search and recommendations index it. */
public record ProductPublished(String slug, Instant publishedAt) {
}

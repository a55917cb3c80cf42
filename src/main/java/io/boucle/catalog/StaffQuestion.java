package io.boucle.catalog;

import java.time.Instant;

import io.boucle.shared.LocalizedText;

/** A shopper's question as staff answer it. */
public record StaffQuestion(QuestionId id, String productSlug, LocalizedText productTitle, String question,
                            String answer, String locale, QuestionStatus status, Instant createdAt,
                            Instant answeredAt, String answeredBy) {
}

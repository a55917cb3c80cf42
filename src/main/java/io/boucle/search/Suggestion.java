package io.boucle.search;

public record Suggestion(String slug, String titleFr, String titleEn) {
}

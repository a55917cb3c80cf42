package io.boucle.catalog;

import io.boucle.shared.LocalizedText;

public record Category(String slug, String parentSlug, LocalizedText name, LocalizedText description) {
}

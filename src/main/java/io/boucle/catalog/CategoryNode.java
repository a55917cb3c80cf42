package io.boucle.catalog;

import io.boucle.shared.LocalizedText;

/** A category as the back office lists it: in tree order, with its depth, place among its siblings and products. */
public record CategoryNode(String slug, String parentSlug, int depth, int position, LocalizedText name,
        LocalizedText description, int products) {
}

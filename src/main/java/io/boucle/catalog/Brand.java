package io.boucle.catalog;

/** A brand, with how many products carry it. */
public record Brand(String slug, String name, int products) {
}

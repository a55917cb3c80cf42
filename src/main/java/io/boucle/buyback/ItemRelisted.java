package io.boucle.buyback;

import java.time.Instant;

/** An item bought back is in the catalog as the second-hand product {@code productSlug}. */
public record ItemRelisted(OfferReference reference, String productSlug, String sku, Instant relistedAt) {
}

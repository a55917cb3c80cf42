package io.boucle.buyback;

/** An uploaded photo of an offered item, as received; its type is checked from its bytes. */
public record Photo(String filename, byte[] content) {
}

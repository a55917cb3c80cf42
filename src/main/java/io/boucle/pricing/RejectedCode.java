package io.boucle.pricing;

import io.boucle.shared.LocalizedText;

/** A code the shopper entered that does not apply, and why, in words a shopper understands. */
public record RejectedCode(String code, LocalizedText reason) {
}

package io.boucle.pricing;

/** An exchange-rates file that is not a well-formed ECB reference-rates file; nothing of it was imported. */
public class InvalidRatesFile extends IllegalArgumentException {

    public InvalidRatesFile(String message) {
        super(message);
    }

    public InvalidRatesFile(String message, Throwable cause) {
        super(message, cause);
    }
}

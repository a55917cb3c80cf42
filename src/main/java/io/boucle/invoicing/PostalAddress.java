package io.boucle.invoicing;

import java.util.Objects;
import java.util.Optional;

import io.boucle.shared.CountryCode;

/**
 * A postal address as an invoice prints it and EN 16931 structures it (BG-5, BG-8, BG-15): lines, postal
 * code, city and country. Text is stripped; a blank second line is none.
 */
public record PostalAddress(String line1, Optional<String> line2, String postalCode, String city, CountryCode country) {

    public PostalAddress {
        line1 = Texts.required(line1, "address line 1", Texts.SHORT);
        line2 = Objects.requireNonNull(line2, "line2").map(String::strip).filter(line -> !line.isEmpty());
        line2.ifPresent(line -> Texts.required(line, "address line 2", Texts.SHORT));
        postalCode = Objects.requireNonNullElse(postalCode, "").strip();
        Texts.limit(postalCode, "postal code", 16);
        city = Texts.required(city, "city", Texts.SHORT);
        Objects.requireNonNull(country, "country");
    }

    public static PostalAddress of(String line1, String line2, String postalCode, String city, String country) {
        return new PostalAddress(line1, Optional.ofNullable(line2), postalCode, city, CountryCode.of(country));
    }

    /** On one line, as on a letterhead: "12 rue des Artisans, 75011 Paris, FR". */
    public String oneLine() {
        StringBuilder text = new StringBuilder(line1);
        line2.ifPresent(line -> text.append(", ").append(line));
        text.append(", ");
        if (!postalCode.isEmpty()) {
            text.append(postalCode).append(' ');
        }
        return text.append(city).append(", ").append(country.value()).toString();
    }
}

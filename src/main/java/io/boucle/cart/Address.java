package io.boucle.cart;

import java.util.regex.Pattern;

import io.boucle.shared.CountryCode;
import io.boucle.shared.InvalidField;

/** A postal address, checked: a parcel sent to a wrong address is a lost sale. */
public record Address(String name, String line1, String line2, String postalCode, String city, CountryCode country) {

    private static final Pattern FRENCH_POSTAL_CODE = Pattern.compile("\\d{5}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,11}");

    public Address {
        name = required("name", name, 100);
        line1 = required("line1", line1, 200);
        line2 = line2 == null || line2.isBlank() ? null : limited("line2", line2.strip(), 200);
        postalCode = required("postalCode", postalCode, 12);
        city = required("city", city, 100);
        if (country == null) {
            throw new InvalidField("country", "is required");
        }
        if (CountryCode.FRANCE.equals(country) ? !FRENCH_POSTAL_CODE.matcher(postalCode).matches()
                : !POSTAL_CODE.matcher(postalCode).matches()) {
            throw new InvalidField("postalCode", "'" + postalCode + "' is not a postal code of " + country.value());
        }
    }

    /** Builds an address from what a form or a request sent, the country as an ISO 3166-1 alpha-2 code. */
    public static Address of(String name, String line1, String line2, String postalCode, String city, String country) {
        if (country == null || !CountryCode.isValid(country.strip().toUpperCase(java.util.Locale.ROOT))) {
            throw new InvalidField("country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return new Address(name, line1, line2, postalCode, city, CountryCode.of(country.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(field, "is required");
        }
        return limited(field, value.strip(), max);
    }

    private static String limited(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidField(field, "is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, "contains control characters");
        }
        return value;
    }
}

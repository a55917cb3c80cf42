package io.boucle.tax;

import java.util.Locale;
import java.util.Objects;

import io.boucle.shared.CountryCode;

/**
 * A VAT jurisdiction as EU VAT writes it: the ISO 3166 code of a country except {@code EL} for Greece
 * (ISO {@code GR}) and {@code XI} for Northern Ireland (goods only, Windsor Framework art. 8). Both
 * {@code GR} and {@code EL} are accepted and kept as {@code EL}, as on VAT numbers and OSS returns.
 */
public record VatCountry(String code) {

    public static final VatCountry FRANCE = new VatCountry("FR");
    public static final VatCountry NORTHERN_IRELAND = new VatCountry("XI");

    public VatCountry {
        Objects.requireNonNull(code, "code");
        code = code.strip().toUpperCase(Locale.ROOT);
        if (code.equals("GR")) {
            code = "EL";
        }
        if (!code.equals("EL") && !code.equals("XI") && !CountryCode.isValid(code)) {
            throw new IllegalArgumentException("not a VAT country code: " + code);
        }
    }

    public static VatCountry of(String code) {
        return new VatCountry(code);
    }

    public static VatCountry of(CountryCode country) {
        return new VatCountry(country.value());
    }

    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        return upper.equals("EL") || upper.equals("XI") || CountryCode.isValid(upper);
    }

    /** The ISO country: {@code GR} for Greece, {@code GB} for Northern Ireland. */
    public CountryCode isoCountry() {
        return CountryCode.of(switch (code) {
            case "EL" -> "GR";
            case "XI" -> "GB";
            default -> code;
        });
    }

    @Override
    public String toString() {
        return code;
    }
}

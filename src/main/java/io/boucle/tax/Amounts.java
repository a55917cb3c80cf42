package io.boucle.tax;

import java.util.Objects;

import io.boucle.shared.Money;

/** An amount excl. VAT, its VAT and the amount incl. VAT, as an invoice shows them: {@code exclVat + vat = inclVat}. */
public record Amounts(Money exclVat, Money vat, Money inclVat) {

    public Amounts {
        Objects.requireNonNull(exclVat, "exclVat");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(inclVat, "inclVat");
        if (exclVat.plus(vat).compareTo(inclVat) != 0) {
            throw new IllegalArgumentException("excl. VAT + VAT must equal incl. VAT: " + exclVat + " + " + vat + " != " + inclVat);
        }
    }

    static Amounts of(Money exclVat, Money inclVat) {
        return new Amounts(exclVat, inclVat.minus(exclVat), inclVat);
    }
}

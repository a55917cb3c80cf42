package io.boucle.tax;

/**
 * Checks that a VAT number of another member state is registered for intra-Community supplies. Only a
 * number found valid exempts a supply of goods to a business (CGI art. 262 ter I); a number that could
 * not be checked leaves the sale under French VAT. Implementations never throw for an unreachable
 * service: they answer {@link VatNumberVerdict.Status#UNAVAILABLE}.
 *
 * <p>Chosen by {@code boucle.tax.vat-number-check}: {@code vies} (the default: the European Commission's
 * VIES REST service, at {@code boucle.tax.vies.url}) or {@code offline} (the number's shape and check
 * digits only), which the application accepts only in demo mode or in the tests' configuration.
 */
public interface VatNumberCheck {

    VatNumberVerdict check(VatNumber number);

    /**
     * Whether a verdict, made now or earlier, proves the buyer's registration well enough to exempt a
     * supply: a valid answer of VIES. Only the offline check of the demo and the tests also accepts its own.
     */
    default boolean proves(VatNumberVerdict verdict) {
        return verdict != null && verdict.valid() && ViesVatNumberCheck.SOURCE.equals(verdict.source());
    }
}

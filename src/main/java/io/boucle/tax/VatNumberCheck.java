package io.boucle.tax;

/**
 * Checks that a VAT number of another member state is registered for intra-Community supplies. Only a
 * number found valid exempts a supply of goods to a business (CGI art. 262 ter I); a number that could
 * not be checked leaves the sale under French VAT. Implementations never throw for an unreachable
 * service: they answer {@link VatNumberVerdict.Status#UNAVAILABLE}.
 *
 * <p>Chosen by {@code boucle.tax.vat-number-check}: {@code offline} (the default: the number's shape and
 * check digits, for the demo and tests) or {@code vies} (the European Commission's VIES REST service,
 * at {@code boucle.tax.vies.url}).
 */
public interface VatNumberCheck {

    VatNumberVerdict check(VatNumber number);
}

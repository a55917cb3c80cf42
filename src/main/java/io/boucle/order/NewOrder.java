package io.boucle.order;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.boucle.customer.CustomerId;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.VatAssessment;

/**
 * An order to place, priced by the checkout. Prices come from the server's own computation, never
 * from the shopper.
 *
 * @param requestHash what identifies the request that placed it, so a replayed key with another body is told apart
 * @param customer    the signed-in customer who placed it, null for a guest
 * @param vat         the VAT engine's assessment the order was priced with, its lines referenced by the positions of
 *                    {@code lines} from 1 ("1", "2"…): what the order's invoice shows. In the order's currency:
 *                    converted from {@code vatInEuros} at {@code exchangeRate}
 * @param exchangeRate the reference rate the order is charged at; the identity for an order in euros
 * @param vatInEuros  the assessment in euros the VAT was assessed with; {@code vat} itself for an order in euros
 * @param saleDate    the date (Europe/Paris) the VAT was assessed on: the year of the distance sales it read, and
 *                    the one its own counts in
 */
public record NewOrder(UUID cartId, String idempotencyKey, String requestHash, EmailAddress email, Locale locale,
                       Address shipping, Address billing, Company company, DeliveryChoice delivery, List<Line> lines,
                       Totals totals, List<String> promotions, String paymentMethod, CustomerId customer,
                       VatAssessment vat, io.boucle.shared.ExchangeRate exchangeRate, VatAssessment vatInEuros,
                       java.time.LocalDate saleDate) {

    public NewOrder {
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(exchangeRate, "exchangeRate");
        Objects.requireNonNull(vatInEuros, "vatInEuros");
        Objects.requireNonNull(saleDate, "saleDate");
        if (!vat.totals().payable().currency().equals(exchangeRate.currency())
                || !totals.total().currency().equals(exchangeRate.currency())) {
            throw new IllegalArgumentException("the order's figures must be in the currency of its rate, "
                    + exchangeRate.currency());
        }
        if (!vatInEuros.totals().payable().currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("the reference assessment is in euros");
        }
        Set<String> positions = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            positions.add(position(index));
        }
        Set<String> referenced = new HashSet<>();
        vat.lines().forEach(line -> referenced.add(line.reference()));
        if (!referenced.equals(positions) || vat.lines().size() != lines.size()) {
            throw new IllegalArgumentException("the VAT assessment's lines must be the order lines' positions 1 to "
                    + lines.size() + ", not " + referenced);
        }
    }

    /** The position of each line, from 1, as the VAT assessment references them. */
    public static String position(int index) {
        return Integer.toString(index + 1);
    }

    public record Address(String name, String line1, String line2, String postalCode, String city, String country) {
    }

    /**
     * @param vatNumberCheck what the check of {@code vatNumber} answered when the cart got it (the proof of the
     *                       buyer's status for an exempt intra-Community supply); null when not checked
     */
    public record Company(String name, String vatNumber, String siren, io.boucle.tax.VatNumberVerdict vatNumberCheck) {

        public Company(String name, String vatNumber, String siren) {
            this(name, vatNumber, siren, null);
        }
    }

    /** @param standardPrice what a withdrawal refunds of the delivery (not the extra of an express option) */
    public record DeliveryChoice(String code, String kind, LocalizedText label, Money price, Money standardPrice,
                                 LocalDate earliest, LocalDate latest, String pickupPoint) {
    }

    public record Line(String sku, String productSlug, String title, int quantity, Money unitPrice, Money discount,
                       Money total, java.math.BigDecimal vatRate, boolean secondHand) {
    }

    public record VatLine(java.math.BigDecimal rate, Money base, Money amount) {
    }

    public record Totals(Money subtotal, Money discount, Money delivery, List<VatLine> vat, Money totalVat, Money total) {
    }
}

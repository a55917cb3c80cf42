package io.boucle.cart;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import io.boucle.customer.CustomerId;
import io.boucle.shared.CountryCode;

/**
 * A cart as stored, before pricing.
 *
 * @param vatNumberCheck what the check of the company's VAT number answered, null when none was made
 */
record CartRow(CartId id, String status, Currency currency, CountryCode country, Locale locale, CartCustomer customer,
               String deliveryCode, String pickupPointId, List<String> discountCodes, String paymentMethod, String giftCardCode,
               String orderReference,
               Instant lastActivityAt, List<LineRow> lines, CustomerId customerId,
               io.boucle.tax.VatNumberVerdict vatNumberCheck) {

    record LineRow(String id, String sku, int quantity) {
    }
}

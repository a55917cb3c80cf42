package io.boucle.order;

import io.boucle.shared.ExchangeRate;
import io.boucle.tax.VatAssessment;

/**
 * How an order charged in another currency than the euro was converted: the reference rate in force when it was
 * placed, used for everything that follows (invoice, credit notes, refunds), and the VAT assessment in euros,
 * where its VAT was assessed.
 */
public record OrderExchange(ExchangeRate rate, VatAssessment vatInEuros) {
}

package io.boucle.tax;

import io.boucle.shared.Money;

/**
 * The invoice totals, named after EN 16931.
 *
 * <p>They always add up: {@code exclVat} is the sum of the lines' and delivery parts' amounts excl. VAT
 * and of the breakdown's taxable amounts; {@code vat} the sum of the breakdown's VAT; {@code inclVat =
 * exclVat + vat} (BR-CO-15); {@code payable = inclVat + roundingAmount} is exactly the sum of the prices
 * charged.
 *
 * <p>Why a rounding amount: prices are charged incl. VAT, and a breakdown's VAT must be its base × rate
 * rounded to the cent (BR-CO-17). For some totals no base fits: at 20 %, base 0.02 gives 0.02 incl. VAT
 * and base 0.03 gives 0.04, so 0.03 cannot be split. The engine then keeps the base nearest to the exact
 * net and states the cent (at most one per breakdown row) as the rounding amount, BT-114, which EN 16931
 * provides for this (BR-CO-16). It is zero whenever a base fits.
 *
 * @param exclVat        BT-109, total without VAT
 * @param vat            BT-110, total VAT
 * @param inclVat        BT-112, total with VAT
 * @param roundingAmount BT-114, usually zero
 * @param payable        BT-115, amount due: the sum of the prices charged
 */
public record VatTotals(Money exclVat, Money vat, Money inclVat, Money roundingAmount, Money payable) {
}

package io.boucle.returns;

import io.boucle.catalog.Condition;
import io.boucle.shared.Money;

/**
 * A line of a return: some units of an order line.
 *
 * @param position  the order line's position, from 1
 * @param outcome   null until inspected
 * @param condition the grade given at inspection to accepted units
 * @param refunded  what was refunded for it; null until then
 */
public record ReturnLine(int position, String sku, String title, int quantity, Outcome outcome, Condition condition,
                         String note, Money refunded) {

    public enum Outcome {
        ACCEPTED, REFUSED
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}

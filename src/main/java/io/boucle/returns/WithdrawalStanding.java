package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.boucle.catalog.WithdrawalExclusion;

/**
 * Where an order stands for withdrawal and returns, as its page shows it.
 *
 * @param deliveredAt   when the goods were received; null before
 * @param deadline      the last day to withdraw; null before receipt (the period has not started)
 * @param canWithdraw   whether the customer may withdraw now (paid, not cancelled, period not over, something left)
 * @param canReport     whether a defect may be reported under the legal guarantee now
 * @param lines         each order line with what is left to return
 * @param returns       the order's returns, oldest first
 */
public record WithdrawalStanding(Instant deliveredAt, LocalDate deadline, boolean canWithdraw, boolean periodOver,
                                 boolean canReport, List<Line> lines, List<CustomerReturn> returns) {

    /**
     * @param returnable units not yet in a return (refused units count as not returned)
     * @param exclusion  why the product is not covered by the right of withdrawal; null when it is
     */
    public record Line(int position, String sku, String title, int ordered, int returnable, WithdrawalExclusion exclusion) {

        public boolean withdrawable() {
            return returnable > 0 && (exclusion == null || !exclusion.outright());
        }
    }
}

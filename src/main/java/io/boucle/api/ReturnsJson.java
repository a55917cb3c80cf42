package io.boucle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.boucle.returns.CustomerReturn;
import io.boucle.returns.ReturnLine;
import io.boucle.returns.ReturnRequest;
import io.boucle.returns.WithdrawalPeriod;

/** Withdrawals and returns as the API shows them. */
final class ReturnsJson {

    private ReturnsJson() {
    }

    /** A line to return: its SKU, or its position in the order (from 1) when a SKU is on two lines. */
    record Item(String sku, Integer position, Integer quantity) {
    }

    record Line(int position, String sku, String title, int quantity, String outcome, String condition, String note,
                ApiMoney refunded) {
    }

    /**
     * @param requestedAt     the date and time of the withdrawal or request (UTC)
     * @param requestedAtParis the same in the shop's time, as the acknowledgment states it
     */
    record Return(String id, String number, String order, String kind, String status, Instant requestedAt,
                  String requestedAtParis, boolean wholeOrder, LocalDate withdrawalDeadline, LocalDate refundDueBy,
                  String reason, List<Line> lines, ApiMoney refundAmount, ApiMoney deliveryRefund, Instant refundedAt,
                  String refundFailure, String creditNote) {
    }

    static List<ReturnRequest.Item> items(List<Item> items) {
        if (items == null) {
            return List.of();
        }
        return items.stream().map(item -> new ReturnRequest.Item(item.sku(), item.position(),
                item.quantity() == null ? 1 : item.quantity())).toList();
    }

    static Return of(CustomerReturn r) {
        return new Return(r.id().toString(), r.number(), r.order().value(), r.kind().name(), r.status().name(),
                r.requestedAt(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE)),
                r.wholeOrder(), r.withdrawalDeadline(), r.refundDueBy(), r.reason(),
                r.lines().stream().map(ReturnsJson::line).toList(), ApiMoney.of(r.refundAmount()),
                ApiMoney.of(r.deliveryRefund()), r.refundedAt(), r.refundFailure(), r.creditNote());
    }

    private static Line line(ReturnLine line) {
        return new Line(line.position(), line.sku(), line.title(), line.quantity(),
                line.outcome() == null ? null : line.outcome().name(),
                line.condition() == null ? null : line.condition().name(), line.note(), ApiMoney.of(line.refunded()));
    }
}

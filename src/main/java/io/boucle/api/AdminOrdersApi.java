package io.boucle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.boucle.order.Cancellation;
import io.boucle.order.OrderDetail;
import io.boucle.order.OrderFilter;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderRow;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.payment.Refund;
import io.boucle.platform.web.ProblemResponses;
import io.boucle.shared.InvalidField;
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders for integrators and support tools (staff API token). Every staff role reads them; an owner
 * or a manager cancels. A cancellation refunds what was paid once, however often it is sent; when
 * the provider refuses the refund, the answer is a 502 that says so (the order stays cancelled) and
 * sending the cancellation again tries the refund again.
 */
@RestController
@RequestMapping("/api/v1/admin/orders")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
class AdminOrdersApi {

    static final int MAX_SIZE = 100;

    /** A line of the list. */
    record OrderListItem(String number, String status, String email, String name, ApiMoney total, String paymentStatus,
                         String deliveryMethod, String paymentMethod, Instant placedAt) {

        static OrderListItem of(OrderRow row) {
            var order = row.order();
            return new OrderListItem(order.number().value(), order.status().name(), order.email(), order.name(),
                    ApiMoney.of(order.total()), row.paymentStatus() == null ? null : row.paymentStatus().name(),
                    order.deliveryCode(), order.paymentMethod(), order.placedAt());
        }
    }

    record RefundJson(String id, String paymentId, ApiMoney amount, String status, String failure, Instant at) {

        static RefundJson of(Refund refund) {
            return new RefundJson(refund.id().toString(), refund.paymentId().toString(), ApiMoney.of(refund.amount()),
                    refund.status(), refund.failure(), refund.at());
        }
    }

    record EmailJson(String id, Instant at, String template, String subject, String recipient, String status, Instant sentAt) {
    }

    /**
     * @param kind PLACED, PAYMENT, PAID, EMAIL, CANCELLED, PAYMENT_AFTER_CANCELLATION, REFUND, ...
     * @param code a decline code, a refund's failure, an email's template or a payment's id
     */
    record EventJson(Instant at, String kind, String status, ApiMoney amount, String detail, String code) {
    }

    /**
     * The full order, as the staff see it.
     *
     * @param refundDue on a cancelled order, what is still not refunded because a refund failed; else null
     */
    record AdminOrder(StoreJson.Order order, List<StoreJson.Payment> payments, List<RefundJson> refunds,
                      List<EmailJson> emails, List<EventJson> timeline, boolean cancellable, ApiMoney refundDue) {

        static AdminOrder of(OrderDetail detail, Locale locale) {
            return new AdminOrder(StoreJson.order(detail.order(), locale, false, false, List.of()),
                    detail.payments().stream().map(StoreJson::payment).toList(),
                    detail.refunds().stream().map(RefundJson::of).toList(),
                    detail.emails().stream().map(email -> new EmailJson(email.id(), email.at(), email.template(),
                            email.subject(), email.recipient(), email.status(), email.sentAt())).toList(),
                    detail.timeline().stream().map(event -> new EventJson(event.at(), event.kind(), event.status(),
                            event.amount() == null ? null : ApiMoney.of(event.amount()), event.detail(), event.code())).toList(),
                    detail.cancellable(), detail.refundToRetry() ? ApiMoney.of(detail.refundDue()) : null);
        }
    }

    /** @param reason why the order is cancelled; kept in its timeline */
    record CancelRequest(String reason) {
    }

    private final Orders orders;

    AdminOrdersApi(Orders orders) {
        this.orders = orders;
    }

    @GetMapping
    @Operation(summary = "Orders, newest first: by status, placing date (from and to included, in the shop's time, "
            + "YYYY-MM-DD) and part of the number or email (q)")
    Page<OrderListItem> list(@RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new InvalidField("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", "between 1 and " + MAX_SIZE);
        }
        OrderFilter filter = new OrderFilter(status(status), date("from", from), date("to", to), q == null ? null : q.strip());
        Page<OrderRow> rows = orders.search(filter, page, size);
        return new Page<>(rows.items().stream().map(OrderListItem::of).toList(), rows.page(), rows.size(), rows.total());
    }

    @GetMapping("/{number}")
    @Operation(summary = "The full order: lines, totals with VAT, addresses, delivery, payment attempts, refunds, "
            + "emails sent and its timeline")
    AdminOrder get(@PathVariable String number, Locale locale) {
        return AdminOrder.of(detail(number), locale);
    }

    @PostMapping("/{number}/cancel")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "Cancel an order that has not shipped: stock and promotion uses given back, what was paid "
            + "refunded once. 409 when it has shipped or is already cancelled with nothing left to refund; 502 when "
            + "the provider refused the refund (send it again to try again)")
    ResponseEntity<?> cancel(@PathVariable String number, @RequestBody(required = false) CancelRequest request,
            Locale locale, HttpServletRequest http) {
        OrderNumber orderNumber = detail(number).order().number();
        Cancellation cancellation = orders.cancel(orderNumber, request == null ? null : request.reason());
        AdminOrder order = AdminOrder.of(detail(number), locale);
        if (cancellation.refundFailed()) {
            String failures = String.join(", ", cancellation.refunds().stream()
                    .filter(refund -> refund.failed() && refund.failure() != null).map(Refund::failure).toList());
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_GATEWAY, "Order " + orderNumber
                    + " is cancelled, but the payment provider refused to refund " + cancellation.refundDue()
                    + (failures.isEmpty() ? "" : " (" + failures + ")")
                    + ". Send the cancellation again to try the refund again.", http.getRequestURI());
            problem.setProperty("orderStatus", order.order().status());
            problem.setProperty("refundDue", ApiMoney.of(cancellation.refundDue()));
            problem.setProperty("refunds", cancellation.refunds().stream().map(RefundJson::of).toList());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(order);
    }

    private OrderDetail detail(String number) {
        return orders.detail(new OrderNumber(number)).orElseThrow(() -> new NotFound("No order has the number '" + number + "'."));
    }

    private static OrderStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("status", "one of " + Arrays.toString(OrderStatus.values()));
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "a date such as 2026-05-01");
        }
    }
}

package io.boucle.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.WithdrawalExclusion;
import io.boucle.returns.CustomerReturn;
import io.boucle.returns.Inspection;
import io.boucle.returns.Returns;
import io.boucle.shared.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Returns for support tools (staff API token): owners, managers and support read, inspect and refund
 * them; accountants read them. Owners and managers flag products excluded from withdrawal.
 */
@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
class AdminReturnsApi {

    record LineInspection(Integer position, Boolean accepted, Condition condition, String note) {
    }

    record InspectionBody(List<LineInspection> lines) {
    }

    /** @param reason null clears the flag */
    record ExclusionBody(WithdrawalExclusion reason) {
    }

    record Refunded(ReturnsJson.Return customerReturn, List<RefundJson> refunds, boolean madeNow) {
    }

    record RefundJson(String id, String paymentId, ApiMoney amount, String status, String failure) {
    }

    private final Returns returns;
    private final Catalog catalog;
    private final io.boucle.order.Orders orders;

    AdminReturnsApi(Returns returns, Catalog catalog, io.boucle.order.Orders orders) {
        this.returns = returns;
        this.catalog = catalog;
        this.orders = orders;
    }

    @GetMapping("/returns/{id}")
    @Operation(summary = "A return: its lines, inspection, refund and credit note")
    ReturnsJson.Return get(@PathVariable String id) {
        return ReturnsJson.of(find(id));
    }

    @PostMapping("/returns/{id}/inspection")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    @Operation(summary = "Record the reception and inspection of every line: accepted (with the grade: NEW_WITH_TAGS "
            + "restocks, any other grade queues the item for the second-hand flow) or refused with a note")
    ReturnsJson.Return inspect(@PathVariable String id, @RequestBody InspectionBody body, Principal staff) {
        CustomerReturn found = find(id);
        List<Inspection> inspections = body.lines() == null ? List.of() : body.lines().stream()
                .map(line -> new Inspection(line.position() == null ? 0 : line.position(), Boolean.TRUE.equals(line.accepted()),
                        line.condition(), line.note())).toList();
        return ReturnsJson.of(returns.inspect(found.id(), inspections, staff.getName()));
    }

    @PostMapping("/returns/{id}/refund")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    @Operation(summary = "Refund the accepted lines to the original payment, then issue the credit note. Idempotent: "
            + "a refunded return answers its refund again. Not inspected or nothing accepted: 409; a line refunded "
            + "already: 409; more than what was paid and not refunded: 422")
    Refunded refund(@PathVariable String id) {
        Returns.RefundOutcome outcome = returns.refund(find(id).id());
        return new Refunded(ReturnsJson.of(outcome.customerReturn()), outcome.refunds().stream()
                .map(refund -> new RefundJson(refund.id().toString(), refund.paymentId().toString(), ApiMoney.of(refund.amount()),
                        refund.status(), refund.failure())).toList(), outcome.madeNow());
    }

    @PutMapping("/products/{slug}/withdrawal-exclusion")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "Flag a product as not covered by the right of withdrawal (L221-28: PERSONALISED, PERISHABLE, "
            + "SEALED_HYGIENE, SEALED_MEDIA, INSEPARABLY_MIXED), or clear the flag with a null reason")
    Map<String, Object> exclude(@PathVariable String slug, @RequestBody ExclusionBody body) {
        try {
            catalog.setWithdrawalExclusion(slug, body.reason());
        } catch (IllegalArgumentException e) {
            throw new NotFound("no product " + slug);
        }
        java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("slug", slug);
        answer.put("withdrawalExclusion", body.reason());
        return answer;
    }

    /**
     * @param given   whether the information about the right of withdrawal was given
     * @param givenOn the day it was given (required when given, absent when not)
     */
    record WithdrawalInformationBody(Boolean given, java.time.LocalDate givenOn, String note) {
    }

    record WithdrawalInformationJson(String order, boolean given, java.time.LocalDate givenOn, String source, String note,
                                     java.time.Instant recordedAt, String recordedBy, java.time.LocalDate withdrawalDeadline) {
    }

    @GetMapping("/orders/{number}/withdrawal-information")
    @Operation(summary = "Whether the information about the right of withdrawal was given for the order, and the "
            + "withdrawal deadline that follows (L221-20); source null: given with the order")
    WithdrawalInformationJson withdrawalInformation(@PathVariable String number) {
        io.boucle.order.OrderNumber order = orderNumber(number);
        return returns.withdrawalInformation(order).map(found -> json(found, order))
                .orElseGet(() -> new WithdrawalInformationJson(order.value(), true, null, null, null, null, null,
                        returns.withdrawalDeadline(order).orElse(null)));
    }

    @PutMapping("/orders/{number}/withdrawal-information")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    @Operation(summary = "Record that the withdrawal information was not given ({\"given\": false}: the period is "
            + "extended by 12 months), or was given on a day ({\"given\": true, \"givenOn\": \"2026-09-01\"}: the "
            + "period ends 14 days after it). A day missing, in the future or before the order: 400")
    WithdrawalInformationJson recordWithdrawalInformation(@PathVariable String number, @RequestBody WithdrawalInformationBody body,
            Principal staff) {
        io.boucle.order.OrderNumber order = orderNumber(number);
        if (body.given() == null) {
            throw new io.boucle.shared.InvalidField("given", "is required");
        }
        return json(returns.recordWithdrawalInformation(order, body.given(), body.givenOn(), body.note(), staff.getName()), order);
    }

    private WithdrawalInformationJson json(io.boucle.returns.WithdrawalInformation found, io.boucle.order.OrderNumber order) {
        return new WithdrawalInformationJson(order.value(), found.given(), found.givenOn(), found.source(), found.note(),
                found.recordedAt(), found.recordedBy(), returns.withdrawalDeadline(order).orElse(null));
    }

    private io.boucle.order.OrderNumber orderNumber(String number) {
        io.boucle.order.OrderNumber order = new io.boucle.order.OrderNumber(number);
        orders.find(order).orElseThrow(() -> new NotFound("no order " + number));
        return order;
    }

    private CustomerReturn find(String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return returns.findByNumber(id).orElseThrow(() -> new NotFound("no return " + id));
        }
        return returns.find(parsed).orElseThrow(() -> new NotFound("no return " + id));
    }
}

package io.boucle.returns;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.WithdrawalExclusion;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.inventory.Inventory;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.Payments;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Withdrawal, returns and refunds, driven by the clock: from delivery to the refund and its credit note. */
@IntegrationTest
class ReturnsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Returns returns;

    @Autowired
    Orders orders;

    @Autowired
    Payments payments;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Inventory inventory;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    StoreFixtures store;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        store = new StoreFixtures(new Http(port), json, catalog);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aWithdrawalIsAcceptedOnTheLastDayAndRefusedTheDayAfter() {
        String sku = store.product("dernier-jour", "20.00", 10);
        clock.set(Instant.parse("2026-02-27T09:00:00Z"));
        OrderView onTime = paid(sku, 1, "home");
        OrderView late = paid(sku, 1, "home");
        // Received Monday 2026-03-02 (DOMAIN-RULES §4): until Monday 2026-03-16 inclusive
        delivered(onTime, "2026-03-02T15:00:00Z");
        delivered(late, "2026-03-02T15:00:00Z");
        assertThat(returns.withdrawalDeadline(onTime.number())).contains(LocalDate.parse("2026-03-16"));

        clock.set(Instant.parse("2026-03-16T22:59:00Z")); // 23:59 in Paris
        CustomerReturn withdrawal = returns.withdraw(onTime, ReturnRequest.everything(null), "WEB", null);
        assertThat(withdrawal.kind()).isEqualTo(ReturnKind.WITHDRAWAL);
        assertThat(withdrawal.requestedAt()).isEqualTo(Instant.parse("2026-03-16T22:59:00Z"));
        assertThat(withdrawal.withdrawalDeadline()).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(withdrawal.refundDueBy()).isEqualTo(LocalDate.parse("2026-03-30"));
        assertThat(withdrawal.wholeOrder()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledgments(onTime) == 1);
        assertThat(jdbc.sql("SELECT body_text FROM messaging.message WHERE reference = :n AND template = 'withdrawal-acknowledgment'")
                .param("n", onTime.number().value()).query(String.class).single())
                .contains("16 mars 2026 à 23:59:00").contains(withdrawal.number());

        clock.set(Instant.parse("2026-03-16T23:00:01Z")); // 17 March in Paris
        assertThat(returns.standing(late).periodOver()).isTrue();
        assertThatThrownBy(() -> returns.withdraw(late, ReturnRequest.everything(null), "WEB", null))
                .isInstanceOfSatisfying(ReturnRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.PERIOD_OVER));
        assertThat(returns.forOrders(List.of(late.number()))).as("nothing written").isEmpty();
        assertThat(acknowledgments(late)).isZero();
    }

    @Test
    void deadlinesOnAWeekendOrAPublicHolidayMoveToTheNextWorkingDay() {
        String sku = store.product("ferie", "20.00", 10);
        clock.set(Instant.parse("2026-03-05T09:00:00Z"));
        OrderView weekend = paid(sku, 1, "home");
        // Received Saturday 2026-03-07: day 14 is Saturday 2026-03-21, so Monday 2026-03-23
        delivered(weekend, "2026-03-07T10:00:00Z");
        assertThat(returns.withdrawalDeadline(weekend.number())).contains(LocalDate.parse("2026-03-23"));
        clock.set(Instant.parse("2026-03-23T21:00:00Z"));
        assertThat(returns.withdraw(weekend, ReturnRequest.everything(null), "WEB", null).withdrawalDeadline())
                .isEqualTo(LocalDate.parse("2026-03-23"));

        clock.set(Instant.parse("2026-12-09T09:00:00Z"));
        OrderView christmas = paid(sku, 1, "home");
        // Received Friday 2026-12-11: day 14 is Christmas (Friday), then a weekend: Monday 2026-12-28
        delivered(christmas, "2026-12-11T10:00:00Z");
        assertThat(returns.withdrawalDeadline(christmas.number())).contains(LocalDate.parse("2026-12-28"));
        clock.set(Instant.parse("2026-12-27T12:00:00Z"));
        assertThat(returns.standing(christmas).canWithdraw()).isTrue();
        clock.set(Instant.parse("2026-12-28T23:00:00Z")); // 29 December in Paris
        assertThatThrownBy(() -> returns.withdraw(christmas, ReturnRequest.everything(null), "WEB", null))
                .isInstanceOf(ReturnRefused.class);
    }

    @Test
    void aPartialReturnRefundsWhatTheAcceptedUnitsCostAndALineIsNeverRefundedTwice() {
        String bowl = store.product("bol", "20.00", 10);
        String cup = store.product("tasse", "15.00", 10);
        OrderView order = paid(List.of(bowl, cup), List.of(2, 1), "home");
        delivered(order, Instant.now(clock).toString());
        awaitInvoice(order);
        int stockBefore = inventory.levels(List.of(bowl)).get(bowl).onHand();

        CustomerReturn one = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(bowl, null, 1)), null),
                "WEB", null);
        assertThat(one.wholeOrder()).isFalse();
        assertThatThrownBy(() -> returns.refund(one.id())).as("not inspected yet")
                .isInstanceOfSatisfying(ReturnRefused.class, e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.NOT_READY));
        returns.inspect(one.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        assertThat(inventory.levels(List.of(bowl)).get(bowl).onHand()).as("restocked").isEqualTo(stockBefore + 1);
        assertThat(returns.amount(one.id()).total()).isEqualTo(Money.euros("20.00"));

        Returns.RefundOutcome refunded = returns.refund(one.id());

        assertThat(refunded.failed()).isFalse();
        assertThat(refunded.customerReturn().refundAmount()).isEqualTo(Money.euros("20.00"));
        assertThat(refunded.customerReturn().deliveryRefund()).isEqualTo(Money.euros("0.00"));
        assertThat(payments.refunds(order.number().value())).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(Money.euros("20.00")));

        // Again: the same refund, nothing more paid
        Returns.RefundOutcome again = returns.refund(one.id());
        assertThat(again.madeNow()).isFalse();
        assertThat(payments.refunds(order.number().value())).hasSize(1);
        // One bowl of two refunded: a credit note for that one unit
        CustomerReturn first = returns.find(one.id()).orElseThrow();
        assertThat(first.creditNote()).as(first.creditNoteProblem()).isNotNull();
        assertThat(first.creditNoteProblem()).isNull();
        Invoice firstNote = creditNote(order, first.creditNote());
        assertThat(firstNote.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemReference()).contains(bowl);
            assertThat(line.quantity()).isEqualTo(1);
            assertThat(line.creditedUnits()).isEqualTo(1);
            assertThat(line.totalInclVat()).isEqualTo(Money.euros("20.00"));
        });
        assertThat(firstNote.totals().payable()).isEqualTo(Money.euros("20.00"));

        // The other unit of the bowl, then the bowl once more: refused, nothing written
        CustomerReturn two = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(bowl, null, 1)), null),
                "WEB", null);
        assertThatThrownBy(() -> returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(bowl, null, 1)), null),
                "WEB", null)).isInstanceOfSatisfying(ReturnRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.QUANTITY));
        returns.inspect(two.id(), List.of(new Inspection(1, true, Condition.GOOD, "box opened")), "staff@test");
        assertThat(returns.queues().toRelist()).anySatisfy(item -> {
            assertThat(item.returnId()).isEqualTo(two.id());
            assertThat(item.condition()).isEqualTo(Condition.GOOD);
        });
        assertThat(inventory.levels(List.of(bowl)).get(bowl).onHand()).as("no longer new: not restocked")
                .isEqualTo(stockBefore + 1);
        assertThat(returns.refund(two.id()).customerReturn().refundAmount()).isEqualTo(Money.euros("20.00"));
        // The other bowl: a credit note of its own, for the rest of the invoice line
        CustomerReturn done = returns.find(two.id()).orElseThrow();
        assertThat(done.creditNote()).isNotNull().isNotEqualTo(first.creditNote());
        Invoice note = creditNote(order, done.creditNote());
        assertThat(note.totals().payable()).isEqualTo(Money.euros("20.00"));
        assertThat(note.lines()).singleElement().satisfies(line -> assertThat(line.itemReference()).contains(bowl));
        Invoice.Line bowlLine = invoice(order).lines().stream().filter(line -> line.itemReference().filter(bowl::equals)
                .isPresent()).findFirst().orElseThrow();
        assertThat(firstNote.lines().getFirst().totalExclVat().plus(note.lines().getFirst().totalExclVat()))
                .as("the two credit notes credit the bowl line exactly").isEqualTo(bowlLine.totalExclVat());
        assertThat(jdbc.sql("SELECT count(*) FROM returns.return_line WHERE return_id = :id AND refunded_amount IS NOT NULL")
                .param("id", one.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aWholeWithdrawalWithExpressDeliveryRefundsTheStandardDeliveryOnlyAndGetsACreditNote() {
        String lamp = store.product("lampe", "30.00", 10);
        OrderView order = paid(List.of(lamp), List.of(1), "express");
        assertThat(order.delivery().price()).isGreaterThan(order.delivery().standardPrice());
        delivered(order, Instant.now(clock).toString());
        awaitInvoice(order);

        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything("changed my mind"), "WEB", null);
        assertThat(withdrawal.wholeOrder()).isTrue();
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        Returns.RefundOutcome refunded = returns.refund(withdrawal.id());

        Money expected = Money.euros("30.00").plus(order.delivery().standardPrice());
        assertThat(refunded.customerReturn().refundAmount()).isEqualTo(expected);
        assertThat(refunded.customerReturn().deliveryRefund()).isEqualTo(order.delivery().standardPrice());
        assertThat(payments.refunds(order.number().value())).singleElement()
                .satisfies(refund -> assertThat(refund.amount()).isEqualTo(expected));
        CustomerReturn done = refunded.customerReturn();
        assertThat(done.creditNote()).as(done.creditNoteProblem()).isNotNull();
        Invoice note = creditNote(order, done.creditNote());
        assertThat(note.originalInvoice()).isPresent();
        assertThat(note.lines()).as("the goods, and of the express delivery the standard delivery cost refunded")
                .hasSize(2);
        assertThat(note.line(1).itemReference()).contains(lamp);
        assertThat(note.line(1).totalInclVat()).isEqualTo(Money.euros("30.00"));
        assertThat(note.line(2).kind()).isEqualTo(Invoice.LineKind.DELIVERY);
        assertThat(note.line(2).totalInclVat()).isEqualTo(order.delivery().standardPrice());
        assertThat(note.line(2).creditedUnits()).as("part of the delivery line, not all of it").isZero();
        assertThat(note.totals().payable()).as("exactly what was refunded").isEqualTo(expected);
        Invoice.Line delivery = invoice(order).lines().stream().filter(line -> line.kind() == Invoice.LineKind.DELIVERY)
                .findFirst().orElseThrow();
        assertThat(delivery.totalInclVat()).isGreaterThan(note.line(2).totalInclVat());
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> customerMails(order, "return-refunded"), count -> count == 1))
                .isEqualTo(1);
    }

    @Test
    void aLineTheInvoiceChargedAsOneUnitIsCreditedWhatEachReturnRefunded() {
        String plate = store.product("assiette", "10.05", 10);
        Http http = new Http(port);
        String code = "RETOUR-" + store.id.toUpperCase(java.util.Locale.ROOT);
        // A code, so the promotion applies only to the cart that enters it, never to other tests' orders.
        HttpResponse<String> promotion = http.postJson("/api/v1/admin/promotions", "{\"code\": \"" + code
                + "\", \"label\": \"Retours " + store.id + "\", \"kind\": \"PERCENTAGE\", \"percent\": \"10\"}",
                "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN);
        assertThat(promotion.statusCode()).as(promotion.body()).isEqualTo(201);
        String promotionId = store.read(promotion).get("id").asString();
        try {
            // 2 × 10.05 less 10 % is 18.09, which does not divide into cents per unit: invoiced as one unit
            OrderView order = paidWithCode(plate, 2, code);
            delivered(order, Instant.now(clock).toString());
            awaitInvoice(order);
            Invoice.Line invoiced = invoice(order).line(1);
            assertThat(invoiced.quantity()).isEqualTo(1);
            assertThat(invoiced.totalInclVat()).isEqualTo(Money.euros("18.09"));

            List<Invoice> notes = new java.util.ArrayList<>();
            for (String refund : List.of("9.04", "9.05")) {
                CustomerReturn one = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(plate, null, 1)), null),
                        "WEB", null);
                returns.inspect(one.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
                CustomerReturn done = returns.refund(one.id()).customerReturn();
                assertThat(done.refundAmount()).isEqualTo(Money.euros(refund));
                assertThat(done.creditNote()).as(done.creditNoteProblem()).isNotNull();
                Invoice note = creditNote(order, done.creditNote());
                assertThat(note.totals().payable()).as("the credit note credits what the refund repaid").isEqualTo(Money.euros(refund));
                notes.add(note);
            }
            assertThat(notes.get(0).number()).isNotEqualTo(notes.get(1).number());
            assertThat(notes.get(0).line(1).creditedUnits()).as("an amount of the line").isZero();
            assertThat(notes.get(1).line(1).creditedUnits()).as("the rest of it").isEqualTo(1);
            assertThat(notes.get(0).line(1).totalExclVat().plus(notes.get(1).line(1).totalExclVat()))
                    .isEqualTo(invoiced.totalExclVat());
        } finally {
            http.postJson("/api/v1/admin/promotions/" + promotionId + "/deactivate", "{}",
                    "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN);
        }
    }

    @Test
    void theStandardDeliveryOfAnExpressDeliverySplitOverTwoRatesIsCreditedInProportionToEachPart() {
        String lamp = store.product("lampe2", "30.00", 10);
        String book = reducedRateProduct("livre", "20.00");
        OrderView order = paid(List.of(lamp, book), List.of(1, 1), "express");
        delivered(order, Instant.now(clock).toString());
        awaitInvoice(order);
        List<Invoice.Line> deliveryLines = invoice(order).lines().stream()
                .filter(line -> line.kind() == Invoice.LineKind.DELIVERY).toList();
        assertThat(deliveryLines).as("the delivery follows the goods' two rates").hasSize(2);

        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null),
                new Inspection(2, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        CustomerReturn done = returns.refund(withdrawal.id()).customerReturn();

        assertThat(done.creditNote()).as(done.creditNoteProblem()).isNotNull();
        Invoice note = creditNote(order, done.creditNote());
        assertThat(note.totals().payable()).as("exactly what was refunded").isEqualTo(done.refundAmount());
        List<Invoice.Line> credited = note.lines().stream().filter(line -> line.kind() == Invoice.LineKind.DELIVERY).toList();
        assertThat(credited).hasSize(2);
        assertThat(credited.stream().map(Invoice.Line::totalInclVat).reduce(Money::plus).orElseThrow())
                .isEqualTo(order.delivery().standardPrice());
        for (Invoice.Line line : credited) {
            Invoice.Line part = deliveryLines.stream().filter(d -> d.number() == line.creditedLine().orElseThrow())
                    .findFirst().orElseThrow();
            assertThat(line.vatRate()).isEqualTo(part.vatRate());
            assertThat(line.totalInclVat()).isLessThan(part.totalInclVat());
        }
    }

    @Test
    void aWholeWithdrawalWithStandardDeliveryRefundsEverythingPaid() {
        String vase = store.product("vase", "25.00", 10);
        OrderView order = paid(List.of(vase), List.of(1), "home");
        delivered(order, Instant.now(clock).toString());
        awaitInvoice(order);
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "API", "key-" + store.id);
        assertThat(returns.withdraw(order, ReturnRequest.everything(null), "API", "key-" + store.id).id())
                .as("same key, same withdrawal").isEqualTo(withdrawal.id());
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        CustomerReturn done = returns.refund(withdrawal.id()).customerReturn();
        assertThat(done.refundAmount()).isEqualTo(order.totals().total());
        assertThat(done.creditNote()).isNotNull();
        assertThat(invoicing.documentsOf(order.number().value()).stream().filter(Invoice::isCreditNote)
                .map(Invoice::totals).map(Invoice.Totals::payable).reduce(Money::plus).orElseThrow())
                .as("credited once in full").isEqualTo(order.totals().total());
    }

    @Test
    void aRefundAboveWhatIsLeftOfThePaymentIsRefusedAndChangesNothing() {
        String chair = store.product("chaise", "50.00", 10);
        OrderView order = paid(List.of(chair), List.of(1), "home");
        delivered(order, Instant.now(clock).toString());
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        // A goodwill refund made meanwhile leaves less than the item's price to refund
        var payment = payments.forReference(order.number().value()).getFirst();
        payments.refund(payment.id(), Money.euros("40.00"), "goodwill-" + store.id);

        assertThatThrownBy(() -> returns.refund(withdrawal.id())).isInstanceOfSatisfying(ReturnRefused.class,
                e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.EXCEEDS_PAID));
        CustomerReturn unchanged = returns.find(withdrawal.id()).orElseThrow();
        assertThat(unchanged.status()).isEqualTo(ReturnStatus.INSPECTED);
        assertThat(unchanged.refundAmount()).isNull();
        assertThat(payments.refunds(order.number().value())).hasSize(1);
    }

    @Test
    void aRefundNotMadeInTimeRaisesAnAlertOnce() {
        String rug = store.product("tapis", "35.00", 10);
        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        OrderView order = paid(List.of(rug), List.of(1), "home");
        delivered(order, "2026-04-03T10:00:00Z");
        clock.set(Instant.parse("2026-04-07T10:00:00Z"));
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        assertThat(withdrawal.refundDueBy()).isEqualTo(LocalDate.parse("2026-04-21"));

        clock.set(Instant.parse("2026-04-21T21:00:00Z")); // the last day, 23:00 in Paris
        returns.watchDeadlines();
        assertThat(alertsFor(withdrawal)).isZero();

        clock.set(Instant.parse("2026-04-21T22:00:01Z")); // 22 April in Paris
        returns.watchDeadlines();
        returns.watchDeadlines();
        assertThat(alertsFor(withdrawal)).isEqualTo(1);
        assertThat(returns.alerts()).anySatisfy(alert -> {
            assertThat(alert.returnId()).isEqualTo(withdrawal.id());
            assertThat(alert.message()).contains("2026-04-21");
            assertThat(alert.dueBy()).isEqualTo(LocalDate.parse("2026-04-21"));
        });

        // Refunded late: the alert is closed
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        returns.refund(withdrawal.id());
        assertThat(returns.alerts()).noneSatisfy(alert -> assertThat(alert.returnId()).isEqualTo(withdrawal.id()));
    }

    @Test
    void excludedProductsCannotBeWithdrawnButADefectCanBeReported() {
        String engraved = store.product("grave", "45.00", 10);
        String plain = store.product("simple", "10.00", 10);
        catalog.setWithdrawalExclusion(("ck-" + store.id + "-grave"), WithdrawalExclusion.PERSONALISED);
        OrderView order = paid(List.of(engraved, plain), List.of(1, 1), "home");
        delivered(order, Instant.now(clock).toString());

        assertThat(returns.standing(order).lines()).extracting(WithdrawalStanding.Line::withdrawable).containsExactly(false, true);
        assertThatThrownBy(() -> returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(engraved, null, 1)),
                null), "WEB", null)).isInstanceOfSatisfying(ReturnRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.EXCLUDED));
        assertThat(returns.forOrders(List.of(order.number()))).isEmpty();

        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        assertThat(withdrawal.lines()).extracting(ReturnLine::sku).containsExactly(plain);
        assertThat(withdrawal.wholeOrder()).isFalse();

        // Months later, a defect under the legal guarantee
        clock.advance(Duration.ofDays(200));
        assertThatThrownBy(() -> returns.reportDefect(order, ReturnRequest.everything(" "), "WEB", null))
                .isInstanceOf(io.boucle.shared.InvalidField.class);
        CustomerReturn defect = returns.reportDefect(order,
                new ReturnRequest(List.of(new ReturnRequest.Item(engraved, null, 1)), "the engraving is peeling"), "WEB", null);
        assertThat(defect.kind()).isEqualTo(ReturnKind.CONFORMITY);
        assertThat(defect.refundDueBy()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> customerMails(order, "return-request") == 1);
        returns.inspect(defect.id(), List.of(new Inspection(1, true, Condition.FAIR, "peeling confirmed")), "staff@test");
        assertThat(returns.find(defect.id()).orElseThrow().refundDueBy())
                .isEqualTo(Instant.now(clock).atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate().plusDays(14));
        assertThat(returns.refund(defect.id()).customerReturn().refundAmount()).isEqualTo(Money.euros("45.00"));
    }

    @Test
    void refusedLinesAreNotRefundedAndAnInspectionCoversEveryLine() {
        String candle = store.product("bougie", "12.00", 10);
        OrderView order = paid(List.of(candle), List.of(1), "home");
        delivered(order, Instant.now(clock).toString());
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        assertThatThrownBy(() -> returns.inspect(withdrawal.id(), List.of(), "staff@test")).isInstanceOf(ReturnRefused.class);
        assertThatThrownBy(() -> returns.inspect(withdrawal.id(), List.of(new Inspection(1, false, null, " ")), "staff@test"))
                .as("a refusal says why").isInstanceOf(ReturnRefused.class);
        CustomerReturn inspected = returns.inspect(withdrawal.id(), List.of(new Inspection(1, false, null, "broken by misuse")),
                "staff@test");
        assertThat(inspected.status()).isEqualTo(ReturnStatus.CLOSED);
        assertThatThrownBy(() -> returns.refund(withdrawal.id())).isInstanceOf(ReturnRefused.class);
        assertThat(payments.refunds(order.number().value())).isEmpty();
    }

    @Test
    void theReceiptDateIsKeptOnceFromTheFulfilmentEvent() {
        String sku = store.product("recu", "20.00", 10);
        OrderView order = paid(sku, 1, "home");
        delivered(order, "2026-05-04T08:00:00Z");
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(order.number(),
                Instant.parse("2026-05-20T08:00:00Z"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) = count(completion_date) FROM platform.event_publication
                WHERE serialized_event LIKE :n AND listener_id LIKE '%ReceiptListener%'
                """).param("n", "%" + order.number().value() + "%").query(Boolean.class).single());
        assertThat(returns.deliveredAt(order.number())).contains(Instant.parse("2026-05-04T08:00:00Z"));
    }

    @Test
    void anEnglishBuyerIsAcknowledgedInEnglish() {
        String sku = store.product("english", "16.00", 10);
        HttpResponse<String> created = new Http(port).postJson("/api/v1/carts", "{\"locale\": \"en\"}");
        String cart = store.read(created).get("id").asString();
        assertThat(store.addLine(cart, sku, 1).statusCode()).isEqualTo(200);
        assertThat(store.customer(cart, "english-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        OrderView order = await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                found -> found.paidAt() != null);
        assertThat(order.locale().getLanguage()).isEqualTo("en");
        delivered(order, Instant.now(clock).toString());
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledgments(order) == 1);
        var message = jdbc.sql("SELECT subject, body_text, body_html FROM messaging.message WHERE reference = :n AND template = 'withdrawal-acknowledgment'")
                .param("n", number.value()).query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3))).single();
        assertThat(message.get(0)).isEqualTo("Withdrawal received — order " + number);
        assertThat(message.get(1)).contains("We have received your withdrawal from order " + number).contains("(Paris time)")
                .contains("Return number: " + withdrawal.number()).contains("1 × Article english");
        assertThat(message.get(2)).contains("We have received your withdrawal").contains("Send the items back").doesNotContain("??");
    }

    // Fixtures

    private OrderView paid(String sku, int quantity, String delivery) {
        return paid(List.of(sku), List.of(quantity), delivery);
    }

    private OrderView paid(List<String> skus, List<Integer> quantities, String delivery) {
        String cart = store.newCart();
        for (int i = 0; i < skus.size(); i++) {
            assertThat(store.addLine(cart, skus.get(i), quantities.get(i)).statusCode()).isEqualTo(200);
        }
        assertThat(store.customer(cart, "buyer-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        HttpResponse<String> chosen = store.delivery(cart, delivery);
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        return await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                order -> order.paidAt() != null);
    }

    /** A published product taxed at 5.5 %, in the fixtures' category. */
    private String reducedRateProduct(String name, String price) {
        String sku = ("CK-" + store.id + "-" + name).toUpperCase(java.util.Locale.ROOT);
        HttpResponse<String> created = new Http(port).postJson("/api/v1/admin/products", """
                {"slug": "%s", "title": "Article %s", "category": "ck-%s", "taxCategory": "REDUCED_5_5", "publish": true,
                 "variants": [{"sku": "%s", "price": {"amount": "%s", "currency": "EUR"}, "stock": 10, "weightGrams": 500}]}
                """.formatted(("ck-" + store.id + "-" + name).toLowerCase(java.util.Locale.ROOT), name, store.id, sku, price),
                "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return sku;
    }

    private OrderView paidWithCode(String sku, int quantity, String code) {
        String cart = store.newCart();
        assertThat(store.addLine(cart, sku, quantity).statusCode()).isEqualTo(200);
        HttpResponse<String> applied = new Http(port).postJson("/api/v1/carts/" + cart + "/discount-codes",
                "{\"code\": \"" + code + "\"}");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(store.customer(cart, "buyer-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        return await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                order -> order.paidAt() != null);
    }

    private void delivered(OrderView order, String at) {
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(order.number(), Instant.parse(at))));
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(order.number()).isPresent());
    }

    private void awaitInvoice(OrderView order) {
        await().atMost(Duration.ofSeconds(15)).until(() -> invoicing.documentsOf(order.number().value()).stream()
                .anyMatch(document -> !document.isCreditNote()));
    }

    private Invoice invoice(OrderView order) {
        return invoicing.documentsOf(order.number().value()).stream().filter(document -> !document.isCreditNote())
                .findFirst().orElseThrow();
    }

    private Invoice creditNote(OrderView order, String number) {
        return invoicing.documentsOf(order.number().value()).stream().filter(document -> document.number().value().equals(number))
                .findFirst().orElseThrow();
    }

    private long acknowledgments(OrderView order) {
        return customerMails(order, "withdrawal-acknowledgment");
    }

    private long customerMails(OrderView order, String template) {
        return jdbc.sql("SELECT count(*) FROM messaging.message WHERE reference = :n AND template = :t")
                .param("n", order.number().value()).param("t", template).query(Long.class).single();
    }

    private long alertsFor(CustomerReturn r) {
        return jdbc.sql("SELECT count(*) FROM returns.staff_alert WHERE return_id = :id").param("id", r.id())
                .query(Long.class).single();
    }
}

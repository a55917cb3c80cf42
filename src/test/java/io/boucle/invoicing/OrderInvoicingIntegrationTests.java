package io.boucle.invoicing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderPaid;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentId;
import io.boucle.payment.Payments;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders are invoiced when paid and credited when cancelled or refunded, by the events they publish. */
@IntegrationTest
class OrderInvoicingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Invoicing invoicing;

    @Autowired
    OrderInvoicer invoicer;

    @Autowired
    Orders orders;

    @Autowired
    Payments payments;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        shop = new ShopFixtures(new Http(port), json, catalog);
    }

    @Test
    void paidOrderIsInvoicedOnceWithTheVatItWasPricedWith() {
        String sku = shop.product("mug", "24.00");
        JsonNode order = shop.paidOrder(sku, 2, "mug-" + shop.id + "@example.org");
        String number = order.get("number").asString();
        JsonNode totals = order.get("totals");

        Invoice invoice = invoiceOf(number);

        assertThat(invoice.type()).isEqualTo(InvoiceType.INVOICE);
        assertThat(invoice.number().prefix()).isEqualTo("F");
        assertThat(invoice.totals().payable().amount()).isEqualByComparingTo(amount(totals.get("total")));
        assertThat(invoice.totals().vat().amount()).isEqualByComparingTo(amount(totals.get("totalVat")));
        Invoice.Line goods = invoice.line(1);
        assertThat(goods.itemReference()).contains(sku);
        assertThat(goods.description()).isEqualTo("Article mug");
        assertThat(goods.quantity()).isEqualTo(2);
        assertThat(goods.unitPriceExclVat()).isEqualTo(Money.euros("20.00"));
        assertThat(goods.vatRate().value()).isEqualByComparingTo("20");
        assertThat(goods.totalExclVat()).isEqualTo(Money.euros("40.00"));
        assertThat(goods.totalVat()).isEqualTo(Money.euros("8.00"));
        BigDecimal delivery = amount(totals.get("delivery"));
        if (delivery.signum() > 0) {
            assertThat(invoice.lines()).last().satisfies(line -> {
                assertThat(line.kind()).isEqualTo(Invoice.LineKind.DELIVERY);
                assertThat(line.totalInclVat().amount()).isEqualByComparingTo(delivery);
            });
        }
        assertThat(invoice.vatBreakdown()).singleElement().satisfies(row -> {
            JsonNode vat = totals.get("vat").get(0);
            assertThat(row.rate().value()).isEqualByComparingTo(vat.get("rate").decimalValue());
            assertThat(row.taxableAmount().amount()).isEqualByComparingTo(amount(vat.get("base")));
            assertThat(row.vatAmount().amount()).isEqualByComparingTo(amount(vat.get("amount")));
        });
        assertThat(invoice.buyer().name()).isEqualTo("Camille Martin");
        assertThat(invoice.buyer().isBusiness()).isFalse();
        assertThat(invoice.deliveryAddress()).as("delivered where billed").isEmpty();
        assertThat(invoice.payment()).hasValueSatisfying(payment -> {
            assertThat(payment.means()).isEqualTo(PaymentMeans.CARD);
            assertThat(payment.amount()).isEqualTo(invoice.totals().payable());
            assertThat(payment.paidOn()).isEqualTo(LocalDate.now(InvoiceContent.FRANCE));
        });
        assertThat(invoice.amountDue().isZero()).isTrue();
        assertThat(invoice.mentions()).as("no business terms for a consumer")
                .noneMatch(mention -> mention.kind() == MentionKind.LATE_PAYMENT_PENALTIES);
        assertThat(invoicing.pdf(invoice.number())).hasValueSatisfying(pdf -> assertThat(new String(pdf, 0, 5,
                java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-"));
        assertThat(invoicing.xml(invoice.number())).hasValueSatisfying(xml -> assertThat(new String(xml,
                java.nio.charset.StandardCharsets.UTF_8)).contains(invoice.number().value(), "urn:cen.eu:en16931:2017"));
        assertThat(invoicing.pdf(invoice.number())).as("made once, then served as stored")
                .hasValueSatisfying(pdf -> assertThat(pdf).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow()));

        // The event delivered again, and the order settled again: still one invoice.
        String replay = "replayed-" + shop.id;
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderPaid(new OrderNumber(number), replay,
                invoice.totals().payable(), Instant.now(Clock.systemUTC()))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FILTER (WHERE completion_date IS NOT NULL) = count(*) AND count(*) > 0
                FROM platform.event_publication WHERE serialized_event LIKE :replay AND listener_id LIKE '%OrderInvoicing%'
                """).param("replay", "%" + replay + "%").query(Boolean.class).single());
        assertThat(invoicer.settle(new OrderNumber(number), java.util.Optional.empty())).isTrue();
        assertThat(invoicing.documentsOf(number)).containsExactly(invoice);
        assertThat(invoicing.verifyChain()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void businessBuyerIsInvoicedWithItsIdentifiersAndThePaymentTerms() {
        String sku = shop.product("desk", "300.00");
        JsonNode order = shop.paidOrder(sku, 1, "desk-" + shop.id + "@example.org",
                "{\"name\": \"Roux SARL\", \"siren\": \"732829320\", \"vatNumber\": \"FR44732829320\"}");

        Invoice invoice = invoiceOf(order.get("number").asString());

        assertThat(invoice.buyer().companyName()).contains("Roux SARL");
        assertThat(invoice.buyer().siren()).contains(Siren.of("732829320"));
        assertThat(invoice.buyer().vatNumber()).contains("FR44732829320");
        assertThat(invoice.mentions()).extracting(Invoice.Mention::kind).contains(MentionKind.PAYMENT_TERMS,
                MentionKind.EARLY_PAYMENT_DISCOUNT, MentionKind.LATE_PAYMENT_PENALTIES, MentionKind.RECOVERY_INDEMNITY);
    }

    @Test
    void paidOrderCancelledIsCreditedInFullCitingItsInvoice() {
        String sku = shop.product("lamp", "59.90");
        String number = shop.paidOrder(sku, 1, "lamp-" + shop.id + "@example.org").get("number").asString();
        Invoice invoice = invoiceOf(number);

        orders.cancel(new OrderNumber(number), "Article endommagé au départ");

        Invoice note = creditNoteOf(number);
        assertThat(note.number().prefix()).isEqualTo("AV");
        assertThat(note.originalInvoice()).hasValueSatisfying(original -> {
            assertThat(original.number()).isEqualTo(invoice.number());
            assertThat(original.issueDate()).isEqualTo(invoice.issueDate());
        });
        assertThat(note.creditReason()).hasValueSatisfying(reason -> assertThat(reason).contains("Article endommagé"));
        assertThat(note.totals().payable()).isEqualTo(invoice.totals().payable());
        assertThat(note.totals().vat()).isEqualTo(invoice.totals().vat());
        assertThat(note.lines()).extracting(line -> line.creditedLine().orElseThrow())
                .containsExactlyElementsOf(invoice.lines().stream().map(Invoice.Line::number).toList());
        assertThat(note.payment()).isEmpty();

        // Told again (cancellation and refund events both arrive): nothing more.
        invoicer.settle(new OrderNumber(number), java.util.Optional.of("Remboursement intégral de la commande"));
        assertThat(invoicing.documentsOf(number)).containsExactly(invoice, note);
    }

    @Test
    void paidOrderRefundedInFullIsCredited() {
        String sku = shop.product("vase", "35.00");
        JsonNode placed = shop.paidOrder(sku, 1, "vase-" + shop.id + "@example.org");
        String number = placed.get("number").asString();
        Invoice invoice = invoiceOf(number);
        var payment = payments.forReference(number).getFirst();

        payments.refund(payment.id(), payment.amount(), "refund-" + shop.id);

        Invoice note = creditNoteOf(number);
        assertThat(note.originalInvoice().orElseThrow().number()).isEqualTo(invoice.number());
        assertThat(note.creditReason()).contains("Remboursement intégral de la commande");
        assertThat(note.totals().payable()).isEqualTo(invoice.totals().payable());
    }

    @Test
    void paidOrderIsOwedItsInvoiceUntilTheSettingsAreConfirmed() {
        String sku = shop.product("rug", "120.00");

        String number = placeWithUnconfirmedSettings(sku);
        invoicer.settleOwed(1000);

        assertThat(invoicing.documentsOf(number)).singleElement()
                .satisfies(invoice -> assertThat(invoice.type()).isEqualTo(InvoiceType.INVOICE));
        assertThat(invoicing.owedInvoices(1000)).noneMatch(owed -> owed.orderReference().equals(number));
    }

    /** An order paid while the settings are unconfirmed is owed its invoice; the settings are then confirmed. */
    private String placeWithUnconfirmedSettings(String sku) {
        jdbc.sql("UPDATE invoicing.merchant_settings SET confirmed_at = NULL").update();
        try {
            String number = shop.paidOrder(sku, 1, "rug-" + shop.id + "@example.org").get("number").asString();
            await().atMost(Duration.ofSeconds(20)).until(() -> invoicing.owedInvoices(1000).stream()
                    .anyMatch(owed -> owed.orderReference().equals(number)));
            assertThat(invoicing.owedInvoices(1000)).filteredOn(owed -> owed.orderReference().equals(number))
                    .singleElement().satisfies(owed -> assertThat(owed.problem()).contains("merchant settings"));
            assertThat(invoicing.documentsOf(number)).isEmpty();
            return number;
        } finally {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        }
    }

    private Invoice invoiceOf(String number) {
        List<Invoice> documents = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty());
        return documents.getFirst();
    }

    private Invoice creditNoteOf(String number) {
        List<Invoice> documents = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> found.stream().anyMatch(Invoice::isCreditNote));
        return documents.stream().filter(Invoice::isCreditNote).findFirst().orElseThrow();
    }

    private static BigDecimal amount(JsonNode money) {
        return new BigDecimal(money.get("amount").asString());
    }
}

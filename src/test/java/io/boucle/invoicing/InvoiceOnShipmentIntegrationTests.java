package io.boucle.invoicing;

import java.time.Duration;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.fulfilment.Fulfilment;
import io.boucle.order.OrderNumber;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The merchant chooses when orders are invoiced: when paid (the default) or when their first parcel ships. */
@IntegrationTest
class InvoiceOnShipmentIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    JdbcClient jdbc;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.PAID);
        shop = new ShopFixtures(new Http(port), json, catalog);
    }

    @Test
    void invoicesWhenPaidByDefaultAndNotAgainWhenShipped() {
        assertThat(invoicing.invoiceWhen()).isEqualTo(InvoiceWhen.PAID);
        String sku = shop.product("kettle", "45.00");
        String number = shop.paidOrder(sku, 1, "kettle-" + shop.id + "@example.org").get("number").asString();

        Invoice invoice = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty()).getFirst();
        fulfilment.ship(new OrderNumber(number), "colissimo", "KT" + shop.id, null);
        awaitHandled("OrderShipped", number);

        assertThat(invoicing.documentsOf(number)).containsExactly(invoice);
    }

    @Test
    void invoicesWhenTheFirstParcelShipsWhenTheMerchantSaysSo() {
        String sku = shop.product("teapot", "30.00");
        try {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.SHIPPED);
            assertThat(invoicing.invoiceWhen()).isEqualTo(InvoiceWhen.SHIPPED);
            String number = shop.paidOrder(sku, 2, "teapot-" + shop.id + "@example.org").get("number").asString();
            awaitHandled("OrderPaid", number);
            assertThat(invoicing.documentsOf(number)).as("paid, not shipped yet").isEmpty();

            fulfilment.ship(new OrderNumber(number), "colissimo", "TP" + shop.id, java.util.Map.of(1, 1));

            List<Invoice> documents = await().atMost(Duration.ofSeconds(20))
                    .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty());
            assertThat(documents).singleElement().satisfies(invoice -> {
                assertThat(invoice.type()).isEqualTo(InvoiceType.INVOICE);
                assertThat(invoice.line(1).quantity()).as("the whole order, not the parcel").isEqualTo(2);
            });

            fulfilment.ship(new OrderNumber(number), "colissimo", "TQ" + shop.id, null);
            assertThat(invoicing.documentsOf(number)).as("the second parcel invoices nothing more").hasSize(1);
        } finally {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.PAID);
        }
        assertThat(invoicing.invoiceWhen()).isEqualTo(InvoiceWhen.PAID);
    }

    /** Waits until invoicing's listener of the order's event has completed. */
    private void awaitHandled(String event, String number) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FILTER (WHERE completion_date IS NOT NULL) = count(*) AND count(*) > 0
                FROM platform.event_publication
                WHERE event_type LIKE :type AND serialized_event LIKE :number AND listener_id LIKE '%OrderInvoicing%'
                """).param("type", "%." + event).param("number", "%" + number + "%").query(Boolean.class).single());
    }
}

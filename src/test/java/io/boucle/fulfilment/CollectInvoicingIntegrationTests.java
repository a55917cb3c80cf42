package io.boucle.fulfilment;

import java.time.Duration;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.InvoiceWhen;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With invoices issued on shipment, a click & collect order, which ships no parcel, is invoiced when collected. */
@IntegrationTest
class CollectInvoicingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void clickAndCollectOrderIsInvoicedWhenCollected() {
        StoreFixtures store = new StoreFixtures(new Http(port), json, catalog);
        ShippingScenario scenario = new ShippingScenario(new Http(port), store, orders);
        String sku = store.product("retrait-facture", "18.00", 5);
        try {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.SHIPPED);
            OrderNumber number = scenario.paidCollectOrder("collect-inv-" + store.id + "@example.org", sku, 1).number();
            fulfilment.readyForPickup(number);
            awaitInvoicingHandled("OrderPaid", number);
            assertThat(invoicing.documentsOf(number.value())).as("ready, not collected yet").isEmpty();

            String code = jdbc.sql("SELECT pickup_code FROM fulfilment.order_fulfilment WHERE order_number = :n")
                    .param("n", number.value()).query(String.class).single();
            fulfilment.collect(number, code);

            List<Invoice> documents = await().atMost(Duration.ofSeconds(20))
                    .until(() -> invoicing.documentsOf(number.value()), found -> !found.isEmpty());
            assertThat(documents).singleElement().satisfies(invoice -> assertThat(invoice.isCreditNote()).isFalse());
        } finally {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.PAID);
        }
    }

    private void awaitInvoicingHandled(String event, OrderNumber number) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FILTER (WHERE completion_date IS NOT NULL) = count(*) AND count(*) > 0
                FROM platform.event_publication
                WHERE event_type LIKE :type AND serialized_event LIKE :number AND listener_id LIKE '%OrderInvoicing%'
                """).param("type", "%." + event).param("number", "%" + number.value() + "%").query(Boolean.class).single());
    }
}

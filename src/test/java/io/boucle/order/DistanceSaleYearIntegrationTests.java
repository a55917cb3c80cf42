package io.boucle.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.Buyer;
import io.boucle.tax.Destination;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.Sale;
import io.boucle.tax.SaleLine;
import io.boucle.tax.TaxCategory;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatEngine;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An order's distance sale counts in the year its VAT was assessed for, not the year the clock reads a moment later. */
@IntegrationTest
class DistanceSaleYearIntegrationTests {

    @Autowired
    Orders orders;

    @Autowired
    DistanceSalesLedger ledger;

    @Autowired
    VatEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    Instant start;

    @AfterEach
    void restoreClock() {
        if (start != null) {
            clock.set(start);
        }
    }

    @Test
    void anOrderAssessedOnTheLastDayOfTheYearCountsInThatYearThoughPlacedAfterMidnight() {
        start = clock.instant();
        LocalDate saleDate = LocalDate.parse("2021-12-31");
        // Assessed at 23:59:59.9 in Paris, placed a second later, in the new year.
        clock.set(Instant.parse("2021-12-31T22:59:59.900Z"));
        VatAssessment vat = engine.assess(new Sale(saleDate, List.of(SaleLine.goods("1", TaxCategory.STANDARD, 1, eur("120.00"))),
                Money.zero(Money.EUR), new Destination(CountryCode.of("DE"), "10115"), Buyer.consumer(), DistanceSales.none()));
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("100.00"));
        NewOrder.Address address = new NewOrder.Address("Alex Morel", "1 Hauptstrasse", null, "10115", "Berlin", "DE");
        NewOrder order = new NewOrder(UUID.randomUUID(), null, null, EmailAddress.of("nye-" + UUID.randomUUID() + "@example.org"),
                Locale.FRANCE, address, address, null,
                new NewOrder.DeliveryChoice("home", "HOME", LocalizedText.of("Domicile", "Home"), eur("0.00"), eur("0.00"),
                        LocalDate.parse("2022-01-04"), LocalDate.parse("2022-01-06"), null),
                List.of(new NewOrder.Line("NYE-1", "nye", "Lampe", 1, eur("120.00"), eur("0.00"), eur("120.00"),
                        new BigDecimal("20"), false)),
                new NewOrder.Totals(eur("120.00"), eur("0.00"), eur("0.00"),
                        List.of(new NewOrder.VatLine(new BigDecimal("20"), eur("100.00"), eur("20.00"))), eur("20.00"),
                        eur("120.00")),
                List.of(), "card", null, vat, ExchangeRate.identity(saleDate), vat, saleDate);

        OrderView placed = new TransactionTemplate(transactions).execute(status -> {
            ledger.exact(saleDate);
            clock.advance(Duration.ofSeconds(1));
            return orders.place(order, Duration.ofHours(1));
        });

        assertThat(jdbc.sql("SELECT year FROM orders.distance_sale WHERE order_number = :number")
                .param("number", placed.number().value()).query(Integer.class).single())
                .as("the year read under the lock at 23:59:59.9").isEqualTo(2021);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}

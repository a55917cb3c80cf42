package io.boucle.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.boucle.invoicing.CreditNoteRequest.LineCredit;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credit notes of some units or amounts of an invoice's lines, stored, concurrent and refused. */
@IntegrationTest
class PartialCreditNotesIntegrationTests {

    static final int THREADS = 8;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void confirmDemoSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    @AfterEach
    void restoreClock() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    Invoice threeMugs(String name) {
        return invoicing.issueInvoice(anOrder("ORD-" + id + "-" + name).with(goods("MUG", STANDARD, 3, "10.00", "Mug"))
                .delivery("9.90").request());
    }

    @Test
    void concurrentCreditNotesOfOneUnitEachNeverCreditMoreUnitsThanTheLineHas() throws Exception {
        Invoice invoice = threeMugs("concurrent");

        List<Future<Invoice>> futures = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < THREADS; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return invoicing.issueCreditNote(CreditNoteRequest.of(invoice.number(), "Retour", LineCredit.units(1, 1)));
                }));
            }
            start.countDown();
            List<Invoice> issued = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<Invoice> future : futures) {
                try {
                    issued.add(future.get(2, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }

            assertThat(issued).as("one unit each, three units").hasSize(3);
            assertThat(refused).hasSize(THREADS - 3).allSatisfy(cause -> assertThat(cause).isInstanceOf(CreditNoteRefused.class)
                    .hasMessageContaining("line 1 of " + invoice.number().value() + " is credited in full already"));
            Invoice.Line line = invoice.line(1);
            List<Invoice.Line> credited = issued.stream().flatMap(note -> note.lines().stream()).toList();
            assertThat(credited.stream().map(Invoice.Line::totalInclVat).reduce(Money::plus).orElseThrow())
                    .isEqualTo(line.totalInclVat());
            assertThat(credited.stream().map(Invoice.Line::totalExclVat).reduce(Money::plus).orElseThrow())
                    .isEqualTo(line.totalExclVat());
            assertThat(invoicing.documentsOf(invoice.orderReference())).hasSize(4);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCreditBeyondWhatRemainsIsRefusedWithNothingWrittenAndNoNumberTaken() {
        Invoice invoice = threeMugs("beyond");
        Invoice first = invoicing.issueCreditNote(CreditNoteRequest.of(invoice.number(), "Retour", LineCredit.units(1, 2),
                LineCredit.amount(2, Money.euros("4.90"))));
        long counter = counter(first.number());

        assertThatThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.of(invoice.number(), "Retour",
                LineCredit.units(1, 2)))).isInstanceOf(CreditNoteRefused.class)
                .hasMessage("line 1 of " + invoice.number().value() + " has 1 of its 3 units left to credit, not 2");
        assertThatThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.of(invoice.number(), "Retour",
                LineCredit.units(1, 1), LineCredit.amount(2, Money.euros("5.01"))))).isInstanceOf(CreditNoteRefused.class)
                .hasMessageContaining("5.00 EUR incl. VAT left");

        assertThat(invoicing.documentsOf(invoice.orderReference())).as("nothing written").containsExactly(invoice, first);
        assertThat(counter(first.number())).as("no number taken").isEqualTo(counter);
        Invoice rest = invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Retour"));
        assertThat(rest.number().sequence()).as("the series goes on without a gap").isEqualTo(counter + 1);
        assertThat(rest.lines()).extracting(Invoice.Line::totalInclVat)
                .containsExactly(Money.euros("10.00"), Money.euros("5.00"));
        assertThat(first.totals().payable().plus(rest.totals().payable())).isEqualTo(invoice.totals().payable());
        assertThatThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Encore")))
                .isInstanceOf(CreditNoteRefused.class).hasMessageContaining("credited in full");
        assertThat(invoicing.creditRemainder(invoice.orderReference(), "Encore")).isEmpty();
    }

    @Test
    void aPartialCreditNoteIsStoredAsIssuedAndKeepsTheChainIntact() {
        Invoice invoice = threeMugs("stored");

        Invoice note = invoicing.issueCreditNote(CreditNoteRequest.of(invoice.number(), "Frais de livraison express",
                LineCredit.amount(2, Money.euros("4.90"))));

        assertThat(invoicing.find(note.number())).contains(note);
        assertThat(note.lines().getFirst().creditedUnits()).isZero();
        assertThat(jdbc.sql("SELECT credited_units FROM invoicing.document_line l JOIN invoicing.document d ON d.id = l.document_id"
                + " WHERE d.number = :number").param("number", note.number().value()).query(Integer.class).single()).isZero();
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
        Invoice remainder = invoicing.creditRemainder(invoice.orderReference(), "Annulation").orElseThrow();
        assertThat(remainder.lines()).extracting(line -> line.creditedLine().orElseThrow()).containsExactly(1, 2);
        assertThat(remainder.line(2).totalInclVat()).isEqualTo(Money.euros("5.00"));
    }

    private long counter(InvoiceNumber number) {
        return jdbc.sql("SELECT last_number FROM invoicing.series WHERE prefix = :prefix AND year = :year")
                .param("prefix", number.prefix()).param("year", number.year()).query(Long.class).single();
    }
}

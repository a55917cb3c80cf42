package io.boucle.invoicing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class InvoiceNumberingConcurrencyIntegrationTests {

    static final int ISSUES = 100;
    static final int THREADS = 8;

    @Autowired
    Invoicing invoicing;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    record Outcome(String orderReference, InvoiceNumber number, boolean committed) {
    }

    @Test
    void concurrentIssuesWithAThirdRolledBackLeaveOneContiguousSeriesWithoutRepeats() throws Exception {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        String seriesName = "F" + InvoiceContent.issueDate(clock.instant()).getYear();
        long before = lastNumber(seriesName);

        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < ISSUES; i++) {
                String orderReference = "ORD-" + id + "-" + i;
                boolean rollBack = i % 3 == 0;
                futures.add(threads.submit(() -> {
                    start.await();
                    // The issuing transaction: the one the event listener will run. Some fail after the
                    // number was taken (a crash, a constraint): they must give it back.
                    return transactions.execute(status -> {
                        Invoice invoice = invoicing.issueInvoice(anOrder(orderReference)
                                .with(goods("MUG", STANDARD, 1, "24.00", "Mug")).request());
                        if (rollBack) {
                            status.setRollbackOnly();
                        }
                        return new Outcome(orderReference, invoice.number(), !rollBack);
                    });
                }));
            }
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(2, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }

        List<Outcome> committed = outcomes.stream().filter(Outcome::committed).toList();
        List<Outcome> rolledBack = outcomes.stream().filter(outcome -> !outcome.committed()).toList();
        assertThat(committed).hasSize(66);
        assertThat(rolledBack).hasSize(34);

        // Invoices of other tests' paid orders may take numbers of the same series meanwhile (saving the
        // settings issues the owed ones): the series as a whole must have no gap and no repeat.
        List<Long> numbers = committed.stream().map(outcome -> outcome.number().sequence()).sorted().toList();
        assertThat(numbers).as("one number each, none repeated").doesNotHaveDuplicates().allMatch(number -> number > before);
        // Counter, last number and documents read in one statement, so in one snapshot: other tests'
        // invoices may still be issued in this series while these lines run.
        long[] state = jdbc.sql("""
                SELECT s.last_number,
                       (SELECT coalesce(max(d.sequence), 0) FROM invoicing.document d WHERE d.series = :series),
                       (SELECT count(DISTINCT d.sequence) FROM invoicing.document d WHERE d.series = :series AND d.sequence > :before)
                FROM invoicing.series s WHERE s.prefix || s.year = :series
                """).param("series", seriesName).param("before", before)
                .query((row, n) -> new long[] { row.getLong(1), row.getLong(2), row.getLong(3) }).single();
        long counter = state[0];
        assertThat(state[2]).as("the counter consumed nothing for rolled-back issues: every number taken since is a document")
                .isEqualTo(counter - before);
        assertThat(state[1]).isEqualTo(counter);
        for (Outcome outcome : committed) {
            assertThat(invoicing.documentsOf(outcome.orderReference())).singleElement()
                    .extracting(Invoice::number).isEqualTo(outcome.number());
        }
        for (Outcome outcome : rolledBack) {
            assertThat(invoicing.documentsOf(outcome.orderReference())).as("rolled back").isEmpty();
            assertThat(outcome.number().sequence()).as("its number was not consumed: a later issue took it, or the next one will")
                    .isLessThanOrEqualTo(counter + 1);
        }
        // The whole series, whoever issued in it: 1..N, each once.
        assertThat(jdbc.sql("""
                SELECT count(*) = max(sequence) AND min(sequence) = 1 AND count(DISTINCT sequence) = count(*)
                FROM invoicing.document WHERE series = :series
                """).param("series", seriesName).query(Boolean.class).single()).isTrue();
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
    }

    private long lastNumber(String series) {
        return jdbc.sql("SELECT coalesce(max(sequence), 0) FROM invoicing.document WHERE series = :series")
                .param("series", series).query(Long.class).single();
    }
}

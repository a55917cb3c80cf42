package io.boucle.invoicing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code verify-invoice-chain} command's report and exit code, on the shared database. */
@IntegrationTest
class InvoiceChainCommandIntegrationTests {

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void confirmDemoSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    record Run(int exitCode, String output) {
    }

    Run command() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = InvoiceChainCommand.report(invoicing.verifyChain(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(code, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void intactChainPrintsEachSeriesAndExitsWithZero() {
        Invoice invoice = issue("intact", "24.00");
        Invoice note = invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Annulée"));

        Run run = command();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("Invoice chain OK: ").doesNotContain("ALTERED", "INCOMPLETE");
        // Numbers issued since by other tests' orders may follow them: each series runs from 1 to at least these.
        assertThat(lastVerified(run, invoice.number().series())).isGreaterThanOrEqualTo(invoice.number().sequence());
        assertThat(lastVerified(run, note.number().series())).isGreaterThanOrEqualTo(note.number().sequence());
    }

    @Test
    void alteredDocumentIsNamedWithItsSeriesAndTheExitCodeIsOne() {
        Invoice before = issue("before", "10.00");
        Invoice altered = issue("altered", "20.00");
        issue("after", "30.00");

        // Around the trigger, as someone with the table owner's rights could, in a transaction rolled back at
        // the end: the shared database is left as it was.
        Run run = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE invoicing.document_line DISABLE TRIGGER document_line_immutable").update();
            jdbc.sql("""
                    UPDATE invoicing.document_line SET description = 'Mug en porcelaine'
                    WHERE document_id = (SELECT id FROM invoicing.document WHERE number = :number)
                    """).param("number", altered.number().value()).update();
            jdbc.sql("ALTER TABLE invoicing.document_line ENABLE TRIGGER document_line_immutable").update();
            return command();
        });

        assertThat(run.exitCode()).as(run.output()).isEqualTo(InvoiceChainCommand.BROKEN);
        List<String> lines = run.output().lines().toList();
        assertThat(lines.getFirst()).startsWith("Invoice chain ALTERED: first altered document " + altered.number().value()
                + " (position ").contains("no longer matches its hash");
        String series = altered.number().series();
        assertThat(before.number().series()).isEqualTo(series);
        assertThat(lines).contains("  series " + series + ": 1 to " + (altered.number().sequence() - 1) + " intact, then "
                + altered.number().value() + " ALTERED");
        assertThat(lines.getLast()).isEqualTo("  documents after the first altered or missing one are not checked");
        assertThat(command().exitCode()).as("rolled back: intact again").isZero();
    }

    @Test
    void onlyItsOwnNameStartsTheCommand() {
        assertThat(InvoiceChainCommand.requested("verify-invoice-chain", "--boucle.data-dir=data")).isTrue();
        assertThat(InvoiceChainCommand.requested()).isFalse();
        assertThat(InvoiceChainCommand.requested("--server.port=9090", "verify-invoice-chain")).isFalse();
    }

    private Invoice issue(String name, String price) {
        return invoicing.issueInvoice(anOrder("ORD-" + id + "-" + name).with(goods("MUG", STANDARD, 1, price, "Mug")).request());
    }

    private static long lastVerified(Run run, String series) {
        String prefix = "  series " + series + ": ";
        String line = run.output().lines().filter(text -> text.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line for " + series + " in\n" + run.output()));
        assertThat(line).endsWith(" intact");
        String range = line.substring(prefix.length(), line.length() - " intact".length());
        assertThat(range).startsWith("1 to ");
        return Long.parseLong(range.substring("1 to ".length()));
    }
}

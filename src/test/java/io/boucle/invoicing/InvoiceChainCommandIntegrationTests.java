package io.boucle.invoicing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.zaxxer.hikari.HikariDataSource;
import io.boucle.BoucleApplication;
import io.boucle.platform.database.DatabaseMigrations;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The {@code verify-invoice-chain} command's report and exit code, on the shared database. */
@IntegrationTest
class InvoiceChainCommandIntegrationTests {

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

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
    void theCommandStartsReadOnlyVerifiesAndWritesNothing() throws Exception {
        issue("command", "12.00");
        String ownerHash = ownerPasswordHash();
        long migrationsApplied = migrationsApplied();

        Started started = start(database().getJdbcUrl());

        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(started.output()).startsWith("Invoice chain OK: ");
        assertThat(started.schedulerStarted()).as("the job scheduler is built but never started").isFalse();
        assertThat(started.jobsEnabled()).isEqualTo("false");
        assertThat(started.firstOwner()).as("no first owner account opened or updated").isFalse();
        assertThat(ownerPasswordHash()).as("the owner's password was not set again").isEqualTo(ownerHash);
        assertThat(migrationsApplied()).as("no migration applied").isEqualTo(migrationsApplied);
    }

    @Test
    void aDatabaseBehindThisVersionIsNotMigratedAndNotVerified() throws Exception {
        assumeTrue(jdbc.sql("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class).single(), "the test database's user may create a database");
        String name = "chain_behind_" + id;
        jdbc.sql("CREATE DATABASE " + name).update();
        try {
            String url = database().getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);

            Started started = start(url);

            assertThat(started.exitCode()).as(started.output()).isEqualTo(InvoiceChainCommand.NOT_VERIFIED);
            assertThat(started.output()).startsWith("Invoice chain NOT VERIFIED: The database is behind this version")
                    .contains("not applied: they are only validated");
            try (Connection connection = DriverManager.getConnection(url, database().getUsername(), database().getPassword());
                    ResultSet schemas = connection.createStatement().executeQuery(
                            "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('invoicing', 'staff', 'platform')")) {
                assertThat(schemas.next()).isTrue();
                assertThat(schemas.getLong(1)).as("no schema created, no migration applied").isZero();
            }
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
        }
    }

    @Test
    void onlyItsOwnNameStartsTheCommand() {
        assertThat(InvoiceChainCommand.requested("verify-invoice-chain", "--boucle.data-dir=data")).isTrue();
        assertThat(InvoiceChainCommand.requested()).isFalse();
        assertThat(InvoiceChainCommand.requested("--server.port=9090", "verify-invoice-chain")).isFalse();
    }

    record Started(int exitCode, String output, Boolean schedulerStarted, String jobsEnabled, Boolean firstOwner) {
    }

    /**
     * Runs the command as {@code java -jar boucle.jar verify-invoice-chain} does, on the database at {@code url}, and
     * notes what the started application holds once it is ready. Only the application's own classes are scanned: the
     * tests' configuration stays out of it, as it is out of the jar.
     */
    private Started start(String url) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicReference<Started> ready = new AtomicReference<>(new Started(-1, "", null, null, null));
        SpringApplication spring = new SpringApplication(BoucleApplication.class);
        spring.addInitializers(context -> context.getBeanFactory().registerSingleton("mainClassesOnly", new MainClassesOnly()));
        spring.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> ready.set(new Started(-1, "",
                event.getApplicationContext().getBean(Scheduler.class).getSchedulerState().isStarted(),
                event.getApplicationContext().getEnvironment().getProperty("boucle.jobs.enabled"),
                event.getApplicationContext().containsBean("firstOwner"))));
        int code = InvoiceChainCommand.run(spring, new String[] {InvoiceChainCommand.NAME, "--boucle.database.url=" + url,
                "--boucle.database.user=" + database().getUsername(),
                "--boucle.database.password=" + (database().getPassword() == null ? "" : database().getPassword())},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        Started seen = ready.get();
        return new Started(code, printed.toString(StandardCharsets.UTF_8), seen.schedulerStarted(), seen.jobsEnabled(),
                seen.firstOwner());
    }

    /** Leaves out of the scan what the tests compile: their configurations, probes and database reset. */
    static final class MainClassesOnly extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MainClassesOnly;
        }

        @Override
        public int hashCode() {
            return MainClassesOnly.class.hashCode();
        }
    }

    private HikariDataSource database() {
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String ownerPasswordHash() {
        return jdbc.sql("SELECT password_hash FROM staff.account WHERE email = 'owner@boucle.test'").query(String.class).single();
    }

    private long migrationsApplied() {
        return DatabaseMigrations.modules().stream().mapToLong(module -> jdbc.sql(
                "SELECT count(*) FROM \"" + module + "\".flyway_schema_history").query(Long.class).single()).sum();
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

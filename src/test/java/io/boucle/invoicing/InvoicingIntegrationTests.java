package io.boucle.invoicing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.invoicing.InvoiceFixtures.service;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class InvoicingIntegrationTests {

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

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

    String order(String name) {
        return "ORD-" + id + "-" + name;
    }

    InvoiceRequest simpleOrder(String name, String price) {
        return anOrder(order(name)).with(goods("MUG", STANDARD, 1, price, "Mug en grès")).request();
    }

    // Issuing and reading back

    @Test
    void issuedInvoiceIsStoredWithEveryFigureAndMentionItShows() {
        InvoiceRequest request = anOrder(order("full"))
                .by(InvoiceBuyer.business("Paul Roux", "Roux SARL",
                        PostalAddress.of("3 quai Saint-Antoine", "Bâtiment B", "69002", "Lyon", "FR"), "732829320",
                        "FR44732829320"))
                .with(goods("MUG", STANDARD, 3, "12.90", "Mug en grès, 30 cl"),
                        goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre « La céramique »"),
                        secondHand("COAT", "160.00", "100.00", "Manteau en laine"),
                        service("ENGRAVING", STANDARD, "18.00", "Gravure des initiales"))
                .delivery("5.90").request();

        Invoice issued = invoicing.issueInvoice(request);

        assertThat(issued.number().prefix()).isEqualTo("F");
        assertThat(issued.number().year()).isEqualTo(issued.issueDate().getYear());
        assertThat(issued.issueDate()).isEqualTo(InvoiceContent.issueDate(clock.instant()));
        assertThat(issued.lines()).hasSize(4 + request.assessment().delivery().size());
        assertThat(issued.totals().payable()).isEqualTo(request.assessment().totals().payable());
        assertThat(issued.mentions()).extracting(Invoice.Mention::kind).contains(MentionKind.MARGIN_SCHEME_SECOND_HAND,
                MentionKind.LATE_PAYMENT_PENALTIES, MentionKind.RECOVERY_INDEMNITY);
        assertThat(issued.seller().legalName()).isEqualTo("Boucle Démo SAS");

        Invoice stored = invoicing.find(issued.number()).orElseThrow();
        assertThat(stored).as("read back exactly as issued").isEqualTo(issued);
        assertThat(CanonicalForm.of(stored)).isEqualTo(CanonicalForm.of(issued));
        assertThat(invoicing.documentsOf(order("full"))).containsExactly(issued);
        assertThat(jdbc.sql("SELECT count(*) FROM invoicing.document_line l JOIN invoicing.document d ON d.id = l.document_id"
                + " WHERE d.number = :number").param("number", issued.number().value()).query(Long.class).single())
                .isEqualTo(issued.lines().size());
    }

    @Test
    void orderIsInvoicedOnceWhateverTheRedeliveries() {
        Invoice first = invoicing.issueInvoice(simpleOrder("once", "24.00"));
        Invoice again = invoicing.issueInvoice(simpleOrder("once", "24.00"));

        assertThat(again).isEqualTo(first);
        assertThat(invoicing.documentsOf(order("once"))).hasSize(1);
        assertThatIllegalStateException().isThrownBy(() -> invoicing.issueInvoice(simpleOrder("once", "30.00")))
                .withMessageContaining(first.number().value()).withMessageContaining("credit note");
    }

    @Test
    void settingsChangedLaterDoNotChangeIssuedInvoices() {
        Invoice issued = invoicing.issueInvoice(simpleOrder("snapshot", "24.00"));
        MerchantSettings demo = InvoiceFixtures.demoSettings();
        invoicing.updateMerchantSettings(new MerchantSettings("Boucle Paris SAS", demo.legalForm(),
                PostalAddress.of("1 place de la Bastille", null, "75004", "Paris", "FR"), demo.siren(), demo.siret(),
                demo.vatNumber(), demo.rcs(), demo.shareCapital(), demo.vatOnDebits(), demo.paymentTerms(),
                demo.paymentTermDays(), demo.earlyPaymentDiscount(), demo.latePaymentPenalties(), demo.recoveryIndemnity(),
                demo.invoicePrefix(), demo.creditNotePrefix()));

        Invoice next = invoicing.issueInvoice(simpleOrder("snapshot-2", "24.00"));

        assertThat(invoicing.find(issued.number()).orElseThrow().seller().legalName()).isEqualTo("Boucle Démo SAS");
        assertThat(next.seller().legalName()).isEqualTo("Boucle Paris SAS");
        assertThat(next.seller().address().city()).isEqualTo("Paris");
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
    }

    @Test
    void noInvoiceIsIssuedBeforeAnOwnerConfirmedTheSettings() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE invoicing.merchant_settings SET confirmed_at = NULL").update();
            assertThatIllegalStateException().isThrownBy(() -> invoicing.issueInvoice(simpleOrder("unconfirmed", "24.00")))
                    .withMessageContaining("owner");
            status.setRollbackOnly();
        });
        assertThat(invoicing.documentsOf(order("unconfirmed"))).isEmpty();
    }

    // Numbering

    @Test
    void numbersFollowEachOtherPerSeriesAndYearAndStartAgainAtOneInANewYear() {
        // 23:30 in Paris on 31 December 2031, then 00:30 on 1 January 2032: the date in France decides.
        clock.set(Instant.parse("2031-12-31T22:30:00Z"));
        Invoice first = invoicing.issueInvoice(simpleOrder("y1", "10.00"));
        Invoice second = invoicing.issueInvoice(simpleOrder("y2", "20.00"));
        Invoice credit = invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(first.number(), "Commande annulée"));
        clock.advance(Duration.ofHours(1));
        Invoice third = invoicing.issueInvoice(simpleOrder("y3", "30.00"));
        Invoice credit2032 = invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(second.number(), "Retour"));

        assertThat(first.number().value()).isEqualTo("F2031-000001");
        assertThat(second.number().value()).isEqualTo("F2031-000002");
        assertThat(credit.number().value()).as("credit notes have their own series").isEqualTo("AV2031-000001");
        assertThat(first.issueDate()).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(third.number().value()).isEqualTo("F2032-000001");
        assertThat(third.issueDate()).isEqualTo(LocalDate.of(2032, 1, 1));
        assertThat(credit2032.number().value()).isEqualTo("AV2032-000001");
        assertThat(credit2032.originalInvoice()).contains(new Invoice.Reference(second.number(), LocalDate.of(2031, 12, 31)));
    }

    @Test
    void rolledBackIssueConsumesNoNumber() {
        InvoiceNumber rolledBack = transactions.execute(status -> {
            Invoice invoice = invoicing.issueInvoice(simpleOrder("rolled-back", "24.00"));
            status.setRollbackOnly();
            return invoice.number();
        });

        Invoice next = invoicing.issueInvoice(simpleOrder("after-rollback", "24.00"));

        assertThat(next.number()).as("the number given back is the next one issued").isEqualTo(rolledBack);
        assertThat(invoicing.documentsOf(order("rolled-back"))).isEmpty();
    }

    // Credit notes

    @Test
    void creditNoteCitesTheInvoiceAndEachLineIsCreditedOnce() {
        Invoice invoice = invoicing.issueInvoice(anOrder(order("credit"))
                .with(goods("MUG", STANDARD, 2, "12.90", "Mug"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"))
                .delivery("4.90").request());

        Invoice first = invoicing.issueCreditNote(CreditNoteRequest.lines(invoice.number(), "Rétractation", 1));
        Invoice rest = invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Rétractation"));

        assertThat(first.type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(first.number().prefix()).isEqualTo("AV");
        assertThat(first.originalInvoice()).contains(new Invoice.Reference(invoice.number(), invoice.issueDate()));
        assertThat(first.totals().payable()).isEqualTo(Money.euros("25.80"));
        assertThat(rest.lines()).extracting(line -> line.creditedLine().orElseThrow()).as("what was not credited yet")
                .containsExactlyElementsOf(invoice.lines().stream().map(Invoice.Line::number).filter(n -> n != 1).toList());
        assertThat(first.totals().payable().plus(rest.totals().payable())).as("all of it, no more")
                .isEqualTo(invoice.totals().payable());
        assertThat(invoicing.documentsOf(order("credit"))).containsExactly(invoice, first, rest);

        assertThatIllegalStateException()
                .isThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.lines(invoice.number(), "Encore", 1)))
                .withMessageContaining(first.number().value());
        assertThatIllegalStateException()
                .isThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Encore")))
                .withMessageContaining("credited in full");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(first.number(), "Avoir d'avoir")))
                .withMessageContaining("credit note");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> invoicing.issueCreditNote(CreditNoteRequest.lines(invoice.number(), "Ligne", 99)))
                .withMessageContaining("99");
        assertThatIllegalArgumentException().isThrownBy(() -> invoicing.issueCreditNote(
                CreditNoteRequest.wholeInvoice(InvoiceNumber.of("F", 1999, 1), "Inconnue")));
    }

    // Immutability

    @Test
    void databaseRefusesToUpdateOrDeleteAnIssuedDocument() {
        Invoice invoice = invoicing.issueInvoice(anOrder(order("immutable")).with(secondHand("COAT", "160.00", "100.00", "Manteau"))
                .request());
        String number = invoice.number().value();
        String document = "(SELECT id FROM invoicing.document WHERE number = '" + number + "')";

        for (String change : List.of(
                "UPDATE invoicing.document SET buyer_name = 'Someone else' WHERE number = '" + number + "'",
                "UPDATE invoicing.document SET total_incl_vat = 0, total_excl_vat = 0 WHERE number = '" + number + "'",
                "DELETE FROM invoicing.document WHERE number = '" + number + "'",
                "UPDATE invoicing.document_line SET description = 'Autre chose' WHERE document_id = " + document,
                "DELETE FROM invoicing.document_line WHERE document_id = " + document,
                "UPDATE invoicing.document_vat SET vat_amount = 1 WHERE document_id = " + document,
                "DELETE FROM invoicing.document_mention WHERE document_id = " + document,
                "TRUNCATE invoicing.document_mention")) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change)
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("issued invoicing documents are immutable");
        }
        assertThat(invoicing.find(invoice.number())).contains(invoice);
    }

    @Test
    void chainVerificationNamesExactlyTheDocumentThatWasAltered() {
        Invoice before = invoicing.issueInvoice(simpleOrder("chain-1", "10.00"));
        Invoice altered = invoicing.issueInvoice(simpleOrder("chain-2", "20.00"));
        Invoice after = invoicing.issueInvoice(simpleOrder("chain-3", "30.00"));
        assertThat(invoicing.verifyChain()).isInstanceOf(ChainVerification.Intact.class);

        // Tampering as someone with the table owner's rights could: around the trigger. In a transaction
        // rolled back at the end, so the shared database is left as it was whatever happens.
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE invoicing.document_line DISABLE TRIGGER document_line_immutable").update();
            jdbc.sql("""
                    UPDATE invoicing.document_line SET description = 'Mug en porcelaine'
                    WHERE document_id = (SELECT id FROM invoicing.document WHERE number = :number)
                    """).param("number", altered.number().value()).update();
            jdbc.sql("ALTER TABLE invoicing.document_line ENABLE TRIGGER document_line_immutable").update();

            ChainVerification verification = invoicing.verifyChain();

            assertThat(verification).isInstanceOfSatisfying(ChainVerification.Altered.class, found ->
                    assertThat(found.document()).isEqualTo(altered.number().value()));
            assertThat(invoicing.find(after.number())).as("later documents are unchanged").contains(after);
            assertThat(invoicing.find(before.number())).contains(before);
        });

        assertThat(invoicing.verifyChain()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void aGapInASeriesIsReportedEvenWhenEveryHashHolds() {
        invoicing.issueInvoice(simpleOrder("gap-1", "10.00"));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            // A counter moved by hand: the next invoice skips five numbers, yet its hash is right.
            jdbc.sql("UPDATE invoicing.series SET last_number = last_number + 5").update();
            Invoice skipped = invoicing.issueInvoice(simpleOrder("gap-2", "20.00"));

            ChainVerification verification = invoicing.verifyChain();

            assertThat(verification).isInstanceOfSatisfying(ChainVerification.Incomplete.class, found ->
                    assertThat(found.toString()).contains(skipped.number().value()));
        });
        assertThat(invoicing.verifyChain()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void amountsChangedSoTheyNoLongerAddUpAreReportedAsAlterationNotAsACrash() {
        Invoice altered = invoicing.issueInvoice(simpleOrder("chain-amounts", "20.00"));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE invoicing.document_vat DISABLE TRIGGER document_vat_immutable").update();
            jdbc.sql("""
                    UPDATE invoicing.document_vat SET vat_amount = vat_amount - 1
                    WHERE document_id = (SELECT id FROM invoicing.document WHERE number = :number)
                    """).param("number", altered.number().value()).update();

            assertThat(invoicing.verifyChain()).isInstanceOfSatisfying(ChainVerification.Altered.class, found -> {
                assertThat(found.document()).isEqualTo(altered.number().value());
                assertThat(found.detail()).contains("not a valid document");
            });
        });
    }

    @Test
    void deletedLastDocumentIsReportedAsAMissingLink() {
        Invoice last = invoicing.issueInvoice(simpleOrder("chain-tail", "20.00"));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            for (String table : List.of("document_file", "document_mention", "document_vat", "document_line", "document")) {
                jdbc.sql("ALTER TABLE invoicing." + table + " DISABLE TRIGGER " + table + "_immutable").update();
            }
            String id = "(SELECT id FROM invoicing.document WHERE number = '" + last.number().value() + "')";
            // Its Factur-X, made meanwhile or not, goes too.
            jdbc.sql("DELETE FROM invoicing.document_file WHERE document_id = " + id).update();
            jdbc.sql("DELETE FROM invoicing.document_delivery WHERE document_id = " + id).update();
            jdbc.sql("DELETE FROM invoicing.document_mention WHERE document_id = " + id).update();
            jdbc.sql("DELETE FROM invoicing.document_vat WHERE document_id = " + id).update();
            jdbc.sql("DELETE FROM invoicing.document_line WHERE document_id = " + id).update();
            jdbc.sql("DELETE FROM invoicing.document WHERE number = :number").param("number", last.number().value()).update();

            assertThat(invoicing.verifyChain()).isInstanceOf(ChainVerification.Incomplete.class);
        });
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
    }

    // Events

    @Test
    void issuedDocumentsAreAnnouncedAfterCommitAndRolledBackOnesNever() {
        transactions.executeWithoutResult(status -> {
            invoicing.issueInvoice(simpleOrder("event-rolled-back", "24.00"));
            status.setRollbackOnly();
        });
        Invoice invoice = invoicing.issueInvoice(simpleOrder("event", "24.00"));
        invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Annulée"));

        await().atMost(Duration.ofSeconds(20)).until(() -> InvoicingEventsProbe.receivedInvoiceFor(order("event"))
                && InvoicingEventsProbe.receivedCreditNoteFor(order("event")));
        assertThat(InvoicingEventsProbe.RECEIVED).filteredOn(InvoiceIssued.class::isInstance)
                .map(InvoiceIssued.class::cast).filteredOn(event -> event.orderReference().equals(order("event")))
                .singleElement().satisfies(event -> {
                    assertThat(event.number()).isEqualTo(invoice.number());
                    assertThat(event.amountPayable()).isEqualTo(Money.euros("24.00"));
                    assertThat(event.issueDate()).isEqualTo(invoice.issueDate());
                });
        assertThat(InvoicingEventsProbe.receivedInvoiceFor(order("event-rolled-back"))).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM platform.event_publication WHERE serialized_event LIKE :order")
                .param("order", "%" + order("event-rolled-back") + "%").query(Long.class).single())
                .as("no publication recorded for a rolled-back issue").isZero();
    }

    // Settings

    @Test
    void invalidSettingsWriteNothing() {
        Invoice invoice = invoicing.issueInvoice(simpleOrder("prefixes", "24.00"));
        invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(invoice.number(), "Annulée"));
        MerchantSettings current = invoicing.merchantSettings();
        MerchantSettings demo = InvoiceFixtures.demoSettings();

        assertThatThrownBy(() -> invoicing.updateMerchantSettings(new MerchantSettings(demo.legalName(), demo.legalForm(),
                demo.address(), demo.siren(), demo.siret(), demo.vatNumber(), demo.rcs(), demo.shareCapital(),
                demo.vatOnDebits(), demo.paymentTerms(), demo.paymentTermDays(), demo.earlyPaymentDiscount(),
                demo.latePaymentPenalties(), demo.recoveryIndemnity(), "AV", "F")))
                .isInstanceOfSatisfying(InvalidMerchantSettings.class, e -> assertThat(e.problems())
                        .extracting(InvalidMerchantSettings.Problem::field)
                        .as("each prefix already numbers the other type").contains("invoicePrefix", "creditNotePrefix"));

        assertThat(invoicing.merchantSettings()).isEqualTo(current);
        assertThat(invoicing.merchantSettingsConfirmedAt()).isPresent();
    }
}

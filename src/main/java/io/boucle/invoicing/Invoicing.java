package io.boucle.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.boucle.audit.Audit;
import io.boucle.shared.Identifiers;
import io.boucle.shared.Money;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoicing facade: the merchant's settings, issuing invoices and credit notes, reading them, and
 * proving they are unchanged.
 *
 * <h2>Issuing</h2>
 * A document is stored only when final, with its number, in one short transaction that
 * <ol>
 * <li>locks the head of the hash chain (this serialises issuing, see {@link HashChain}),</li>
 * <li>takes the next number of the series ({@link Numbering}: a counter row, so a rollback consumes nothing),</li>
 * <li>dates it: the issue date is the date in France at that moment, so that a series' numbers and dates
 * rise together,</li>
 * <li>inserts it with its hash, moves the chain head, and publishes {@link InvoiceIssued} or
 * {@link CreditNoteIssued} in the event publication registry, delivered once the transaction commits.</li>
 * </ol>
 * The issuing methods join the caller's transaction so that a caller can make issuing atomic with its own
 * bookkeeping; that transaction must stay as short, and must not be the order's: see {@link Numbering} for
 * why invoices are issued after the order commits, from an event listener.
 *
 * <h2>Immutability</h2>
 * Issued documents are never updated or deleted: database triggers refuse it, and the hash chain shows it
 * ({@link #verifyChain()}) if it was done around them. Corrections and refunds are credit notes.
 */
@Service
public class Invoicing {

    /** Documents read at a time when walking the chain: bounded memory whatever the ten years hold. */
    private static final int CHAIN_PAGE = 500;

    private final MerchantSettingsStore settings;
    private final Numbering numbering;
    private final HashChain chain;
    private final IssuedDocuments documents;
    private final OwedInvoices owed;
    private final InvoiceFiles files;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final Audit audit;

    Invoicing(MerchantSettingsStore settings, Numbering numbering, HashChain chain, IssuedDocuments documents,
            OwedInvoices owed, InvoiceFiles files, ApplicationEventPublisher events, Clock clock, Audit audit) {
        this.audit = audit;
        this.settings = settings;
        this.owed = owed;
        this.files = files;
        this.numbering = numbering;
        this.chain = chain;
        this.documents = documents;
        this.events = events;
        this.clock = clock;
    }

    // Merchant settings

    @Transactional(readOnly = true)
    public MerchantSettings merchantSettings() {
        return settings.read().settings();
    }

    /**
     * When an owner last saved the settings; empty while they are the demo company's defaults, and then no
     * invoice can be issued.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> merchantSettingsConfirmedAt() {
        return settings.read().confirmedAt();
    }

    /**
     * Saves the settings (valid by construction, see {@link MerchantSettings}) and confirms them for issuing.
     * Documents already issued keep the seller they were issued with.
     *
     * @throws InvalidMerchantSettings naming the fields at fault; nothing is written
     */
    @Transactional
    public MerchantSettings updateMerchantSettings(MerchantSettings update) {
        Objects.requireNonNull(update, "update");
        List<InvalidMerchantSettings.Problem> problems = new ArrayList<>();
        // A prefix that numbered one type of document never numbers another: their numbers would collide.
        if (numbering.usedByAnotherType(update.invoicePrefix(), InvoiceType.INVOICE)) {
            problems.add(new InvalidMerchantSettings.Problem("invoicePrefix", "already numbers credit notes"));
        }
        if (numbering.usedByAnotherType(update.creditNotePrefix(), InvoiceType.CREDIT_NOTE)) {
            problems.add(new InvalidMerchantSettings.Problem("creditNotePrefix", "already numbers invoices"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMerchantSettings(problems);
        }
        MerchantSettings before = settings.read().settings();
        settings.save(update, Instant.now(clock));
        owed.allDue(Instant.now(clock));
        audit.record("merchant-settings.update", "merchant-settings", "merchant", changes(before, update));
        return update;
    }

    /** When orders are invoiced: when paid (the default) or when shipped. */
    @Transactional(readOnly = true)
    public InvoiceWhen invoiceWhen() {
        return settings.invoiceWhen();
    }

    /**
     * Saves the settings and when orders are invoiced, together (see
     * {@link #updateMerchantSettings(MerchantSettings)}); nothing is written when either is refused.
     */
    @Transactional
    public MerchantSettings updateMerchantSettings(MerchantSettings update, InvoiceWhen when) {
        Objects.requireNonNull(when, "when");
        InvoiceWhen before = settings.invoiceWhen();
        MerchantSettings saved = updateMerchantSettings(update);
        if (before != when) {
            settings.saveInvoiceWhen(when);
            audit.record("merchant-settings.update", "merchant-settings", "merchant", "invoiceWhen = " + when);
        }
        return saved;
    }

    /** The fields that differ, with their new values, for the audit log. */
    private static String changes(MerchantSettings before, MerchantSettings after) {
        List<String> changed = new ArrayList<>();
        for (java.lang.reflect.RecordComponent field : MerchantSettings.class.getRecordComponents()) {
            try {
                Object old = field.getAccessor().invoke(before);
                Object now = field.getAccessor().invoke(after);
                if (!Objects.equals(old, now)) {
                    changed.add(field.getName() + " = " + now);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed.isEmpty() ? "saved unchanged" : String.join("; ", changed);
    }

    // Issuing

    /**
     * Issues the invoice of an order: final, numbered, stored with every figure and mention it shows, its
     * seller copied from the settings now. One invoice per order: when the order already has one, that
     * invoice is returned and nothing is issued, so a redelivered event issues nothing twice.
     *
     * @throws IllegalArgumentException when the request does not make a valid invoice
     * @throws IllegalStateException    when the merchant settings were never confirmed, or the order's
     *                                  invoice exists with other amounts
     */
    @Transactional
    public Invoice issueInvoice(InvoiceRequest request) {
        Objects.requireNonNull(request, "request");
        MerchantSettings merchant = confirmedSettings();
        InvoiceContent.check(request);
        HashChain.Head head = chain.lock();
        Optional<IssuedDocuments.Stored> existing = documents.invoiceForOrder(request.orderReference());
        if (existing.isPresent()) {
            Invoice invoice = existing.get().document();
            if (invoice.totals().payable().compareTo(request.assessment().totals().payable()) != 0) {
                throw new IllegalStateException("order " + request.orderReference() + " already has the invoice "
                        + invoice.number() + " for " + invoice.totals().payable() + ": correct it with a credit note");
            }
            return invoice;
        }
        Instant issuedAt = now();
        InvoiceNumber number = numbering.next(InvoiceType.INVOICE, merchant.invoicePrefix(),
                InvoiceContent.issueDate(issuedAt).getYear());
        Invoice invoice = InvoiceContent.invoice(request, merchant, number, issuedAt);
        FrenchInvoiceRules.check(invoice);
        append(invoice, head, Optional.empty());
        events.publishEvent(new InvoiceIssued(number, invoice.orderReference(), invoice.issueDate(),
                invoice.totals().payable(), issuedAt));
        return invoice;
    }

    /**
     * Issues a credit note (type 381) citing the invoice's number and date: for all the invoice has not
     * credited yet, or per line for all that remains of it, some of its units, or an amount of it (see
     * {@link InvoiceContent#creditNote(Invoice, List, Map, String, MerchantSettings, InvoiceNumber, Instant)} for
     * the figures). Together, the credit notes of an invoice never credit more than it was invoiced: what was
     * credited is read with the invoice locked, so two credit notes of one invoice issued at the same time are
     * issued one after the other, and the second sees the first.
     *
     * @throws IllegalArgumentException when the invoice or a line does not exist, or the number is a credit note's
     * @throws CreditNoteRefused        when a line, or the whole invoice, has nothing left to credit, or less than
     *                                  asked; nothing is issued and no number taken
     */
    @Transactional
    public Invoice issueCreditNote(CreditNoteRequest request) {
        Objects.requireNonNull(request, "request");
        MerchantSettings merchant = confirmedSettings();
        HashChain.Head head = chain.lock();
        IssuedDocuments.Stored stored = documents.find(request.originalInvoice())
                .orElseThrow(() -> new IllegalArgumentException("no invoice " + request.originalInvoice()));
        Invoice original = stored.document();
        if (original.isCreditNote()) {
            throw new IllegalArgumentException(original.number() + " is a credit note: only an invoice can be credited");
        }
        Map<Integer, InvoiceContent.Credited> credited = creditedSoFar(stored);
        List<CreditNoteRequest.LineCredit> credits;
        if (request.creditsWholeInvoice()) {
            credits = remaining(original, credited);
            if (credits.isEmpty()) {
                throw new CreditNoteRefused(original.number() + " is credited in full already");
            }
        } else {
            credits = request.credits();
            credits.forEach(credit -> original.line(credit.line()));
        }
        return credit(stored, credits, credited, request.reason(), merchant, head);
    }

    /**
     * Credits what an order's invoice has not credited yet, in one credit note: for a cancellation or a
     * refund of the whole order. Nothing is issued when the order has no invoice, or its invoice is credited
     * in full already, so a redelivered event issues nothing twice.
     *
     * @return the credit note issued, if one was
     * @throws IllegalStateException when the merchant settings were never confirmed
     */
    @Transactional
    public Optional<Invoice> creditRemainder(String orderReference, String reason) {
        Objects.requireNonNull(orderReference, "orderReference");
        Texts.required(reason, "reason", Texts.LONG);
        MerchantSettings merchant = confirmedSettings();
        HashChain.Head head = chain.lock();
        Optional<IssuedDocuments.Stored> stored = documents.invoiceForOrder(orderReference);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, InvoiceContent.Credited> credited = creditedSoFar(stored.get());
        List<CreditNoteRequest.LineCredit> credits = remaining(stored.get().document(), credited);
        if (credits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(credit(stored.get(), credits, credited, reason, merchant, head));
    }

    /** What the invoice's credit notes credited of each line, read with the invoice locked until the transaction ends. */
    private Map<Integer, InvoiceContent.Credited> creditedSoFar(IssuedDocuments.Stored invoice) {
        documents.lockForCredit(invoice.id());
        return InvoiceContent.credited(invoice.document(), documents.creditNotesOf(invoice.id()));
    }

    /** All that remains of each line that has units left to credit. */
    private static List<CreditNoteRequest.LineCredit> remaining(Invoice original, Map<Integer, InvoiceContent.Credited> credited) {
        return original.lines().stream()
                .filter(line -> !credited.containsKey(line.number()) || credited.get(line.number()).units() < line.quantity())
                .map(line -> CreditNoteRequest.LineCredit.all(line.number())).toList();
    }

    private Invoice credit(IssuedDocuments.Stored stored, List<CreditNoteRequest.LineCredit> credits,
            Map<Integer, InvoiceContent.Credited> credited, String reason, MerchantSettings merchant, HashChain.Head head) {
        Invoice original = stored.document();
        Instant issuedAt = now();
        // Checked before numbering: a refusal takes no number (its rollback would give it back anyway).
        InvoiceContent.creditLines(original, credits, credited);
        InvoiceNumber number = numbering.next(InvoiceType.CREDIT_NOTE, merchant.creditNotePrefix(),
                InvoiceContent.issueDate(issuedAt).getYear());
        Optional<Money> vatInEurosLeft = original.taxCurrency().map(tax -> documents.creditNotesOf(stored.id()).stream()
                .map(note -> note.taxCurrency().orElseThrow().vatInEuros())
                .reduce(tax.vatInEuros(), Money::minus));
        Invoice note = InvoiceContent.creditNote(original, credits, credited, vatInEurosLeft, reason, merchant, number,
                issuedAt);
        FrenchInvoiceRules.check(note);
        append(note, head, Optional.of(stored.id()));
        events.publishEvent(new CreditNoteIssued(number, original.number(), note.orderReference(), note.issueDate(),
                note.totals().payable(), issuedAt));
        return note;
    }

    // Reading

    @Transactional(readOnly = true)
    public Optional<Invoice> find(InvoiceNumber number) {
        return documents.find(number).map(IssuedDocuments.Stored::document);
    }

    /**
     * Paid orders whose invoice could not be issued yet, oldest first, with why: they are tried again
     * automatically, and at once when the merchant settings are saved.
     */
    @Transactional(readOnly = true)
    public List<OwedInvoice> owedInvoices(int limit) {
        return owed.list(limit);
    }

    /**
     * The Factur-X of an issued invoice or credit note: its PDF/A-3 with the CII XML (profile EN16931)
     * embedded, made once and kept as sent (see {@link InvoiceFiles}). Not transactional: making it takes
     * a moment and holds no connection meanwhile.
     */
    public Optional<byte[]> pdf(InvoiceNumber number) {
        return files.of(number).map(InvoiceFiles.Stored::pdf);
    }

    /** The CII XML of an issued document, as its Factur-X embeds it. */
    public Optional<byte[]> xml(InvoiceNumber number) {
        return files.of(number).map(InvoiceFiles.Stored::xml);
    }

    /**
     * Issued invoices and credit notes, newest first: all, or those whose number or order is the query,
     * or whose buyer's name or company contains it; of one type, or both when {@code type} is empty.
     */
    @Transactional(readOnly = true)
    public io.boucle.shared.Page<InvoiceSummary> search(String query, Optional<InvoiceType> type, int page, int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new IllegalArgumentException("page from 0, size from 1 to 200");
        }
        return documents.search(query, type, page, size);
    }

    /** An order's invoice and credit notes, in the order they were issued. */
    @Transactional(readOnly = true)
    public List<Invoice> documentsOf(String orderReference) {
        return documents.forOrder(orderReference);
    }

    /**
     * Walks the hash chain from the first issued document to the last, recomputing each hash from the stored
     * content, and checks the chain head: {@link ChainVerification.Intact}, or the first document that was
     * altered or is missing. Reads one snapshot (repeatable read), so documents issued meanwhile do not
     * disturb it.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification verifyChain() {
        HashChain.Head head = chain.head();
        String previous = HashChain.GENESIS;
        long expected = 1;
        // Each series must also run 1, 2, 3… in chain order: a gap is a missing document even if
        // every hash holds (CGI ann. II art. 242 nonies A I 7°).
        java.util.SortedMap<String, Long> lastInSeries = new java.util.TreeMap<>();
        List<IssuedDocuments.Stored> page;
        do {
            page = documents.chainedAfter(expected - 1, CHAIN_PAGE);
            for (IssuedDocuments.Stored stored : page) {
                if (stored.position() != expected) {
                    return new ChainVerification.Incomplete(expected, "no document at position " + expected
                            + ": the next one, " + stored.number() + ", is at position " + stored.position(), lastInSeries);
                }
                if (stored.content().isEmpty()) {
                    return new ChainVerification.Altered(stored.number(), expected,
                            "its stored rows are not a valid document: " + stored.problem().orElse(""), lastInSeries);
                }
                String canonical;
                try {
                    canonical = CanonicalForm.of(stored.document(), stored.canonicalVersion());
                } catch (IllegalArgumentException e) {
                    return new ChainVerification.Altered(stored.number(), expected, e.getMessage(), lastInSeries);
                }
                String hash = HashChain.link(previous, canonical);
                if (!hash.equals(stored.hash())) {
                    return new ChainVerification.Altered(stored.number(), expected,
                            "its content or its link to the previous document no longer matches its hash", lastInSeries);
                }
                InvoiceNumber number;
                try {
                    number = InvoiceNumber.parse(stored.number());
                } catch (IllegalArgumentException e) {
                    return new ChainVerification.Altered(stored.number(), expected, "not a document number", lastInSeries);
                }
                long before = lastInSeries.getOrDefault(number.series(), 0L);
                if (number.sequence() != before + 1) {
                    return new ChainVerification.Incomplete(expected, "series " + number.series() + " goes from "
                            + before + " to " + number.sequence() + " at " + stored.number(), lastInSeries);
                }
                lastInSeries.put(number.series(), number.sequence());
                previous = stored.hash();
                expected++;
            }
        } while (page.size() == CHAIN_PAGE);
        long count = expected - 1;
        if (head.position() != count || !head.hash().equals(previous)) {
            return new ChainVerification.Incomplete(count + 1, "the chain head records " + head.position()
                    + " documents ending with hash " + head.hash() + ", the documents found are " + count
                    + " ending with hash " + previous, lastInSeries);
        }
        return new ChainVerification.Intact(count, previous, lastInSeries);
    }

    private MerchantSettings confirmedSettings() {
        MerchantSettingsStore.Current current = settings.read();
        if (current.confirmedAt().isEmpty()) {
            throw new IllegalStateException("the merchant settings are the demo company's defaults: an owner must "
                    + "review and save them before the first invoice");
        }
        return current.settings();
    }

    /** Now, to the microsecond the database keeps, so the stored instant is the one hashed. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private void append(Invoice document, HashChain.Head head, Optional<java.util.UUID> original) {
        HashChain.Head link = new HashChain.Head(head.position() + 1, HashChain.link(head.hash(), CanonicalForm.of(document)));
        documents.insert(Identifiers.newUuid(clock), document, link, original);
        chain.advance(link);
    }
}

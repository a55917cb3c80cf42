package io.boucle.invoicing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import io.boucle.shared.Money;
import io.boucle.shared.XmlFactories;
import io.boucle.tax.VatCategory;
import org.mustangproject.IncludedNote;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.ReferencedDocument;
import org.mustangproject.SchemedID;
import org.mustangproject.SubjectCode;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.IZUGFeRDTradeSettlement;
import org.mustangproject.ZUGFeRD.IZUGFeRDTradeSettlementPayment;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Makes the Factur-X of an issued document with Mustang: the CII XML of profile EN16931, embedded in the
 * PDF/A-3 of {@link InvoicePdf}. The French rules Mustang only warns of are checked first
 * ({@link FrenchInvoiceRules}); what Mustang wrote is read back and compared with the document, figure by
 * figure, so a file never states other amounts than the ledger.
 *
 * <p>How the document maps to EN 16931: every line, the delivery charge included, is an invoice line with
 * its net unit price (BT-146, four decimals) and its net amount (BT-131) as issued; the VAT breakdown,
 * totals and rounding amount (BT-114) are the document's; a payment received is the paid amount (BT-113)
 * with its means (BT-81), leaving nothing due; a credit note (381) cites its invoice (BT-25, BT-26). The
 * seller is identified by its SIREN (BT-30, scheme 0002), its SIRET (BT-29, 0009), its VAT number and its
 * SIREN as electronic address (BT-34, 0225, the French directory's scheme), a French business buyer
 * likewise; the French legal notes go as notes with their subject codes (PMT, PMD, AAB, TXD), the
 * process code as BT-23.
 *
 * <p>A document in another currency than the euro states it as the invoice currency (BT-5), EUR as the VAT
 * accounting currency (BT-6, {@code TaxCurrencyCode}) and its VAT total in euros as a second
 * {@code TaxTotalAmount} with {@code currencyID="EUR"} (BT-111, required with BT-6 by BR-53). Mustang's model
 * has neither, so they are added to the XML Mustang wrote, at the places the CII schema orders them, before it
 * is embedded; the rest of the XML is left as written.
 */
final class FacturX {

    static {
        // Mustang's exporter has PDFBox make a TransformerFactory per file: a look-up by name, not a class path scan.
        XmlFactories.nameTheJdkImplementations();
    }

    /** The PDF/A-3 file and the XML it embeds. */
    record Files(byte[] pdf, byte[] xml) {
    }

    private FacturX() {
    }

    static Files make(Invoice invoice, InvoicePdf.Resources resources) {
        FrenchInvoiceRules.check(invoice);
        byte[] page = InvoicePdf.render(invoice, resources);
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.setZUGFeRDVersion(2)
                    .setProfile(Profiles.getByName("EN16931"))
                    .ignorePDFAErrors()
                    .setProducer("Boucle")
                    .setCreator(invoice.seller().legalName())
                    .load(page);
            if (invoice.taxCurrency().isEmpty()) {
                exporter.setTransaction(transaction(invoice));
            } else {
                ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
                provider.setProfile(Profiles.getByName("EN16931"));
                provider.generateXML(transaction(invoice));
                exporter.setXML(withTaxCurrency(provider.getXML(), invoice.taxCurrency().get()));
            }
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            exporter.export(pdf);
            byte[] xml = exporter.getProvider().getXML();
            checkFigures(invoice, xml);
            return new Files(pdf.toByteArray(), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The document as Mustang's model

    static org.mustangproject.Invoice transaction(Invoice invoice) {
        Optional<InvoicePayment> payment = invoice.payment();
        org.mustangproject.Invoice transaction = new org.mustangproject.Invoice() {
            @Override
            public IZUGFeRDTradeSettlement[] getTradeSettlement() {
                return payment.map(paid -> new IZUGFeRDTradeSettlement[] { means(paid.means()) }).orElse(null);
            }
        };
        transaction.setNumber(invoice.number().value())
                .setIssueDate(date(invoice.issueDate()))
                .setDueDate(date(invoice.dueDate()))
                .setCurrency(invoice.currency().getCurrencyCode())
                .setSender(seller(invoice.seller()))
                .setRecipient(buyer(invoice.buyer()))
                .setBusinessProcessId(FrenchInvoiceRules.businessProcess(invoice))
                .setSellerOrderReferencedDocumentID(invoice.orderReference())
                .setPaymentTermDescription(paymentTerms(invoice));
        supplyDate(invoice).ifPresent(date -> transaction.setDeliveryDate(date(date)));
        shipTo(invoice).ifPresent(address -> transaction.setDeliveryAddress(
                party(invoice.buyer().companyName().orElse(invoice.buyer().name()), address)));
        if (invoice.isCreditNote()) {
            transaction.setCreditNote();
            Invoice.Reference original = invoice.originalInvoice().orElseThrow();
            transaction.addInvoiceReferencedDocument(new ReferencedDocument(original.number().value(), date(original.issueDate())));
        }
        if (!invoice.totals().roundingAmount().isZero()) {
            transaction.setRoundingAmount(invoice.totals().roundingAmount().amount());
        }
        payment.ifPresent(paid -> transaction.setTotalPrepaidAmount(paid.amount().amount()));
        List<IncludedNote> notes = new ArrayList<>();
        for (Invoice.Mention mention : invoice.mentions()) {
            FrenchInvoiceRules.subjectCode(mention.kind())
                    .ifPresent(code -> notes.add(new IncludedNote(mention.text(), SubjectCode.valueOf(code))));
        }
        invoice.creditReason().ifPresent(reason -> notes.add(IncludedNote.generalNote("Motif de l'avoir : " + reason)));
        Seller seller = invoice.seller();
        notes.add(IncludedNote.regulatoryNote(seller.legalName() + ", " + seller.legalForm()
                + seller.shareCapital().map(capital -> " au capital de " + InvoicePdf.money(capital)).orElse("")
                + ", " + seller.rcs()));
        transaction.addNotes(notes);
        for (Invoice.Line line : invoice.lines()) {
            Product product = new Product(line.description(), "", "H87", line.vatRate().value())
                    .setTaxCategoryCode(line.vatCategoryCode());
            line.itemReference().ifPresent(product::setSellerAssignedID);
            if (line.vatCategory() != VatCategory.S && line.vatCategory() != VatCategory.Z) {
                Invoice.VatRow row = row(invoice, line);
                row.exemptionText().ifPresent(product::setTaxExemptionReason);
                row.exemptionReasonCode().ifPresent(product::setTaxExemptionReasonCode);
            }
            transaction.addItem(new Item(product, line.unitPriceExclVat().amount(), BigDecimal.valueOf(line.quantity()))
                    .setLineTotalAmount(line.totalExclVat().amount()));
        }
        return transaction;
    }

    /**
     * An intra-Community supply (a VAT row of category K) states where the goods went (BT-80, BR-IC-12) and
     * when they were supplied (BT-72, BR-IC-11) even when the document itself leaves them out, as it does when
     * they are the buyer's address and the issue date.
     */
    private static boolean intraCommunitySupply(Invoice invoice) {
        return invoice.vatBreakdown().stream().anyMatch(row -> row.category() == VatCategory.K);
    }

    /** BT-80's address: the delivery address, or for an intra-Community supply the buyer's, where it was delivered. */
    static Optional<PostalAddress> shipTo(Invoice invoice) {
        return invoice.deliveryAddress().or(() -> intraCommunitySupply(invoice)
                ? Optional.of(invoice.buyer().address()) : Optional.empty());
    }

    /**
     * BT-72: the date of the supply when the document gives it; for an intra-Community supply that gives none, the
     * invoice's issue date (an invoice states its supply date only when it differs), and for a credit note the
     * issue date of the invoice it credits (the credit note concerns that supply).
     */
    static Optional<LocalDate> supplyDate(Invoice invoice) {
        return invoice.deliveryDate().or(() -> !intraCommunitySupply(invoice) ? Optional.empty()
                : invoice.originalInvoice().map(Invoice.Reference::issueDate).or(() -> Optional.of(invoice.issueDate())));
    }

    private static String paymentTerms(Invoice invoice) {
        Optional<String> terms = invoice.mentions().stream().filter(mention -> mention.kind() == MentionKind.PAYMENT_TERMS)
                .map(Invoice.Mention::text).findFirst();
        if (terms.isPresent()) {
            return terms.get();
        }
        if (invoice.payment().isPresent()) {
            return "Payée le " + InvoicePdf.date(invoice.payment().get().paidOn()) + ".";
        }
        return invoice.isCreditNote() ? "Montant à rembourser à l'acheteur." : "À payer avant le " + InvoicePdf.date(invoice.dueDate()) + ".";
    }

    private static TradeParty seller(Seller seller) {
        TradeParty party = party(seller.legalName(), seller.address())
                .setLegalOrganisation(new LegalOrganisation(new SchemedID("0002", seller.siren().value()), seller.legalName()))
                .addGlobalID(new SchemedID("0009", seller.siret().value()))
                .addUriUniversalCommunicationID(new SchemedID("0225", seller.siren().value()));
        party.addVATID(seller.vatNumber());
        return party;
    }

    private static TradeParty buyer(InvoiceBuyer buyer) {
        TradeParty party = party(buyer.companyName().orElse(buyer.name()), buyer.address());
        buyer.siren().ifPresent(siren -> party
                .setLegalOrganisation(new LegalOrganisation(new SchemedID("0002", siren.value()), buyer.companyName().orElse(buyer.name())))
                .addUriUniversalCommunicationID(new SchemedID("0225", siren.value())));
        buyer.vatNumber().ifPresent(party::addVATID);
        return party;
    }

    private static TradeParty party(String name, PostalAddress address) {
        TradeParty party = new TradeParty(name, address.line1(), address.postalCode(), address.city(), address.country().value());
        address.line2().ifPresent(party::setAdditionalAddress);
        return party;
    }

    private static IZUGFeRDTradeSettlementPayment means(PaymentMeans means) {
        return new IZUGFeRDTradeSettlementPayment() {
            @Override
            public String getPaymentMeansCode() {
                return means.code();
            }

            @Override
            public String getPaymentMeansInformation() {
                return means.french();
            }
        };
    }

    private static Invoice.VatRow row(Invoice invoice, Invoice.Line line) {
        return invoice.vatBreakdown().stream()
                .filter(row -> row.category() == line.vatCategory() && row.rate().compareTo(line.vatRate()) == 0)
                .findFirst().orElseThrow();
    }

    /** Mustang writes dates in the JVM's zone: noon there is the date itself. */
    private static Date date(LocalDate date) {
        return Date.from(date.atTime(LocalTime.NOON).atZone(ZoneId.systemDefault()).toInstant());
    }

    private static final String RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    /** The XML Mustang wrote with the VAT accounting currency EUR (BT-6) and the VAT total in euros (BT-111) added. */
    static byte[] withTaxCurrency(byte[] xml, TaxCurrency tax) {
        Document parsed = parse(xml);
        Node settlement = single(parsed, "ApplicableHeaderTradeSettlement");
        Node invoiceCurrency = child(settlement, "InvoiceCurrencyCode");
        // CII orders TaxCurrencyCode right before InvoiceCurrencyCode.
        org.w3c.dom.Element taxCurrency = parsed.createElementNS(RAM, invoiceCurrency.getPrefix() + ":TaxCurrencyCode");
        taxCurrency.setTextContent(Money.EUR.getCurrencyCode());
        settlement.insertBefore(taxCurrency, invoiceCurrency);
        Node summation = child(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
        Node vatTotal = child(summation, "TaxTotalAmount");
        org.w3c.dom.Element inEuros = parsed.createElementNS(RAM, vatTotal.getPrefix() + ":TaxTotalAmount");
        inEuros.setAttribute("currencyID", Money.EUR.getCurrencyCode());
        inEuros.setTextContent(tax.vatInEuros().amount().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        summation.insertBefore(inEuros, vatTotal.getNextSibling());
        try {
            javax.xml.transform.TransformerFactory factory = javax.xml.transform.TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            javax.xml.transform.Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new javax.xml.transform.dom.DOMSource(parsed), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("the XML with the VAT total in euros cannot be written: " + e.getMessage(), e);
        }
    }

    private static Node single(Document document, String localName) {
        NodeList found = document.getElementsByTagNameNS(RAM, localName);
        if (found.getLength() != 1) {
            throw new IllegalStateException("Mustang wrote " + found.getLength() + " " + localName + " elements, not one");
        }
        return found.item(0);
    }

    private static Node child(Node parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE && RAM.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName())) {
                return node;
            }
        }
        throw new IllegalStateException("Mustang wrote no " + localName + " in " + parent.getLocalName());
    }

    // What Mustang wrote, read back

    static void checkFigures(Invoice invoice, byte[] xml) {
        Document parsed = parse(xml);
        List<String> differences = new ArrayList<>();
        Element header = first(parsed, "ExchangedDocument");
        same(differences, "BT-1 number", text(child(header, "ID", any -> true)), invoice.number().value());
        same(differences, "BT-3 type", text(child(header, "TypeCode", any -> true)), invoice.type().code());
        List<Element> lines = descendants(parsed, "IncludedSupplyChainTradeLineItem");
        if (lines.size() != invoice.lines().size()) {
            differences.add(lines.size() + " lines instead of " + invoice.lines().size());
        } else {
            for (int i = 0; i < lines.size(); i++) {
                amount(differences, "BT-131 of line " + (i + 1), text(first(lines.get(i), "LineTotalAmount")),
                        invoice.lines().get(i).totalExclVat());
            }
        }
        Element summation = first(parsed, "SpecifiedTradeSettlementHeaderMonetarySummation");
        Invoice.Totals totals = invoice.totals();
        String currency = invoice.currency().getCurrencyCode();
        amount(differences, "BT-109", text(child(summation, "TaxBasisTotalAmount", any -> true)), totals.exclVat());
        amount(differences, "BT-110", text(child(summation, "TaxTotalAmount",
                total -> !total.hasAttribute("currencyID") || total.getAttribute("currencyID").equals(currency))), totals.vat());
        same(differences, "BT-5 currency", text(first(parsed, "InvoiceCurrencyCode")), currency);
        if (invoice.taxCurrency().isPresent()) {
            same(differences, "BT-6 VAT currency", text(first(parsed, "TaxCurrencyCode")), "EUR");
            amount(differences, "BT-111", text(child(summation, "TaxTotalAmount", total -> total.getAttribute("currencyID").equals("EUR"))),
                    invoice.taxCurrency().get().vatInEuros());
        } else if (first(parsed, "TaxCurrencyCode") != null) {
            differences.add("BT-6 is stated on a document in euros");
        }
        amount(differences, "BT-112", text(child(summation, "GrandTotalAmount", any -> true)), totals.inclVat());
        amount(differences, "BT-114", Optional.ofNullable(text(child(summation, "RoundingAmount", any -> true))).orElse("0"),
                totals.roundingAmount());
        amount(differences, "BT-115", text(child(summation, "DuePayableAmount", any -> true)), invoice.amountDue());
        List<String> written = new ArrayList<>();
        for (Element settlement : descendants(parsed, "ApplicableHeaderTradeSettlement")) {
            for (Element row : children(settlement, "ApplicableTradeTax")) {
                written.add(text(child(row, "CategoryCode", any -> true)) + " "
                        + decimal(text(child(row, "RateApplicablePercent", any -> true))) + " "
                        + decimal(text(child(row, "BasisAmount", any -> true))) + " "
                        + decimal(text(child(row, "CalculatedAmount", any -> true))));
            }
        }
        List<String> expected = invoice.vatBreakdown().stream().map(row -> row.categoryCode() + " "
                + row.rate().value().stripTrailingZeros().toPlainString() + " "
                + row.taxableAmount().amount().stripTrailingZeros().toPlainString() + " "
                + row.vatAmount().amount().stripTrailingZeros().toPlainString()).toList();
        if (!new java.util.HashSet<>(written).equals(new java.util.HashSet<>(expected)) || written.size() != expected.size()) {
            differences.add("VAT breakdown " + written + " instead of " + expected);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the Factur-X XML of " + invoice.number() + " does not state the issued figures: "
                    + String.join("; ", differences));
        }
    }

    private static void same(List<String> differences, String field, String written, String expected) {
        if (!expected.equals(written)) {
            differences.add(field + " is " + written + " instead of " + expected);
        }
    }

    private static void amount(List<String> differences, String field, String written, Money expected) {
        if (written == null || new BigDecimal(written.strip()).compareTo(expected.amount()) != 0) {
            differences.add(field + " is " + written + " instead of " + expected.amount().toPlainString());
        }
    }

    private static String decimal(String text) {
        return text == null ? "?" : new BigDecimal(text.strip()).stripTrailingZeros().toPlainString();
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Mustang wrote XML that cannot be read back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Reading the XML by elements' local names, in any namespace, as the figures are found wherever Mustang puts them.

    /** The elements of that name below the node, in document order. */
    private static List<Element> descendants(Node node, String localName) {
        NodeList found = node instanceof Document document ? document.getElementsByTagNameNS("*", localName)
                : ((Element) node).getElementsByTagNameNS("*", localName);
        List<Element> elements = new ArrayList<>(found.getLength());
        for (int i = 0; i < found.getLength(); i++) {
            elements.add((Element) found.item(i));
        }
        return elements;
    }

    /** The first element of that name below the node; null if none (or no node). */
    private static Element first(Node node, String localName) {
        if (node == null) {
            return null;
        }
        List<Element> found = descendants(node, localName);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** The node's child elements of that name. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    /** The first child element of that name that passes the test; null if none (or no parent). */
    private static Element child(Element parent, String localName, java.util.function.Predicate<Element> test) {
        return parent == null ? null : children(parent, localName).stream().filter(test).findFirst().orElse(null);
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }
}

package io.boucle.api;

import java.util.List;
import java.util.Optional;

import io.boucle.invoicing.ChainVerification;
import io.boucle.invoicing.InvalidMerchantSettings;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceNumber;
import io.boucle.invoicing.Invoicing;
import io.boucle.invoicing.InvoiceWhen;
import io.boucle.invoicing.MerchantSettings;
import io.boucle.invoicing.PostalAddress;
import io.boucle.invoicing.Seller;
import io.boucle.platform.web.ProblemResponses;
import io.boucle.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Invoicing for the merchant and the accountant: the merchant's legal settings, the invoices and credit
 * notes of an order, and the proof that no issued document was changed. Amounts are decimal strings in
 * the document's currency.
 */
@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class AdminInvoicingApi {

    // Merchant settings

    record Address(@NotBlank @Size(max = 200) String line1, @Size(max = 200) String line2,
            @Size(max = 16) String postalCode, @NotBlank @Size(max = 200) String city,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166-1 alpha-2 code such as FR") String country) {

        static Address of(PostalAddress address) {
            return new Address(address.line1(), address.line2().orElse(null), address.postalCode(), address.city(),
                    address.country().value());
        }

        PostalAddress toAddress() {
            return PostalAddress.of(line1, line2, postalCode, city, country);
        }
    }

    /** The settings as an owner sends them; the invoicing module checks identifiers, keys and prefixes. */
    record MerchantSettingsUpdate(@NotBlank String legalName, @NotBlank String legalForm, @NotNull @Valid Address address,
            @NotBlank String siren, @NotBlank String siret, @NotBlank String vatNumber, @NotBlank String rcs,
            @Valid ApiMoney shareCapital, @NotNull Boolean vatOnDebits, @NotBlank String paymentTerms,
            @NotNull @Min(0) @Max(60) Integer paymentTermDays, @NotBlank String earlyPaymentDiscount,
            @NotBlank String latePaymentPenalties, @NotBlank String recoveryIndemnity, @NotBlank String invoicePrefix,
            @NotBlank String creditNotePrefix, InvoiceWhen invoiceWhen) {

        MerchantSettings toSettings() {
            return new MerchantSettings(legalName, legalForm, address.toAddress(), siren, siret, vatNumber, rcs,
                    Optional.ofNullable(shareCapital).map(ApiMoney::toMoney), vatOnDebits, paymentTerms, paymentTermDays,
                    earlyPaymentDiscount, latePaymentPenalties, recoveryIndemnity, invoicePrefix, creditNotePrefix);
        }
    }

    /**
     * @param confirmedAt when an owner last saved them; null while they are the demo defaults, which issue no invoice
     */
    record MerchantSettingsView(String legalName, String legalForm, Address address, String siren, String siret,
            String vatNumber, String rcs, ApiMoney shareCapital, boolean vatOnDebits, String paymentTerms,
            int paymentTermDays, String earlyPaymentDiscount, String latePaymentPenalties, String recoveryIndemnity,
            String invoicePrefix, String creditNotePrefix, String confirmedAt, InvoiceWhen invoiceWhen) {

        static MerchantSettingsView of(MerchantSettings settings, Optional<java.time.Instant> confirmedAt,
                InvoiceWhen invoiceWhen) {
            return new MerchantSettingsView(settings.legalName(), settings.legalForm(), Address.of(settings.address()),
                    settings.siren(), settings.siret(), settings.vatNumber(), settings.rcs(),
                    settings.shareCapital().map(ApiMoney::of).orElse(null), settings.vatOnDebits(), settings.paymentTerms(),
                    settings.paymentTermDays(), settings.earlyPaymentDiscount(), settings.latePaymentPenalties(),
                    settings.recoveryIndemnity(), settings.invoicePrefix(), settings.creditNotePrefix(),
                    confirmedAt.map(Object::toString).orElse(null), invoiceWhen);
        }
    }

    // Invoices (API.md "Admin endpoints")

    record Line(int number, String itemReference, String description, int quantity, String unitPriceExclVat,
            String vatRate, String vatCategory, String exemptionReason, String totalExclVat, String totalVat,
            String totalInclVat, Integer creditedLine, Integer creditedUnits) {
    }

    record VatRow(String rate, String category, String exemptionReason, String exemptionText, String base, String amount) {
    }

    record SellerView(String legalName, String legalForm, Address address, String siren, String siret, String vatNumber,
            String rcs, String shareCapital) {
    }

    record BuyerView(String name, String companyName, Address address, String siren, String vatNumber) {
    }

    record InvoiceView(String number, String type, String typeCode, String issueDate, String currency,
            String orderReference, String operationCategory, String deliveryDate, String dueDate, SellerView seller,
            BuyerView buyer,
            Address deliveryAddress, List<Line> lines, List<VatRow> vatBreakdown, String totalExclVat, String totalVat,
            String totalInclVat, String roundingAmount, String amountPayable, List<String> mentions,
            String originalInvoice, String originalInvoiceDate, String reason) {
    }

    /** OK, or the first document found altered or missing. */
    record ChainReport(String status, long documents, String lastHash, String document, Long position, String detail) {
    }

    private final Invoicing invoicing;

    AdminInvoicingApi(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    @GetMapping("/settings/merchant")
    @Operation(summary = "The merchant's legal identity and invoicing terms, as invoices show them")
    MerchantSettingsView merchantSettings() {
        return MerchantSettingsView.of(invoicing.merchantSettings(), invoicing.merchantSettingsConfirmedAt(),
                invoicing.invoiceWhen());
    }

    @PutMapping("/settings/merchant")
    @PreAuthorize("hasRole('OWNER')")
    @Operation(summary = "Change the merchant settings (owner only); documents already issued keep theirs")
    MerchantSettingsView updateMerchantSettings(@Valid @RequestBody MerchantSettingsUpdate update) {
        // Left out: unchanged.
        invoicing.updateMerchantSettings(update.toSettings(),
                update.invoiceWhen() == null ? invoicing.invoiceWhen() : update.invoiceWhen());
        return merchantSettings();
    }

    @GetMapping("/invoices")
    @Operation(summary = "The invoice and credit notes of an order, in the order issued")
    List<InvoiceView> invoicesOfOrder(@RequestParam("order") String orderReference) {
        if (orderReference.isBlank()) {
            throw new IllegalArgumentException("order: an order reference is required");
        }
        return invoicing.documentsOf(orderReference).stream().map(AdminInvoicingApi::view).toList();
    }

    @GetMapping("/invoices/{number}")
    @Operation(summary = "One invoice or credit note by its number")
    InvoiceView invoice(@PathVariable String number) {
        InvoiceNumber parsed;
        try {
            parsed = InvoiceNumber.parse(number);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No invoice or credit note has the number '" + number + "'.");
        }
        return invoicing.find(parsed).map(AdminInvoicingApi::view).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No invoice or credit note has the number '" + number + "'."));
    }

    @GetMapping("/invoices/{number}/pdf")
    @Operation(summary = "The Factur-X of an invoice or credit note: PDF/A-3 with its CII XML (profile EN16931) embedded")
    ResponseEntity<byte[]> invoicePdf(@PathVariable String number) {
        return file(number, invoicing.pdf(parse(number)), ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/invoices/{number}/xml")
    @Operation(summary = "The CII XML (EN 16931) of an invoice or credit note, as its Factur-X embeds it")
    ResponseEntity<byte[]> invoiceXml(@PathVariable String number) {
        return file(number, invoicing.xml(parse(number)), ".xml", MediaType.APPLICATION_XML);
    }

    private static InvoiceNumber parse(String number) {
        try {
            return InvoiceNumber.parse(number);
        } catch (IllegalArgumentException e) {
            throw notFound(number);
        }
    }

    private static ResponseStatusException notFound(String number) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No invoice or credit note has the number '" + number + "'.");
    }

    /** A document's file, to save under its number; private: never kept by a shared cache. */
    private static ResponseEntity<byte[]> file(String number, Optional<byte[]> content, String extension, MediaType type) {
        byte[] bytes = content.orElseThrow(() -> notFound(number));
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(number + extension).build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(bytes);
    }

    @GetMapping("/invoices/chain-verification")
    @Operation(summary = "Recompute the hash chain over every issued document: OK, or the first one altered or missing")
    ChainReport verifyChain() {
        return switch (invoicing.verifyChain()) {
            case ChainVerification.Intact intact -> new ChainReport("OK", intact.documents(), intact.lastHash(), null, null, null);
            case ChainVerification.Altered altered -> new ChainReport("ALTERED", altered.position() - 1, null,
                    altered.document(), altered.position(), altered.detail());
            case ChainVerification.Incomplete incomplete -> new ChainReport("INCOMPLETE", incomplete.position() - 1, null,
                    null, incomplete.position(), incomplete.detail());
        };
    }

    /** The module's own check of the settings, as a validation problem listing each field. */
    @ExceptionHandler(InvalidMerchantSettings.class)
    ResponseEntity<ProblemDetail> invalidSettings(InvalidMerchantSettings e, HttpServletRequest request) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.",
                request.getRequestURI());
        problem.setProperty("errors", e.problems().stream()
                .map(field -> new ApiProblems.FieldError(field.field(), field.message())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static InvoiceView view(Invoice invoice) {
        Seller seller = invoice.seller();
        SellerView sellerView = new SellerView(seller.legalName(), seller.legalForm(), Address.of(seller.address()),
                seller.siren().value(), seller.siret().value(), seller.vatNumber(), seller.rcs(),
                seller.shareCapital().map(AdminInvoicingApi::amount).orElse(null));
        BuyerView buyer = new BuyerView(invoice.buyer().name(), invoice.buyer().companyName().orElse(null),
                Address.of(invoice.buyer().address()), invoice.buyer().siren().map(Object::toString).orElse(null),
                invoice.buyer().vatNumber().orElse(null));
        return new InvoiceView(invoice.number().value(), invoice.type().name(), invoice.type().code(),
                invoice.issueDate().toString(), invoice.currency().getCurrencyCode(), invoice.orderReference(),
                invoice.operationCategory().name(), invoice.deliveryDate().map(Object::toString).orElse(null),
                invoice.dueDate().toString(), sellerView, buyer, invoice.deliveryAddress().map(Address::of).orElse(null),
                invoice.lines().stream().map(line -> new Line(line.number(), line.itemReference().orElse(null),
                        line.description(), line.quantity(), amount(line.unitPriceExclVat()),
                        line.vatRate().value().toPlainString(), line.vatCategoryCode(),
                        line.exemptionReasonCode().orElse(null), amount(line.totalExclVat()),
                        amount(line.totalVat()), amount(line.totalInclVat()), line.creditedLine().orElse(null),
                        line.creditedLine().map(any -> line.creditedUnits()).orElse(null))).toList(),
                invoice.vatBreakdown().stream().map(row -> new VatRow(row.rate().value().toPlainString(),
                        row.categoryCode(), row.exemptionReasonCode().orElse(null),
                        row.exemptionText().orElse(null), amount(row.taxableAmount()), amount(row.vatAmount()))).toList(),
                amount(invoice.totals().exclVat()), amount(invoice.totals().vat()), amount(invoice.totals().inclVat()),
                amount(invoice.totals().roundingAmount()), amount(invoice.totals().payable()),
                invoice.mentions().stream().map(Invoice.Mention::text).toList(),
                invoice.originalInvoice().map(original -> original.number().value()).orElse(null),
                invoice.originalInvoice().map(original -> original.issueDate().toString()).orElse(null),
                invoice.creditReason().orElse(null));
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }
}

package io.boucle.backoffice;

import java.util.Optional;

import io.boucle.invoicing.InvoiceNumber;
import io.boucle.invoicing.InvoiceSummary;
import io.boucle.invoicing.InvoiceType;
import io.boucle.invoicing.Invoicing;
import io.boucle.shared.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Invoices and credit notes for the owner and the accountant: the list, newest first, searched by number,
 * order or customer, and each document's Factur-X PDF and XML; above it, the paid orders still waiting
 * for their invoice, with why.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ACCOUNTANT')")
class InvoicePages {

    private final Invoicing invoicing;

    InvoicePages(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    @GetMapping("/admin/invoices")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "0") int page, Model model) {
        Optional<InvoiceType> kind = switch (type) {
            case "INVOICE" -> Optional.of(InvoiceType.INVOICE);
            case "CREDIT_NOTE" -> Optional.of(InvoiceType.CREDIT_NOTE);
            default -> Optional.empty();
        };
        String query = q.length() > 200 ? q.substring(0, 200) : q;
        Page<InvoiceSummary> documents = invoicing.search(query, kind, Math.max(page, 0), BackOfficePages.PAGE_SIZE);
        model.addAttribute("documents", documents);
        model.addAttribute("q", query);
        model.addAttribute("type", kind.map(Enum::name).orElse(""));
        model.addAttribute("owed", invoicing.owedInvoices(BackOfficePages.PAGE_SIZE));
        return "backoffice/invoices";
    }

    @GetMapping("/admin/invoices/{number}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String number) {
        return file(number, ".pdf", MediaType.APPLICATION_PDF, invoicing.pdf(parse(number)));
    }

    @GetMapping("/admin/invoices/{number}.xml")
    ResponseEntity<byte[]> xml(@PathVariable String number) {
        return file(number, ".xml", MediaType.APPLICATION_XML, invoicing.xml(parse(number)));
    }

    private static InvoiceNumber parse(String number) {
        try {
            return InvoiceNumber.parse(number);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static ResponseEntity<byte[]> file(String number, String extension, MediaType type, Optional<byte[]> content) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(number + extension).build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(content.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}

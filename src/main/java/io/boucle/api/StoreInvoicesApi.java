package io.boucle.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceNumber;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.shared.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A buyer's invoices and credit notes, with the order's access token: the Factur-X PDF and its XML. A
 * wrong token, or a document of another order, answers 404 as if nothing existed.
 */
@RestController
@RequestMapping("/api/v1/orders/{number}/invoices/{invoice}")
class StoreInvoicesApi {

    private final Orders orders;
    private final Invoicing invoicing;

    StoreInvoicesApi(Orders orders, Invoicing invoicing) {
        this.orders = orders;
        this.invoicing = invoicing;
    }

    /** The links of an order's documents, for whoever holds its access token. */
    static List<StoreJson.InvoiceLink> links(Invoicing invoicing, String number, String accessToken) {
        String token = URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
        return invoicing.documentsOf(number).stream().map(document -> {
            String base = "/api/v1/orders/" + number + "/invoices/" + document.number().value();
            return new StoreJson.InvoiceLink(document.number().value(), base + "/pdf?accessToken=" + token,
                    base + "/xml?accessToken=" + token);
        }).toList();
    }

    @GetMapping("/pdf")
    @Operation(summary = "An invoice or credit note of the order as Factur-X (PDF/A-3 with its XML)")
    ResponseEntity<byte[]> pdf(@PathVariable String number, @PathVariable String invoice,
            @RequestParam(required = false) String accessToken) {
        InvoiceNumber document = ofOrder(number, invoice, accessToken);
        return file(invoice + ".pdf", MediaType.APPLICATION_PDF, invoicing.pdf(document));
    }

    @GetMapping("/xml")
    @Operation(summary = "The CII XML (EN 16931) of an invoice or credit note of the order")
    ResponseEntity<byte[]> xml(@PathVariable String number, @PathVariable String invoice,
            @RequestParam(required = false) String accessToken) {
        InvoiceNumber document = ofOrder(number, invoice, accessToken);
        return file(invoice + ".xml", MediaType.APPLICATION_XML, invoicing.xml(document));
    }

    private InvoiceNumber ofOrder(String number, String invoice, String accessToken) {
        OrderNumber order = new OrderNumber(number);
        orders.view(order, accessToken);
        InvoiceNumber document;
        try {
            document = InvoiceNumber.parse(invoice);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no document " + invoice + " for order " + number);
        }
        Optional<Invoice> found = invoicing.find(document).filter(issued -> issued.orderReference().equals(order.value()));
        if (found.isEmpty()) {
            throw new NotFound("no document " + invoice + " for order " + number);
        }
        return document;
    }

    static ResponseEntity<byte[]> file(String filename, MediaType type, Optional<byte[]> content) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(content.orElseThrow(() -> new NotFound("no document " + filename)));
    }
}

package io.boucle.storefront;

import java.time.format.DateTimeFormatter;
import java.util.List;

import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceNumber;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.shared.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The invoices and credit notes of an order, on its page and to download as Factur-X PDF, for whoever
 * holds the order's access token (the link of the order's emails). Any other token, or a document of
 * another order, is a 404, as if nothing existed.
 */
@Controller
class OrderDocuments {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** A document as the order page lists it. */
    public record Link(String number, boolean creditNote, String issueDate) {
    }

    private final Orders orders;
    private final Invoicing invoicing;

    OrderDocuments(Orders orders, Invoicing invoicing) {
        this.orders = orders;
        this.invoicing = invoicing;
    }

    /** The order's documents, in the order issued; the caller has checked the token. */
    List<Link> of(OrderNumber order) {
        return invoicing.documentsOf(order.value()).stream()
                .map(document -> new Link(document.number().value(), document.isCreditNote(), DATE.format(document.issueDate())))
                .toList();
    }

    @GetMapping("/commande/{number}/documents/{document}")
    ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable String document,
            @RequestParam(name = "t", required = false) String token) {
        try {
            OrderNumber order = new OrderNumber(number);
            orders.view(order, token);
            InvoiceNumber documentNumber = InvoiceNumber.parse(document);
            Invoice found = invoicing.find(documentNumber).filter(issued -> issued.orderReference().equals(order.value()))
                    .orElseThrow(() -> new NotFound("no document " + document));
            byte[] pdf = invoicing.pdf(found.number()).orElseThrow(() -> new NotFound("no document " + document));
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(found.number().value() + ".pdf").build().toString())
                    .cacheControl(CacheControl.noStore().cachePrivate())
                    .body(pdf);
        } catch (NotFound | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}

package io.boucle.invoicing;

import java.sql.Timestamp;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.messaging.Email;
import io.boucle.messaging.MessageId;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens once a document is issued, on the document threads of {@link DocumentWork} when the shop is
 * quiet: its Factur-X is made and stored, outside any transaction, then
 * the customer who placed the order receives it by email, in the order's language, with the PDF attached
 * and the link to the order page where it stays available. Sent once: the delivery is recorded in the
 * transaction that queues the message, so a redelivered event finds it. Documents of orders the shop does
 * not know (issued by other means) are only made, not sent.
 */
@Component
class InvoiceDelivery {

    private final InvoiceFiles files;
    private final Invoicing invoicing;
    private final Orders orders;
    private final Messaging messaging;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String publicUrl;
    private final DocumentWork.Pace pace;

    InvoiceDelivery(InvoiceFiles files, Invoicing invoicing, Orders orders, Messaging messaging, JdbcClient jdbc,
            PlatformTransactionManager transactions, Clock clock, @Value("${boucle.public-url}") String publicUrl,
            DocumentWork.Pace pace) {
        this.files = files;
        this.invoicing = invoicing;
        this.orders = orders;
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.pace = pace;
    }

    @Async(DocumentWork.EXECUTOR)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @TransactionalEventListener
    void on(InvoiceIssued event) {
        pace.awaitQuiet();
        deliver(event.number());
    }

    @Async(DocumentWork.EXECUTOR)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @TransactionalEventListener
    void on(CreditNoteIssued event) {
        pace.awaitQuiet();
        deliver(event.number());
    }

    void deliver(InvoiceNumber number) {
        Optional<InvoiceFiles.Stored> made = files.of(number);
        Optional<Invoice> document = invoicing.find(number);
        if (made.isEmpty() || document.isEmpty()) {
            return;
        }
        Optional<OrderView> order = order(document.get().orderReference());
        if (order.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> send(document.get(), made.get(), order.get()));
    }

    private void send(Invoice document, InvoiceFiles.Stored made, OrderView order) {
        UUID id = jdbc.sql("SELECT id FROM invoicing.document WHERE number = :number")
                .param("number", document.number().value()).query(UUID.class).single();
        int claimed = jdbc.sql("""
                        INSERT INTO invoicing.document_delivery (document_id, recipient, queued_at)
                        VALUES (:id, :recipient, :at) ON CONFLICT (document_id) DO NOTHING
                        """)
                .param("id", id).param("recipient", order.email())
                .param("at", Timestamp.from(Instant.now(clock)))
                .update();
        if (claimed == 0) {
            return;
        }
        Locale locale = order.locale();
        Map<String, Object> model = new HashMap<>();
        model.put("name", document.buyer().name());
        model.put("document", document.number().value());
        model.put("order", document.orderReference());
        model.put("creditNote", document.isCreditNote());
        model.put("originalInvoice", document.originalInvoice().map(original -> original.number().value()).orElse(""));
        model.put("amount", money(document.totals().payable(), locale));
        model.put("link", publicUrl + "/commande/" + order.number().value() + "?t=" + order.accessToken());
        MessageId message = messaging.send(Email.of(EmailAddress.of(order.email()),
                        document.isCreditNote() ? "credit-note" : "invoice", locale, model)
                .withSubjectArguments(document.number().value(), document.orderReference())
                .withReference(document.orderReference())
                .withAttachment(new Email.Attachment(document.number().value() + ".pdf", "application/pdf", made.pdf())));
        jdbc.sql("UPDATE invoicing.document_delivery SET message_id = :message WHERE document_id = :id")
                .param("message", message.value()).param("id", id).update();
    }

    private Optional<OrderView> order(String reference) {
        try {
            return orders.find(new OrderNumber(reference));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    private static String money(Money amount, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance("en".equals(locale.getLanguage()) ? Locale.UK : Locale.FRANCE);
        format.setCurrency(amount.currency());
        return format.format(amount.amount());
    }
}

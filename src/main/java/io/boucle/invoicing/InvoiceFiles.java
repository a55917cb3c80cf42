package io.boucle.invoicing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Factur-X files of issued documents: made once, right after the document is issued (or when first
 * asked for), then kept and served byte for byte.
 *
 * <p><b>Why the bytes are stored, not made again on each download.</b> The stored document is the legal
 * record and the hash chain proves it unchanged; its PDF could be made from it again at any time. But the
 * file a customer received and the e-invoice a buyer's platform will hold must themselves be kept in their
 * original form for the retention period (CGI art. 289 VI, L102 B of the Livre des procédures fiscales),
 * and a PDF made again years later would not be that file: another layout, another logo, another Mustang
 * version (which writes its own name and dates into the XMP and the XML) would all change its bytes.
 * Storing costs some tens of kilobytes per document; the SHA-256 of each PDF is kept beside it. Making it
 * is slow (fonts, XMP, PDF/A), so it is done outside any transaction and stored in a short one; two nodes
 * making the same file at once keep the first one stored.
 */
@Component
class InvoiceFiles {

    private static final Logger log = LoggerFactory.getLogger(InvoiceFiles.class);

    /** A document's files as stored. */
    record Stored(byte[] pdf, byte[] xml, String pdfSha256) {
    }

    private final IssuedDocuments documents;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final InvoicePdf.Resources resources;

    InvoiceFiles(IssuedDocuments documents, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
            @Value("${boucle.invoicing.logo:classpath:invoicing/logo.png}") Resource logo) {
        this.documents = documents;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.resources = InvoicePdf.Resources.load(read(logo));
    }

    /** The document's files, made and stored now if they were not yet; empty when there is no such document. */
    Optional<Stored> of(InvoiceNumber number) {
        Optional<IssuedDocuments.Stored> document = transaction.execute(status -> documents.find(number));
        if (document == null || document.isEmpty()) {
            return Optional.empty();
        }
        UUID id = document.get().id();
        Optional<Stored> stored = find(id);
        if (stored.isPresent()) {
            return stored;
        }
        FacturX.Files made = FacturX.make(document.get().document(), resources);
        String sha256 = sha256(made.pdf());
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO invoicing.document_file (document_id, pdf, xml, pdf_sha256, created_at)
                        VALUES (:id, :pdf, :xml, :sha256, :at) ON CONFLICT (document_id) DO NOTHING
                        """)
                .param("id", id).param("pdf", made.pdf()).param("xml", made.xml()).param("sha256", sha256)
                .param("at", Timestamp.from(Instant.now(clock)))
                .update());
        return find(id);
    }

    private Optional<Stored> find(UUID document) {
        return jdbc.sql("SELECT pdf, xml, pdf_sha256 FROM invoicing.document_file WHERE document_id = :id")
                .param("id", document)
                .query((row, n) -> new Stored(row.getBytes("pdf"), row.getBytes("xml"), row.getString("pdf_sha256")))
                .optional();
    }

    private static Optional<byte[]> read(Resource logo) {
        if (logo == null || !logo.exists()) {
            log.warn("No invoice logo at {}: invoices are made without one", logo);
            return Optional.empty();
        }
        try (InputStream in = logo.getInputStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the invoice logo " + logo, e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

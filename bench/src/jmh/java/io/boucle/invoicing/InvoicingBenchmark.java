package io.boucle.invoicing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.boucle.tax.Sale;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.invoicing.InvoiceFixtures.service;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;

/**
 * What invoicing costs an order, without the database: the VAT engine's assessment of a sale, and the
 * making of its Factur-X (the EN 16931 CII XML, the PDF/A-3 that embeds it, and the check that the XML
 * says what the invoice says), as {@code InvoiceFiles} does once per document.
 * <ul>
 * <li>{@code domestic}: 3 lines (two rates) and a delivery, to a consumer in Paris;</li>
 * <li>{@code mixed}: 5 lines to a German consumer past the OSS threshold: goods at two rates, a
 * second-hand item under the margin scheme, a service, and a delivery shared out over them;</li>
 * <li>{@code business}: the same goods to a business buyer in Belgium (exempt intra-EU supply).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvoicingBenchmark {

    static final VatEngine VAT = VatEngine.withBundledData();

    @Param({ "domestic", "mixed", "business" })
    String sale;

    Sale toAssess;
    Invoice invoice;
    InvoicePdf.Resources resources;

    @Setup
    public void setUp() {
        InvoiceFixtures order = switch (sale) {
            case "domestic" -> anOrder("B2026-000001")
                    .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"),
                            goods("TEA", REDUCED_5_5, 3, "6.40", "Thé vert"))
                    .delivery("4.90");
            case "mixed" -> anOrder("B2026-000002").overOssThreshold().to("DE", "10115", "Berlin")
                    .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"),
                            secondHand("COAT", "160.00", "100.00", "Manteau en laine"),
                            service("ENGRAVING", STANDARD, "18.00", "Gravure"), goods("TEA", REDUCED_5_5, 3, "6.40", "Thé"))
                    .delivery("5.90");
            case "business" -> anOrder("B2026-000003")
                    .by(InvoiceBuyer.business("Anne Peeters", "Peeters BV",
                            PostalAddress.of("Meir 12", null, "2000", "Antwerpen", "BE"), null, "BE0477472701"))
                    .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"),
                            goods("TEA", REDUCED_5_5, 3, "6.40", "Thé vert"))
                    .delivery("4.90");
            default -> throw new IllegalArgumentException(sale);
        };
        toAssess = order.sale();
        invoice = InvoiceContent.invoice(order.request(), InvoiceFixtures.demoSettings(), InvoiceNumber.of("F", 2026, 42),
                Instant.parse("2026-06-15T10:00:00Z"));
        FrenchInvoiceRules.check(invoice);
        resources = InvoicePdf.Resources.load(Optional.of(shippedLogo()));
    }

    @Benchmark
    public VatAssessment assessVat() {
        return VAT.assess(toAssess);
    }

    /** The page alone, before the Factur-X exporter turns it into PDF/A-3 with its XML. */
    @Benchmark
    public byte[] renderPage() {
        return InvoicePdf.render(invoice, resources);
    }

    @Benchmark
    public FacturX.Files makeFacturX() {
        return FacturX.make(invoice, resources);
    }

    /** The logo a shop's documents carry until the merchant uploads theirs. */
    private static byte[] shippedLogo() {
        try (var in = InvoicingBenchmark.class.getResourceAsStream("/invoicing/logo.png")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

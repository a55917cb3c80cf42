package io.boucle.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A4 documents written line by line: wrapping, cutting, new pages, and text that reads back. */
class PagedPdfTests {

    private static final String SENTENCE = "Le vendeur certifie être le propriétaire de l'objet, qu'il n'est grevé d'aucun droit. ";

    private PDDocument document;
    private PagedPdf.Font font;

    @BeforeEach
    void loadFont() throws IOException {
        document = new PDDocument();
        font = new PagedPdf.Font(PDType0Font.load(document, new ByteArrayInputStream(DocumentFonts.regular()), true));
    }

    @AfterEach
    void close() throws IOException {
        document.close();
    }

    @Test
    void writesTextThatReadsBackAsWrittenAndSignsTheDocument() throws IOException {
        byte[] pdf = PagedPdf.write(40, 50, page -> {
            page.produced(java.time.Instant.parse("2026-03-01T10:00:00Z"));
            page.line("Bordereau de retour R2026-000123", 18, 23, 0);
            page.row(new float[] { 40, 250, 500 }, 10, 15, true, "SKU", "Article", "Qté");
            page.row(new float[] { 40, 250, 500 }, 10, 15, false, "TSHIRT-M", "Tee-shirt bleu", "2");
        });

        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getNumberOfPages()).isEqualTo(1);
            assertThat(read.getDocumentInformation().getProducer()).isEqualTo("Boucle");
            assertThat(read.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(java.time.Instant.parse("2026-03-01T10:00:00Z"));
            assertThat(new PDFTextStripper().getText(read))
                    .contains("Bordereau de retour R2026-000123")
                    .contains("TSHIRT-M").contains("Tee-shirt bleu").contains("Qté");
        }
    }

    @Test
    void aLongTextGoesOnToASecondPageAndLosesNoWord() throws IOException {
        String text = SENTENCE.repeat(120) + "Fin.";
        byte[] pdf = PagedPdf.write(50, 50, page -> page.wrapped(text, 10, 14.5f, 0));

        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(read.getNumberOfPages());
            assertThat(stripper.getText(read)).contains("Fin.");
            String all = new PDFTextStripper().getText(read).replaceAll("\\s+", " ");
            assertThat(all.split("propriétaire", -1)).hasSize(121);
        }
    }

    @Test
    void rowsThatFillAPageStartANewOne() throws IOException {
        byte[] pdf = PagedPdf.write(40, 50, page -> {
            for (int i = 0; i < 80; i++) {
                page.row(new float[] { 40, 250 }, 9, 14, i == 0, "SKU-" + i, "Article " + i);
                assertThat(page.y()).isGreaterThanOrEqualTo(50);
            }
        });

        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getNumberOfPages()).isEqualTo(2);
            assertThat(new PDFTextStripper().getText(read)).contains("SKU-0").contains("SKU-79");
        }
    }

    @Test
    void wrappedLinesNeverGoBeyondTheWidthEvenWithAWordLongerThanALine() throws IOException {
        String text = SENTENCE.repeat(5) + "x".repeat(300) + " " + SENTENCE + "\nNouvelle ligne";

        List<String> lines = font.wrap(9, text, 200);

        assertThat(lines).hasSizeGreaterThan(5).allSatisfy(line -> assertThat(font.width(9, line)).isLessThanOrEqualTo(200));
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo(text.replaceAll("\\s+", ""));
        assertThat(lines.getLast()).isEqualTo("Nouvelle ligne");
    }

    @Test
    void aLineTooWideIsCutWithAnEllipsis() throws IOException {
        String shown = font.fit(10, SENTENCE.repeat(3), 150);

        assertThat(shown).endsWith("…").startsWith("Le vendeur");
        assertThat(font.width(10, shown.substring(0, shown.length() - 1))).isLessThanOrEqualTo(150);
        assertThat(font.width(10, shown)).isLessThan(150 + font.width(10, "…"));
        assertThat(font.fit(10, "Court", 150)).isEqualTo("Court");
    }

    @Test
    void charactersTheFontLacksAreQuestionMarksAndControlsAreSpaces() {
        assertThat(font.printable("Prix\t12 €\u2028fin")).isEqualTo("Prix 12 € fin");
        assertThat(font.printable("箱")).isEqualTo("?");
    }
}

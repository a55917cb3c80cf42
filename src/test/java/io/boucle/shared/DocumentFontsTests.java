package io.boucle.shared;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentFontsTests {

    @Test
    void theFontsComeWithoutTheirGlyphSubstitutionTableButWithEveryGlyph() throws Exception {
        byte[] original;
        try (InputStream in = DocumentFonts.class.getResourceAsStream("/fonts/SourceSansPro-Regular.ttf")) {
            assertThat(in).as("Source Sans Pro on the classpath").isNotNull();
            original = in.readAllBytes();
        }
        TrueTypeFont before = parse(original);
        TrueTypeFont after = parse(DocumentFonts.regular());

        assertThat(before.getTableMap()).containsKey("GSUB");
        assertThat(before.getGsubData()).isNotSameAs(GsubData.NO_DATA_FOUND);
        assertThat(after.getTableMap()).doesNotContainKey("GSUB");
        assertThat(after.getGsubData()).isSameAs(GsubData.NO_DATA_FOUND);
        assertThat(after.getNumberOfGlyphs()).isEqualTo(before.getNumberOfGlyphs());
        assertThat(after.getUnicodeCmapLookup().getGlyphId('é')).isEqualTo(before.getUnicodeCmapLookup().getGlyphId('é'));
        assertThat(parse(DocumentFonts.bold()).getGsubData()).isSameAs(GsubData.NO_DATA_FOUND);
    }

    @Test
    void textWrittenWithThemReadsBackAsTyped() throws Exception {
        String text = "Facture financière : 3 × offre spéciale, fin de série";
        assertThat(writtenAndReadBack(text, false)).as("no ligature: 'fi' reads back as two letters").isEqualTo(text);
    }

    @Test
    void documentsMadeOneAfterAnotherOnAThreadOrOnVirtualThreadsEachEmbedTheGlyphsOfTheirOwnText() throws Exception {
        // On a platform thread the parsed fonts are reused from one document to the next.
        for (String text : java.util.List.of("Facture n° F-2026-1 : 12,90 €", "Avoir — Kühlschrank, Œuvre, çà", "ZZZ 999")) {
            assertThat(writtenAndReadBack(text, false)).isEqualTo(text);
            assertThat(writtenAndReadBack(text, true)).isEqualTo(text);
        }
        Thread virtual = Thread.ofVirtual().start(() -> {
            try {
                assertThat(writtenAndReadBack("Bon de préparation", false)).isEqualTo("Bon de préparation");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        virtual.join();
    }

    private static String writtenAndReadBack(String text, boolean bold) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDType0Font font = bold ? DocumentFonts.boldIn(document) : DocumentFonts.regularIn(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
        }
        try (PDDocument read = Loader.loadPDF(out.toByteArray())) {
            PDType0Font embedded = (PDType0Font) read.getPage(0).getResources()
                    .getFont(read.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(embedded.isEmbedded()).isTrue();
            assertThat(embedded.getName()).as("a subset's name has a six-letter tag").matches("[A-Z]{6}\\+.*");
            return new PDFTextStripper().getText(read).strip();
        }
    }

    @Test
    void refusesWhatIsNotAFontFile() {
        assertThatThrownBy(() -> DocumentFonts.withoutGlyphSubstitution(new byte[] { 0, 1, 0, 0 }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocumentFonts.withoutGlyphSubstitution(new byte[] { 0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0 }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table directory");
    }

    private static TrueTypeFont parse(byte[] font) throws Exception {
        return new TTFParser().parse(new RandomAccessReadBuffer(font));
    }
}

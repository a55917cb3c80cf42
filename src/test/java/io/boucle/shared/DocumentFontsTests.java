package io.boucle.shared;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(DocumentFonts.regular()), true);
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
            assertThat(new PDFTextStripper().getText(read).strip()).isEqualTo(text);
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

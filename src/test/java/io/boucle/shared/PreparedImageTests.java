package io.boucle.shared;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreparedImageTests {

    private static final byte[] LOGO = read("/invoicing/logo.png");

    @Test
    void theImageReadBackFromASavedDocumentHasTheFilesPixelsAndTransparency() throws IOException {
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(LOGO));
        assertThat(original.getColorModel().hasAlpha()).as("the shipped logo has transparency to keep").isTrue();
        PreparedImage prepared = PreparedImage.of(LOGO, "logo");

        for (int round = 0; round < 2; round++) {
            PDImageXObject image = imageOf(save(prepared));
            assertThat(image.getCOSObject().getCOSStream(COSName.SMASK)).as("the transparency, as its own image").isNotNull();
            assertSamePixels(image.getImage(), original);
        }
    }

    @Test
    void documentsMadeOnSeveralThreadsAtOnceEachGetTheWholeImage() throws Exception {
        PreparedImage prepared = PreparedImage.of(LOGO, "logo");
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(LOGO));
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<byte[]>> documents = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                documents.add(threads.submit((Callable<byte[]>) () -> save(prepared)));
            }
            for (Future<byte[]> document : documents) {
                assertSamePixels(imageOf(document.get()).getImage(), original);
            }
        }
    }

    @Test
    void aFileThatIsNoImageIsRefusedWithItsName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PreparedImage.of("not an image".getBytes(), "logo"))
                .hasMessageContaining("logo");
    }

    private static byte[] save(PreparedImage prepared) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(prepared.in(document), 10, 10, 46, 46);
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static PDImageXObject imageOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            COSName name = page.getResources().getXObjectNames().iterator().next();
            PDImageXObject image = (PDImageXObject) page.getResources().getXObject(name);
            image.getImage(); // decoded while the document is open
            return image;
        }
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int want = expected.getRGB(x, y);
                int got = actual.getRGB(x, y);
                if ((want >>> 24) == 0) {
                    assertThat(got >>> 24).as("alpha at %d,%d", x, y).isZero();
                } else {
                    assertThat(got).as("pixel at %d,%d", x, y).isEqualTo(want);
                }
            }
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = PreparedImageTests.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

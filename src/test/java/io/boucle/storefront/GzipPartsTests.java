package io.boucle.storefront;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GzipPartsTests {

    @Test
    void thePartsAndTheTextBetweenThemReadBackAsOneGzipStream() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            byte[][] parts = new byte[1 + random.nextInt(5)][];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = text(random, random.nextInt(round % 10 == 0 ? 200_000 : 3_000));
            }
            GzipParts gzip = new GzipParts(parts);
            byte[] token = text(random, random.nextInt(100));

            byte[] written = write(gzip, token);

            assertThat(written).hasSize((int) gzip.length(token));
            assertThat(gunzip(written)).isEqualTo(joined(parts, token));
        }
    }

    @Test
    void aTextLongerThanOneStoredBlockAndAnEmptyOneAreJoinedToo() throws IOException {
        byte[][] parts = {"<p>".getBytes(StandardCharsets.UTF_8), new byte[0], "</p>".getBytes(StandardCharsets.UTF_8)};
        GzipParts gzip = new GzipParts(parts);
        for (byte[] token : new byte[][] {new byte[0], text(new Random(1), 70_000), text(new Random(2), 65_535)}) {
            byte[] written = write(gzip, token);
            assertThat(written).hasSize((int) gzip.length(token));
            assertThat(gunzip(written)).isEqualTo(joined(parts, token));
        }
    }

    @Test
    void aPageIsCompressed() throws IOException {
        byte[] page = "<li class=\"card\">Lampe en laiton, très bon état</li>\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        GzipParts gzip = new GzipParts(new byte[][] {page, page});
        assertThat(write(gzip, "token".getBytes(StandardCharsets.UTF_8)).length).isLessThan(page.length / 20);
    }

    private static byte[] write(GzipParts gzip, byte[] token) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        gzip.write(token, out);
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] joined(byte[][] parts, byte[] between) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.writeBytes(between);
            }
            out.writeBytes(parts[i]);
        }
        return out.toByteArray();
    }

    /** Text that compresses somewhat, with bytes of every value now and then. */
    private static byte[] text(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(6));
        }
        return bytes;
    }
}

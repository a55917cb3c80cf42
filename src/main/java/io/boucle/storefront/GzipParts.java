package io.boucle.storefront;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The parts of a page compressed once, joined on every request around a text of that request (the
 * CSRF token) into one gzip stream (RFC 1952), so that a kept page is not compressed again for each
 * visitor.
 * <p>
 * Each part is compressed on its own and ends on a byte boundary without closing the stream
 * (DEFLATE, RFC 1951: non-final blocks, then a sync flush). The text between two parts goes in a
 * stored block; an empty final stored block closes the stream, and the trailer gives the CRC-32 and
 * the length of everything.
 */
final class GzipParts {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final stored block of no bytes: BFINAL=1, BTYPE=00, LEN=0, NLEN=0xffff. */
    private static final byte[] LAST_BLOCK = {1, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final int MAX_STORED = 65_535;

    private final byte[][] plain;
    private final byte[][] deflated;
    private final long deflatedLength;

    GzipParts(byte[][] parts) {
        this.plain = parts;
        this.deflated = new byte[parts.length][];
        long length = 0;
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            for (int i = 0; i < parts.length; i++) {
                deflater.reset();
                deflated[i] = deflate(deflater, parts[i]);
                length += deflated[i].length;
            }
        } finally {
            deflater.end();
        }
        this.deflatedLength = length;
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 4 + 64);
        byte[] buffer = new byte[8_192];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length);
        return out.toByteArray();
    }

    /** How many bytes {@link #write} writes with this text between the parts. */
    long length(byte[] between) {
        int storedBlocks = Math.max(1, (between.length + MAX_STORED - 1) / MAX_STORED);
        long betweenLength = (long) (between.length + 5 * storedBlocks) * (plain.length - 1);
        return HEADER.length + deflatedLength + betweenLength + LAST_BLOCK.length + 8;
    }

    /** Writes the gzip stream of the parts with this text between each two. */
    void write(byte[] between, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        out.write(HEADER);
        for (int i = 0; i < plain.length; i++) {
            if (i > 0) {
                stored(between, out);
                crc.update(between);
                size += between.length;
            }
            out.write(deflated[i]);
            crc.update(plain[i]);
            size += plain[i].length;
        }
        out.write(LAST_BLOCK);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, (int) size);
    }

    /** Non-final stored blocks holding these bytes (at least one block, even for none). */
    private static void stored(byte[] bytes, OutputStream out) throws IOException {
        int offset = 0;
        do {
            int length = Math.min(MAX_STORED, bytes.length - offset);
            out.write(0);
            out.write(length & 0xff);
            out.write(length >>> 8);
            out.write(~length & 0xff);
            out.write((~length >>> 8) & 0xff);
            out.write(bytes, offset, length);
            offset += length;
        } while (offset < bytes.length);
    }

    private static void writeIntLittleEndian(OutputStream out, int value) throws IOException {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }
}

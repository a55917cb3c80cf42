package io.boucle.buyback;

/**
 * An uploaded photo of an offered item, as received; its type is checked from its bytes.
 *
 * @param size the size announced by the upload; a photo over the limit is passed without its bytes
 */
public record Photo(String filename, byte[] content, long size) {

    public Photo(String filename, byte[] content) {
        this(filename, content, content == null ? 0 : content.length);
    }

    /** A photo too large to be read into memory: refused for its size. */
    public static Photo tooLarge(String filename, long size) {
        return new Photo(filename, new byte[0], size);
    }
}

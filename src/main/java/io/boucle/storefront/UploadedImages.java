package io.boucle.storefront;

import java.time.Duration;

import io.boucle.catalog.ProductImages;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Product photos at their content-addressed URLs ({@link ProductImages#url}): the address names
 * the bytes, so browsers and proxies may keep them a year without asking again.
 */
@Controller
class UploadedImages {

    static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ProductImages images;

    UploadedImages(ProductImages images) {
        this.images = images;
    }

    @GetMapping("/media/img/{hash:[0-9a-f]{64}}-{width:[0-9]{1,4}}.{extension:jpg|png}")
    ResponseEntity<byte[]> image(@PathVariable String hash, @PathVariable int width, @PathVariable String extension,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        String etag = "\"" + hash + "-" + width + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(FOREVER).build();
        }
        return images.rendition(hash, width)
                .filter(rendition -> rendition.contentType().equals("png".equals(extension) ? "image/png" : "image/jpeg"))
                .map(rendition -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(rendition.contentType()))
                        .cacheControl(FOREVER)
                        .eTag(etag)
                        .header("X-Content-Type-Options", "nosniff")
                        .body(rendition.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}

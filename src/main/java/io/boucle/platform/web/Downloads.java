package io.boucle.platform.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Files the back office and the admin API hand out to be saved. */
public final class Downloads {

    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Downloads() {
    }

    /** A CSV file to save as {@code name}.csv; private: never kept by a shared cache. */
    public static ResponseEntity<String> csv(String name, String content) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(content);
    }
}

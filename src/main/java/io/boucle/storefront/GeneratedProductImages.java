package io.boucle.storefront;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Pictures for products that have no photo yet: a still life drawn from the product's address,
 * the same every time, so the demo shop looks furnished without downloading anything.
 */
@Controller
class GeneratedProductImages {

    private static final String[][] PALETTES = {
            { "#e9e1d4", "#1f6f5c", "#e0812d" }, { "#dfe7ea", "#2b4c7e", "#c9a227" }, { "#efe3e1", "#8c2f39", "#3d6b45" },
            { "#e4e8dc", "#4f6d3a", "#b5542f" }, { "#e6e0ee", "#5b3f8c", "#d98e04" }, { "#f1e9da", "#7a4e2d", "#2f7f86" } };

    @GetMapping(value = "/media/products/{slug:[a-z0-9-]{1,120}}.svg")
    ResponseEntity<byte[]> image(@PathVariable String slug) {
        int hash = slug.hashCode();
        String[] palette = PALETTES[Math.floorMod(hash, PALETTES.length)];
        int shape = Math.floorMod(hash >>> 8, 3);
        int tilt = Math.floorMod(hash >>> 12, 30) - 15;
        String figure = switch (shape) {
            case 0 -> "<circle cx='300' cy='300' r='150' fill='" + palette[1] + "'/>";
            case 1 -> "<rect x='170' y='150' width='260' height='300' rx='28' fill='" + palette[1] + "' transform='rotate(" + tilt + " 300 300)'/>";
            default -> "<path d='M300 130 L470 450 L130 450 Z' fill='" + palette[1] + "' transform='rotate(" + tilt + " 300 300)'/>";
        };
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 600 600' width='600' height='600'>"
                + "<rect width='600' height='600' fill='" + palette[0] + "'/>"
                + "<ellipse cx='300' cy='500' rx='210' ry='26' fill='#000' opacity='0.08'/>" + figure
                + "<circle cx='" + (380 + Math.floorMod(hash >>> 16, 80)) + "' cy='" + (170 + Math.floorMod(hash >>> 20, 60))
                + "' r='46' fill='" + palette[2] + "'/></svg>";
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic())
                .body(svg.getBytes(StandardCharsets.UTF_8));
    }
}

package io.boucle.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticResourceLinksTests {

    @Test
    void onlyLinksWhoseLastSegmentHasAnExtensionMayBeStaticFiles() {
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/css/boucle.css")).isTrue();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/img/logo.svg?v=2#top")).isTrue();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/p/velo-ville-acier")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/c/livres?page=2&sort=price.asc")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/v1.2/p/velo")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("?lang=en")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("")).isFalse();
        assertThat(StaticResourceLinks.FilesOnly.mayBeFile("/archive.")).isFalse();
    }
}

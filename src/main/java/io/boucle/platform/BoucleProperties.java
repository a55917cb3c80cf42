package io.boucle.platform;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform itself. See the README's configuration table for the variables that
 * set them.
 *
 * @param dataDir where the embedded database and other local files live
 * @param publicUrl the address shoppers and staff reach the shop at, for links in messages
 * @param demo whether demo data is seeded; unset means "yes with the embedded database"
 */
@ConfigurationProperties("boucle")
public record BoucleProperties(
        @DefaultValue("data") Path dataDir,
        URI publicUrl,
        Boolean demo,
        @DefaultValue Database database,
        @DefaultValue Embedded embedded) {

    /** An external PostgreSQL server; when {@code url} is empty the embedded one is started. */
    public record Database(String url, String user, String password, @DefaultValue("10") int poolSize) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The embedded PostgreSQL server.
     *
     * @param port fixed port, or 0 for any free port
     * @param ephemeral a throw-away cluster in a fresh directory (tests), without durable writes
     */
    public record Embedded(@DefaultValue("0") int port, @DefaultValue("false") boolean ephemeral) {
    }

    public boolean demoEnabled() {
        return demo != null ? demo : !database.external();
    }
}

package io.boucle.platform.database;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void refusesADataDirectoryHeldByAnotherInstance() throws Exception {
        try (FileChannel channel = FileChannel.open(dataDir.resolve("boucle.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, 0, false))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("in use by another running Boucle instance")
                    .satisfies(e -> assertThat(((DatabaseUnavailableException) e).action()).contains("BOUCLE_DATA_DIR"));
        }
        assertThat(dataDir.resolve("postgres")).as("nothing started").doesNotExist();
    }

    @Test
    void unreachableExternalServerIsReportedClearly() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/boucle");
        config.setConnectionTimeout(500);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            assertThatThrownBy(() -> DatabaseConfiguration.checkReachable(dataSource, config.getJdbcUrl()))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/boucle cannot be reached")
                    .satisfies(e -> assertThat(((DatabaseUnavailableException) e).action()).contains("BOUCLE_DATABASE_URL"));
        }
    }

    @Test
    void startupFailureIsExplainedWithoutAStackTrace() {
        var failure = new DatabaseUnavailableException("The data directory is in use.", "Stop the other instance.", null);
        FailureAnalysis analysis = new DatabaseStartupFailureAnalyzer().analyze(new IllegalStateException(failure));
        assertThat(analysis.getDescription()).isEqualTo("The data directory is in use.");
        assertThat(analysis.getAction()).isEqualTo("Stop the other instance.");
    }
}

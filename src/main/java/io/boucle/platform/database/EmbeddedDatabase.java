package io.boucle.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from binaries shipped on Maven Central, with its cluster under
 * {@code <data dir>/postgres} so the shop keeps its data across restarts.
 *
 * <p>One application owns a data directory at a time: a lock file says so, and a second instance
 * stops with a clear message. When the previous owner was killed without a chance to stop its
 * server, that orphaned server still holds the cluster; it is shut down before starting again,
 * which lets PostgreSQL recover from its write-ahead log.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final boolean durable;

    private EmbeddedDatabase(Path dataDir, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, boolean durable) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.durable = durable;
    }

    /**
     * Starts the server on the cluster under {@code dataDir}, creating it when absent.
     *
     * @param durable {@code false} only for throw-away test clusters: skips fsync, and the
     *                directory is deleted when the server stops
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) {
        Path directory = dataDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve("boucle.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DatabaseUnavailableException(
                        "The data directory " + directory + " is in use by another running Boucle instance.",
                        "Stop the other instance, or give this one its own directory with BOUCLE_DATA_DIR.", null);
            }
            Path cluster = directory.resolve("postgres");
            stopOrphanedServer(cluster);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), cluster);
            return new EmbeddedDatabase(directory, channel, lock, postgres, durable);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DatabaseUnavailableException(
                    "The embedded PostgreSQL server could not start in " + directory + ": " + e.getMessage(),
                    "Check that the directory is writable and has free space, or set BOUCLE_DATABASE_URL to use an external server.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                log.warn("Could not release the data directory lock", e);
            }
            closeQuietly(lockChannel);
            if (!durable) {
                org.springframework.util.FileSystemUtils.deleteRecursively(dataDir.toFile());
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Stops a server left running by a killed predecessor; we hold the lock, so it is nobody's.
     * The process must be the one {@code postmaster.pid} describes (same id and start time), so a
     * stale file after a reboot never leads to stopping an unrelated process that reused the id.
     */
    static void stopOrphanedServer(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 3) {
            return;
        }
        Optional<Instant> started = parsePid(lines.get(2)).map(Instant::ofEpochSecond);
        Optional<ProcessHandle> orphan = parsePid(lines.getFirst()).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isPostgresStartedAt(process, started));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        log.warn("Stopping PostgreSQL server {} left running on {} by an instance that did not shut down", process.pid(), cluster);
        process.destroy();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DatabaseUnavailableException(
                    "The PostgreSQL server " + process.pid() + " left running on " + cluster + " did not stop within 60 s.",
                    "Stop that process, then start Boucle again.", e);
        }
    }

    private static boolean isPostgresStartedAt(ProcessHandle process, Optional<Instant> started) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> command.endsWith("postgres")).orElse(false);
        return postgres && started.isPresent() && info.startInstant()
                .map(instant -> Duration.between(instant, started.get()).abs().getSeconds() <= 5)
                .orElse(false);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}

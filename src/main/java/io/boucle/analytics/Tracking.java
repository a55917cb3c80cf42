package io.boucle.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * Takes storefront events off the request path: {@link #record} only puts the event in a bounded
 * in-memory queue (never blocks; when the queue is full the event is dropped and counted), and one
 * background thread writes what has queued up in batches with PostgreSQL's {@code COPY}, every
 * {@code boucle.analytics.flush-interval} or as soon as a batch is full. A clean stop writes what is
 * still queued before the database closes (this lifecycle stops after the web server).
 */
@Component
public class Tracking implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Tracking.class);
    static final int BATCH = 5_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final BlockingQueue<TrackedEvent> queue;
    private final Duration flushInterval;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean running;
    private Thread writer;

    Tracking(DataSource dataSource, JdbcClient jdbc,
            @Value("${boucle.analytics.buffer-capacity:100000}") int capacity,
            @Value("${boucle.analytics.flush-interval:PT1S}") Duration flushInterval) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.flushInterval = flushInterval;
    }

    /** Queues an event; {@code false} when the buffer is full and the event was dropped. */
    public boolean record(TrackedEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /**
     * Ties an order to the tracked session that placed it, for attribution: written at once (one
     * row per order, not per page view), then the placement is queued as an event of the session.
     */
    public void orderPlaced(String orderNumber, UUID visitorId, UUID sessionId, String firstChannel, String lastChannel,
            String page, Instant at) {
        jdbc.sql("""
                INSERT INTO analytics.order_touch (order_number, visitor_id, session_id, first_channel, last_channel, at)
                VALUES (:number, :visitor, :session, :first, :last, :at) ON CONFLICT (order_number) DO NOTHING
                """).param("number", orderNumber).param("visitor", visitorId).param("session", sessionId)
                .param("first", Channel.known(firstChannel) ? firstChannel : Channel.DIRECT)
                .param("last", Channel.known(lastChannel) ? lastChannel : Channel.DIRECT)
                .param("at", Timestamp.from(at)).update();
        record(TrackedEvent.of(at, EventType.ORDER_PLACED, visitorId, sessionId, lastChannel, page, orderNumber));
    }

    /** Events waiting to be written. */
    public int pending() {
        return queue.size();
    }

    /** Events dropped because the buffer was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Events written since start. */
    public long written() {
        return written.get();
    }

    /** Writes everything queued now, in the caller's thread; returns how many events were written. */
    public int flush() {
        int total = 0;
        writing.lock();
        try {
            List<TrackedEvent> batch = new ArrayList<>(Math.min(BATCH, Math.max(queue.size(), 16)));
            while (queue.drainTo(batch, BATCH) > 0) {
                total += write(batch);
                batch.clear();
            }
        } finally {
            writing.unlock();
        }
        return total;
    }

    private void loop() {
        List<TrackedEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                TrackedEvent first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing.lock();
                try {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                } finally {
                    batch.clear();
                    writing.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Analytics events could not be written", e);
            }
        }
    }

    /**
     * One transaction (the caller's, if there is one): the events by COPY, and their days marked for
     * the rollups.
     */
    int write(List<TrackedEvent> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        StringBuilder csv = new StringBuilder(batch.size() * 160);
        SortedSet<LocalDate> days = new TreeSet<>();
        for (TrackedEvent event : batch) {
            LocalDate day = Days.of(event.at());
            days.add(day);
            csv.append(event.at()).append(',').append(day).append(',').append(event.type().code()).append(',')
                    .append(event.visitorId()).append(',').append(event.sessionId()).append(',').append(event.channel());
            for (String text : new String[] { event.page(), event.referrer(), event.utmSource(), event.utmMedium(),
                    event.utmCampaign(), event.subject() }) {
                csv.append(',');
                quote(csv, text);
            }
            csv.append('\n');
        }
        boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!joined) {
                connection.setAutoCommit(false);
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY analytics.event (at, day, type, visitor_id, session_id, channel, page, referrer, utm_source,
                        utm_medium, utm_campaign, subject) FROM STDIN WITH (FORMAT csv)""", new java.io.StringReader(csv.toString()));
                try (PreparedStatement dirty = connection.prepareStatement(
                        "INSERT INTO analytics.dirty_day (day) VALUES (?) ON CONFLICT DO NOTHING")) {
                    for (LocalDate day : days) {
                        dirty.setObject(1, day);
                        dirty.addBatch();
                    }
                    dirty.executeBatch();
                }
                if (!joined) {
                    connection.commit();
                }
            } catch (SQLException | java.io.IOException | RuntimeException e) {
                if (!joined) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (!joined) {
                    connection.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("writing " + batch.size() + " analytics events failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        written.addAndGet(batch.size());
        return batch.size();
    }

    /** A CSV field: quoted (so an empty text stays a text), or nothing at all for null. */
    private static void quote(StringBuilder csv, String text) {
        if (text == null) {
            return;
        }
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append("\"\"");
            } else if (c == 0) {
                continue;
            } else {
                csv.append(c);
            }
        }
        csv.append('"');
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().daemon().name("analytics-writer").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            // not interrupted: a COPY in progress finishes; the loop ends within one flush interval
            try {
                writer.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            int left = flush();
            if (left > 0) {
                log.info("Wrote {} queued analytics events before stopping", left);
            }
        } catch (RuntimeException e) {
            log.error("Queued analytics events could not be written at stop ({} lost)", queue.size(), e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (lower phases stop later), before the data source closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}

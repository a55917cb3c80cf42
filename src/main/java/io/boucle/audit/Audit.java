package io.boucle.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.shared.Identifiers;
import io.boucle.shared.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of staff actions. Services call {@link #record} inside the transaction of the change
 * they make (it refuses to run outside one), after the change is written: if the change fails or is
 * rolled back, so is its row. Work that no staff member started (jobs, shoppers) is not recorded.
 */
@Service
public class Audit {

    static final int MAX_SUMMARY = 2000;

    private final JdbcClient jdbc;
    private final ObjectProvider<AuditActors> actors;
    private final Clock clock;

    Audit(JdbcClient jdbc, ObjectProvider<AuditActors> actors, Clock clock) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * Records what the current staff member just changed; nothing when no staff member is acting.
     *
     * @param action     a stable name, {@code <area>.<verb>}, e.g. {@code order.cancel}
     * @param targetType what was changed, e.g. {@code order}, {@code sku}, {@code promotion}
     * @param targetId   its id or number as staff know it
     * @param summary    the change in a few words (new values, reason)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String targetType, String targetId, String summary) {
        Optional<AuditActor> actor = Optional.ofNullable(actors.getIfAvailable()).flatMap(AuditActors::current);
        actor.ifPresent(who -> write(who, action, targetType, targetId, summary));
    }

    /** Records an action of a known staff member, e.g. one made while signing in. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditActor actor, String action, String targetType, String targetId, String summary) {
        write(actor, action, targetType, targetId, summary);
    }

    private void write(AuditActor actor, String action, String targetType, String targetId, String summary) {
        String text = summary == null ? "" : summary.strip();
        if (text.length() > MAX_SUMMARY) {
            text = text.substring(0, MAX_SUMMARY - 1) + "…";
        }
        jdbc.sql("""
                INSERT INTO audit.entry (id, at, staff_id, staff_email, action, target_type, target_id, summary, client_address)
                VALUES (:id, :at, :staff, :email, :action, :type, :target, :summary, :address)
                """)
                .param("id", Identifiers.newUuid(clock))
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("staff", actor.staffId())
                .param("email", actor.staffEmail())
                .param("action", action)
                .param("type", targetType)
                .param("target", targetId == null ? "" : targetId)
                .param("summary", text)
                .param("address", actor.clientAddress())
                .update();
    }

    /** The newest entries first. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(AuditFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder("TRUE");
        Map<String, Object> params = new HashMap<>();
        if (present(filter.staff())) {
            where.append(" AND strpos(lower(staff_email), lower(:staff)) > 0");
            params.put("staff", filter.staff().strip());
        }
        if (present(filter.action())) {
            where.append(" AND starts_with(action, :action)");
            params.put("action", filter.action().strip());
        }
        if (present(filter.targetType())) {
            where.append(" AND target_type = :type");
            params.put("type", filter.targetType().strip());
        }
        if (present(filter.targetId())) {
            where.append(" AND target_id = :target");
            params.put("target", filter.targetId().strip());
        }
        if (filter.from() != null) {
            where.append(" AND at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("SELECT count(*) FROM audit.entry WHERE " + where).params(params).query(Long.class).single();
        Map<String, Object> paged = new HashMap<>(params);
        paged.put("limit", size);
        paged.put("offset", (long) page * size);
        List<AuditEntry> items = new ArrayList<>(jdbc.sql("SELECT * FROM audit.entry WHERE " + where
                        + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(paged)
                .query((row, n) -> new AuditEntry(row.getObject("id", UUID.class), row.getTimestamp("at").toInstant(),
                        row.getObject("staff_id", UUID.class), row.getString("staff_email"), row.getString("action"),
                        row.getString("target_type"), row.getString("target_id"), row.getString("summary"),
                        row.getString("client_address")))
                .list());
        return new Page<>(items, page, size, total);
    }

    /** The kinds of target recorded so far, for the filter's choices. */
    @Transactional(readOnly = true)
    public List<String> targetTypes() {
        return jdbc.sql("SELECT DISTINCT target_type FROM audit.entry ORDER BY 1").query(String.class).list();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

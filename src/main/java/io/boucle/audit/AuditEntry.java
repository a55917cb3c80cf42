package io.boucle.audit;

import java.time.Instant;
import java.util.UUID;

/** One staff action as the audit log shows it. */
public record AuditEntry(UUID id, Instant at, UUID staffId, String staffEmail, String action, String targetType,
        String targetId, String summary, String clientAddress) {
}

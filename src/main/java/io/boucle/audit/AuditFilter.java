package io.boucle.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; every part optional (null or blank). {@code staff} matches
 * part of the staff member's email, {@code action} the start of the action's name.
 */
public record AuditFilter(String staff, String action, String targetType, String targetId, Instant from, Instant to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}

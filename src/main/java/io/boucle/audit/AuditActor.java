package io.boucle.audit;

import java.util.UUID;

/** The staff member behind a change, and the address their request came from. */
public record AuditActor(UUID staffId, String staffEmail, String clientAddress) {
}

package io.boucle.staff;

import java.time.Instant;
import java.util.Set;

import org.springframework.modulith.events.Externalized;

/** A staff account was opened. */
@Externalized
public record StaffAccountCreated(StaffAccountId accountId, Set<Role> roles, Instant createdAt) {
}

package io.boucle.audit;

import java.util.Optional;

/**
 * Tells who is acting now. Implemented where sign-ins are known (the security layer); empty when
 * no staff member is behind the current work (a job, a shopper, an event listener).
 */
public interface AuditActors {

    Optional<AuditActor> current();
}

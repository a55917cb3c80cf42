package io.boucle.platform.security;

import java.util.Optional;
import java.util.Set;

import io.boucle.audit.AuditActor;
import io.boucle.audit.AuditActors;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The staff member signed in on the current request (back-office session or API token), for the
 * audit log; none for shoppers, anonymous visitors and work outside a request.
 */
@Component
class StaffAuditActors implements AuditActors {

    private static final Set<String> STAFF_AUTHORITIES = Set.of(Role.OWNER.authority(), Role.MANAGER.authority(),
            Role.SUPPORT.authority(), Role.ACCOUNTANT.authority(), "ROLE_" + StaffSessions.ENROLMENT);

    private final StaffAccounts accounts;

    StaffAuditActors(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<AuditActor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).noneMatch(STAFF_AUTHORITIES::contains)) {
            return Optional.empty();
        }
        Optional<StaffAccount> account = authentication.getDetails() instanceof StaffAccount known
                ? Optional.of(known)
                : accounts.findByEmail(EmailAddress.of(authentication.getName()));
        return account.map(staff -> new AuditActor(staff.id().value(), staff.email().value(), clientAddress()));
    }

    private static String clientAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
    }
}

package io.boucle.staff;

import java.util.Locale;
import java.util.Set;

import io.boucle.shared.EmailAddress;

/** A staff account as other modules see it: never its password or tokens. */
public record StaffAccount(StaffAccountId id, EmailAddress email, String displayName, Set<Role> roles,
        Locale locale, boolean enabled) {

    public StaffAccount {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}

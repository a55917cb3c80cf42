package io.boucle.api;

import java.util.List;

import io.boucle.staff.StaffAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
class StaffApi {

    record Me(String email, String displayName, List<String> roles, String locale) {
    }

    @GetMapping("/me")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    @Operation(summary = "The staff account the API token belongs to")
    Me me(Authentication authentication) {
        StaffAccount account = (StaffAccount) authentication.getDetails();
        return new Me(account.email().value(), account.displayName(),
                account.roles().stream().map(Enum::name).sorted().toList(), account.locale().toLanguageTag());
    }
}

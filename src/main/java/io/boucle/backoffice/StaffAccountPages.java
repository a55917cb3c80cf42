package io.boucle.backoffice;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.boucle.platform.security.StaffSessions;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.staff.TwoFactor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff member's own settings (language, two-factor sign-in), the owner's requirement of two-factor
 * sign-in for all staff, and the sign-in's second step: the code, or the enrolment an owner requires.
 */
@Controller
class StaffAccountPages {

    private final StaffAccounts accounts;
    private final TwoFactor twoFactor;
    private final StaffSessions sessions;
    private final MessageSource messages;

    StaffAccountPages(StaffAccounts accounts, TwoFactor twoFactor, StaffSessions sessions, MessageSource messages) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
        this.messages = messages;
    }

    // The sign-in's second step (the security rules let only half-signed-in staff reach these)

    @GetMapping("/admin/login/code")
    String code() {
        return "backoffice/login-code";
    }

    @PostMapping("/admin/login/code")
    String checkCode(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        StaffAccount account = sessions.halfSignedIn(authentication, StaffSessions.SECOND_FACTOR)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        switch (twoFactor.check(account.email().value(), code)) {
            case ACCEPTED -> {
                sessions.completeSignIn(account, request, response);
                return null;
            }
            case LOCKED -> {
                sessions.signOut(request, response);
                return "redirect:/admin/login?error";
            }
            default -> {
                return "redirect:/admin/login/code?error";
            }
        }
    }

    @GetMapping("/admin/login/enrol")
    String enrolAtSignIn(Authentication authentication, Model model) {
        StaffAccount account = sessions.halfSignedIn(authentication, StaffSessions.ENROLMENT)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        model.addAttribute("enrolment", twoFactor.pendingEnrolment(account.id()).orElseGet(() -> twoFactor.startEnrolment(account.id())));
        model.addAttribute("action", "/admin/login/enrol");
        model.addAttribute("required", true);
        return "backoffice/two-factor-enrol";
    }

    @PostMapping("/admin/login/enrol")
    String confirmAtSignIn(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        StaffAccount account = sessions.halfSignedIn(authentication, StaffSessions.ENROLMENT)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        Optional<List<String>> codes = twoFactor.confirmEnrolment(account.id(), code);
        if (codes.isEmpty()) {
            return wrongFirstCode(account, "/admin/login/enrol", true, model, locale);
        }
        sessions.openFullSession(account, request, response);
        model.addAttribute("codes", codes.get());
        return "backoffice/two-factor-codes";
    }

    // The staff member's own account

    @GetMapping("/admin/account")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String account(Authentication authentication, Model model) {
        StaffAccount account = current(authentication);
        model.addAttribute("account", account);
        model.addAttribute("twoFactorOn", twoFactor.enabled(account.id()));
        model.addAttribute("recoveryCodesLeft", twoFactor.recoveryCodesLeft(account.id()));
        model.addAttribute("twoFactorRequired", twoFactor.required());
        model.addAttribute("languages", StaffAccounts.LANGUAGES);
        return "backoffice/account";
    }

    @PostMapping("/admin/account/language")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String language(@RequestParam(defaultValue = "") String language, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        StaffAccount account = current(authentication);
        Locale chosen = StaffAccounts.LANGUAGES.stream().filter(known -> known.getLanguage().equals(language)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        accounts.changeLocale(account.id(), chosen);
        sessions.applyLanguage(chosen, request, response);
        redirect.addFlashAttribute("notice", messages.getMessage("admin.account.languageSaved", null, chosen));
        return "redirect:/admin/account";
    }

    @PostMapping("/admin/account/two-factor")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String startEnrolment(Authentication authentication, Model model) {
        StaffAccount account = current(authentication);
        model.addAttribute("enrolment", twoFactor.startEnrolment(account.id()));
        model.addAttribute("action", "/admin/account/two-factor/confirm");
        model.addAttribute("required", false);
        return "backoffice/two-factor-enrol";
    }

    @PostMapping("/admin/account/two-factor/confirm")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String confirmEnrolment(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model, Locale locale) {
        StaffAccount account = current(authentication);
        Optional<List<String>> codes = twoFactor.confirmEnrolment(account.id(), code);
        if (codes.isEmpty()) {
            return wrongFirstCode(account, "/admin/account/two-factor/confirm", false, model, locale);
        }
        model.addAttribute("codes", codes.get());
        return "backoffice/two-factor-codes";
    }

    @PostMapping("/admin/account/two-factor/disable")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String disable(@RequestParam(defaultValue = "") String code, Authentication authentication, RedirectAttributes redirect,
            Locale locale) {
        boolean done = twoFactor.disable(current(authentication).id(), code);
        redirect.addFlashAttribute(done ? "notice" : "error",
                messages.getMessage(done ? "admin.account.twoFactor.disabled" : "admin.account.twoFactor.notDisabled", null, locale));
        return "redirect:/admin/account";
    }

    @PostMapping("/admin/account/two-factor/required")
    @PreAuthorize("hasRole('OWNER')")
    String require(@RequestParam(defaultValue = "false") boolean required, RedirectAttributes redirect, Locale locale) {
        twoFactor.require(required);
        redirect.addFlashAttribute("notice", messages.getMessage(required ? "admin.account.twoFactor.nowRequired"
                : "admin.account.twoFactor.noLongerRequired", null, locale));
        return "redirect:/admin/account";
    }

    private String wrongFirstCode(StaffAccount account, String action, boolean required, Model model, Locale locale) {
        model.addAttribute("enrolment", twoFactor.pendingEnrolment(account.id()).orElseGet(() -> twoFactor.startEnrolment(account.id())));
        model.addAttribute("action", action);
        model.addAttribute("required", required);
        model.addAttribute("error", messages.getMessage("admin.twoFactor.wrongCode", null, locale));
        return "backoffice/two-factor-enrol";
    }

    private StaffAccount current(Authentication authentication) {
        return accounts.findByEmail(EmailAddress.of(authentication.getName()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}

package io.boucle.backoffice;

import io.boucle.messaging.Messaging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class BackOfficePages {

    static final int PAGE_SIZE = 50;

    private final Messaging messaging;

    BackOfficePages(Messaging messaging) {
        this.messaging = messaging;
    }

    @GetMapping("/admin/login")
    String signIn() {
        return "backoffice/login";
    }

    @GetMapping("/admin")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String dashboard() {
        return "backoffice/dashboard";
    }

    @GetMapping("/admin/messages")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
    String messages(@RequestParam(defaultValue = "0") int page, Model model) {
        int current = Math.max(page, 0);
        long total = messaging.count();
        model.addAttribute("messages", messaging.log(current, PAGE_SIZE));
        model.addAttribute("page", current);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
        return "backoffice/messages";
    }
}

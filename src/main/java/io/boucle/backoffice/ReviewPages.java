package io.boucle.backoffice;

import java.security.Principal;
import java.util.Locale;

import io.boucle.catalog.ReviewId;
import io.boucle.catalog.ReviewStatus;
import io.boucle.catalog.StaffReview;
import io.boucle.community.RejectionReason;
import io.boucle.community.Reviews;
import io.boucle.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Review moderation: the pending queue (oldest first), and what was published or rejected. Staff
 * publish a review, or reject it for one of the stated reasons, which its author is sent.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
class ReviewPages {

    static final int PAGE_SIZE = 30;

    private final Reviews reviews;
    private final MessageSource messages;

    ReviewPages(Reviews reviews, MessageSource messages) {
        this.reviews = reviews;
        this.messages = messages;
    }

    @GetMapping("/admin/reviews")
    String list(@RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page, Model model) {
        ReviewStatus chosen = parse(status);
        Page<StaffReview> found = reviews.list(chosen, page, PAGE_SIZE);
        model.addAttribute("status", chosen.name());
        model.addAttribute("statuses", ReviewStatus.values());
        model.addAttribute("counts", reviews.counts());
        model.addAttribute("reviews", found.items());
        model.addAttribute("reasons", RejectionReason.values());
        model.addAttribute("page", found.page());
        model.addAttribute("total", found.total());
        model.addAttribute("hasNext", found.hasNext());
        return "backoffice/reviews";
    }

    @PostMapping("/admin/reviews/{id}/publish")
    String publish(@PathVariable String id, @RequestParam(defaultValue = "PENDING") String from, Principal staff,
            RedirectAttributes redirect, Locale locale) {
        ReviewId review = find(id);
        boolean done = reviews.publish(review, staff.getName()).isPresent();
        redirect.addFlashAttribute("notice", messages.getMessage(done ? "admin.reviews.published" : "admin.reviews.unchanged",
                null, locale));
        redirect.addAttribute("status", parse(from).name());
        return "redirect:/admin/reviews";
    }

    @PostMapping("/admin/reviews/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "PENDING") String from, Principal staff, RedirectAttributes redirect, Locale locale) {
        ReviewId review = find(id);
        RejectionReason why;
        try {
            why = RejectionReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", messages.getMessage("admin.reviews.reasonRequired", null, locale));
            redirect.addAttribute("status", parse(from).name());
            return "redirect:/admin/reviews";
        }
        boolean done = reviews.reject(review, why, staff.getName()).isPresent();
        redirect.addFlashAttribute("notice", messages.getMessage(done ? "admin.reviews.rejected" : "admin.reviews.unchanged",
                null, locale));
        redirect.addAttribute("status", parse(from).name());
        return "redirect:/admin/reviews";
    }

    private ReviewId find(String id) {
        return ReviewId.parse(id).filter(review -> reviews.find(review).isPresent())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static ReviewStatus parse(String status) {
        try {
            return ReviewStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return ReviewStatus.PENDING;
        }
    }
}

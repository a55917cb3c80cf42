package io.boucle.backoffice;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import io.boucle.catalog.QuestionId;
import io.boucle.catalog.QuestionStatus;
import io.boucle.catalog.StaffQuestion;
import io.boucle.community.InvalidFeedback;
import io.boucle.community.Questions;
import io.boucle.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
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
 * Shoppers' questions: the pending queue (oldest first), each with a form to answer it (the answer
 * shows on the product page and is emailed to whoever asked, if they left an address) or to set it
 * aside; and the questions answered or set aside.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT')")
class QuestionPages {

    static final int PAGE_SIZE = 30;

    private final Questions questions;
    private final MessageSource messages;

    QuestionPages(Questions questions, MessageSource messages) {
        this.questions = questions;
        this.messages = messages;
    }

    @GetMapping("/admin/questions")
    String list(@RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "0") int page, Model model) {
        return listPage(parse(status), page, model);
    }

    @PostMapping("/admin/questions/{id}/answer")
    String answer(@PathVariable String id, @RequestParam(defaultValue = "") String answer, Principal staff, Model model,
            RedirectAttributes redirect, Locale locale, HttpServletResponse response) {
        QuestionId question = find(id);
        try {
            boolean done = questions.answer(question, answer, staff.getName()).isPresent();
            redirect.addFlashAttribute("notice", messages.getMessage(done ? "admin.questions.answered" : "admin.questions.unchanged",
                    null, locale));
            return "redirect:/admin/questions";
        } catch (InvalidFeedback e) {
            model.addAttribute("typed", Map.of(question.toString(), answer));
            model.addAttribute("problem", Map.of(question.toString(), messages.getMessage(
                    "feedback.problem." + e.problems().getFirst().code(), InvalidFeedback.limits(), locale)));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return listPage(QuestionStatus.PENDING, 0, model);
        }
    }

    @PostMapping("/admin/questions/{id}/reject")
    String reject(@PathVariable String id, RedirectAttributes redirect, Locale locale) {
        boolean done = questions.reject(find(id)).isPresent();
        redirect.addFlashAttribute("notice", messages.getMessage(done ? "admin.questions.rejected" : "admin.questions.unchanged",
                null, locale));
        return "redirect:/admin/questions";
    }

    private String listPage(QuestionStatus status, int page, Model model) {
        Page<StaffQuestion> found = questions.list(status, page, PAGE_SIZE);
        model.addAttribute("status", status.name());
        model.addAttribute("statuses", QuestionStatus.values());
        model.addAttribute("counts", questions.counts());
        model.addAttribute("questions", found.items());
        model.addAttribute("followed", questions.followed(found.items().stream().map(StaffQuestion::id).toList()));
        model.addAttribute("maxAnswer", Questions.MAX_ANSWER);
        model.addAttribute("page", found.page());
        model.addAttribute("total", found.total());
        model.addAttribute("hasNext", found.hasNext());
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
            model.addAttribute("problem", Map.of());
        }
        return "backoffice/questions";
    }

    private QuestionId find(String id) {
        return QuestionId.parse(id).filter(question -> questions.find(question).isPresent())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static QuestionStatus parse(String status) {
        try {
            return QuestionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return QuestionStatus.PENDING;
        }
    }
}

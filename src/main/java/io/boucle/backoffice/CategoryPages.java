package io.boucle.backoffice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.CategoryNode;
import io.boucle.shared.LocalizedText;
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
 * The category tree (create, rename, move under another parent, reorder among siblings) and the
 * brands, in the back office. The catalog refuses a move that would make a cycle.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class CategoryPages {

    record CategoryForm(String slug, String parent, String nameFr, String nameEn, String descriptionFr, String descriptionEn) {

        static CategoryForm empty() {
            return new CategoryForm("", "", "", "", "", "");
        }

        static CategoryForm of(CategoryNode c) {
            return new CategoryForm(c.slug(), c.parentSlug() == null ? "" : c.parentSlug(), c.name().fr(), c.name().en(),
                    c.description().fr(), c.description().en());
        }

        LocalizedText name() {
            return LocalizedText.of(s(nameFr), s(nameEn));
        }

        LocalizedText description() {
            return LocalizedText.of(s(descriptionFr), s(descriptionEn));
        }

        String parentOrNull() {
            return s(parent).isEmpty() ? null : s(parent);
        }
    }

    private final Catalog catalog;

    CategoryPages(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/admin/categories")
    String list(Model model) {
        return categories(model, null, CategoryForm.empty(), Map.of());
    }

    @PostMapping("/admin/categories")
    String create(CategoryForm form, Model model, RedirectAttributes redirect) {
        try {
            catalog.createCategory(s(form.slug()), form.parentOrNull(), form.name(), form.description());
            redirect.addFlashAttribute("saved", s(form.slug()));
            return "redirect:/admin/categories";
        } catch (IllegalArgumentException e) {
            return categories(model, null, form, errors(e));
        }
    }

    @GetMapping("/admin/categories/{slug}")
    String edit(@PathVariable String slug, Model model) {
        CategoryNode category = catalog.categoryTree().stream().filter(c -> c.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return categories(model, slug, CategoryForm.of(category), Map.of());
    }

    @PostMapping("/admin/categories/{slug}")
    String update(@PathVariable String slug, CategoryForm form, Model model, RedirectAttributes redirect) {
        try {
            catalog.updateCategory(slug, s(form.slug()), form.parentOrNull(), form.name(), form.description());
            redirect.addFlashAttribute("saved", s(form.slug()));
            return "redirect:/admin/categories";
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IllegalArgumentException e) {
            return categories(model, slug, form, errors(e));
        }
    }

    @PostMapping("/admin/categories/{slug}/move")
    String move(@PathVariable String slug, @RequestParam int direction, RedirectAttributes redirect) {
        try {
            catalog.moveCategory(slug, direction);
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("saved", slug);
        return "redirect:/admin/categories";
    }

    @GetMapping("/admin/brands")
    String brands(@RequestParam(required = false) String edit, Model model) {
        String name = edit == null ? "" : catalog.brands().stream().filter(b -> b.slug().equals(edit)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).name();
        return brands(model, edit, edit == null ? "" : edit, name, Map.of());
    }

    @PostMapping("/admin/brands")
    String saveBrand(@RequestParam(required = false) String original, @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String name, Model model, RedirectAttributes redirect) {
        String existing = original == null || original.isBlank() ? null : original;
        try {
            catalog.saveBrand(existing, slug.strip(), name);
            redirect.addFlashAttribute("saved", slug.strip());
            return "redirect:/admin/brands";
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IllegalArgumentException e) {
            return brands(model, existing, slug, name, errors(e));
        }
    }

    private String categories(Model model, String editing, CategoryForm form, Map<String, List<String>> errors) {
        List<CategoryNode> tree = catalog.categoryTree();
        model.addAttribute("tree", tree);
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "backoffice/categories";
    }

    private String brands(Model model, String editing, String slug, String name, Map<String, List<String>> errors) {
        model.addAttribute("brands", catalog.brands());
        model.addAttribute("editing", editing);
        model.addAttribute("brandSlug", slug);
        model.addAttribute("brandName", name);
        model.addAttribute("errors", errors);
        return "backoffice/brands";
    }

    /** "field: message; field: message" → messages by field. */
    static Map<String, List<String>> errors(IllegalArgumentException e) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String problem : String.valueOf(e.getMessage()).split("; ")) {
            int colon = problem.indexOf(": ");
            String field = colon > 0 ? problem.substring(0, colon) : "";
            errors.computeIfAbsent(field, f -> new ArrayList<>()).add(colon > 0 ? problem.substring(colon + 2) : problem);
        }
        return errors;
    }

    private static String s(String value) {
        return value == null ? "" : value.strip();
    }
}

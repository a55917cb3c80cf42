package io.boucle.backoffice;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.InvalidProduct;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductImages;
import io.boucle.catalog.SellerType;
import io.boucle.inventory.Inventory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and changing products in the back office: texts in French and English, SEO fields,
 * variants, attributes, second-hand details, and photos. The catalog checks everything
 * ({@link Catalog#add}, {@link Catalog#update}): a form with a problem is shown again with a
 * message under each field at fault, and nothing is written.
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ProductFormPages {

    private final Catalog catalog;
    private final ProductImages images;
    private final Inventory inventory;
    private final TransactionTemplate transactions;
    private final org.springframework.context.MessageSource messages;

    ProductFormPages(Catalog catalog, ProductImages images, Inventory inventory, PlatformTransactionManager transactions,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.catalog = catalog;
        this.images = images;
        this.inventory = inventory;
        this.transactions = new TransactionTemplate(transactions);
    }

    @GetMapping("/admin/products/new")
    String create(@RequestParam(defaultValue = "NEW") String kind, Model model) {
        ProductForm form = ProductForm.empty();
        if ("SECOND_HAND".equals(kind)) {
            form = new ProductForm(form.slug(), form.titleFr(), form.titleEn(), form.descriptionFr(), form.descriptionEn(),
                    form.metaTitle(), form.metaDescription(), form.category(), form.brand(), form.taxCategory(), form.status(),
                    form.featured(), "SECOND_HAND", form.condition(), form.defectsFr(), form.defectsEn(), form.purchasePrice(),
                    form.seller(), form.copyOf(), form.variantSku(), form.variantTitleFr(), form.variantTitleEn(),
                    form.variantPrice(), form.variantWeight(), form.variantBarcode(), form.variantStock(),
                    form.attributeNameFr(), form.attributeNameEn(), form.attributeValueFr(), form.attributeValueEn());
        }
        return form(model, null, form, Map.of());
    }

    @PostMapping("/admin/products")
    String create(@ModelAttribute ProductForm form, Model model, RedirectAttributes redirect) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        NewProduct product = form.toProduct(errors);
        Map<String, Integer> stock = form.stock(errors);
        if (product != null && errors.isEmpty()) {
            try {
                ProductDetails created = transactions.execute(status -> {
                    ProductDetails added = catalog.add(product);
                    stock.forEach(inventory::setOnHand);
                    return added;
                });
                redirect.addFlashAttribute("saved", true);
                return "redirect:/admin/products/" + created.slug() + "/edit";
            } catch (InvalidProduct e) {
                form.addProblems(e, errors);
            }
        }
        return form(model, null, form.withSpareRows(), errors);
    }

    @GetMapping("/admin/products/{slug}/edit")
    String edit(@PathVariable String slug, Model model) {
        NewProduct product = catalog.editable(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, slug, ProductForm.of(product), Map.of());
    }

    @PostMapping("/admin/products/{slug}")
    String update(@PathVariable String slug, @ModelAttribute ProductForm form, Model model, RedirectAttributes redirect) {
        catalog.editable(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        NewProduct product = form.toProduct(errors);
        if (product != null && product.secondHand() != null) {
            // A unique item: a product becoming second-hand must not have more than one unit in stock.
            inventory.levels(product.variants().stream().map(NewProduct.NewVariant::sku).toList()).forEach((sku, level) -> {
                if (level.onHand() > 1) {
                    ProductForm.add(errors, "variants", "a second-hand item is unique, but '" + sku + "' has " + level.onHand()
                            + " in stock: bring it to 1 on the Stock page first");
                }
            });
        }
        if (product != null && errors.isEmpty()) {
            try {
                ProductDetails updated = catalog.update(slug, product)
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
                redirect.addFlashAttribute("saved", true);
                return "redirect:/admin/products/" + updated.slug() + "/edit";
            } catch (InvalidProduct e) {
                form.addProblems(e, errors);
            }
        }
        return form(model, slug, form.withSpareRows(), errors);
    }

    // Photos

    @PostMapping("/admin/products/{slug}/images")
    String upload(@PathVariable String slug, @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "") String altFr, @RequestParam(defaultValue = "") String altEn,
            RedirectAttributes redirect) throws IOException {
        requireProduct(slug);
        try {
            if (file != null && file.getSize() > ProductImages.MAX_BYTES) {
                // Not even read: the catalog would say the same.
                throw new ProductImages.Rejected("file", "the file is larger than " + ProductImages.MAX_BYTES / (1024 * 1024)
                        + " MB");
            }
            images.add(slug, file == null ? new byte[0] : file.getBytes(), altFr, altEn);
            redirect.addFlashAttribute("imageSaved", true);
        } catch (ProductImages.Rejected e) {
            redirect.addFlashAttribute("imageError", e.getMessage());
            redirect.addFlashAttribute("imageErrorField", e.field());
            redirect.addFlashAttribute("altFr", altFr);
            redirect.addFlashAttribute("altEn", altEn);
        }
        return "redirect:/admin/products/" + slug + "/edit#photos";
    }

    @PostMapping("/admin/products/{slug}/images/{id}")
    String changeImage(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String altFr, @RequestParam(defaultValue = "") String altEn,
            RedirectAttributes redirect) {
        requireProduct(slug);
        try {
            switch (action) {
                case "up" -> images.move(slug, id, -1);
                case "down" -> images.move(slug, id, 1);
                case "remove" -> images.remove(slug, id);
                case "alt" -> images.changeAlt(slug, id, altFr, altEn);
                default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
            redirect.addFlashAttribute("imageSaved", true);
        } catch (ProductImages.Rejected e) {
            redirect.addFlashAttribute("imageError", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/products/" + slug + "/edit#photos";
    }

    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("^(variants|attributes)\\[(\\d+)](?:\\.(\\w+))?$");

    /** A field as the form labels it: "Prix TTC (€) 2" rather than "variants[1].price". */
    private String label(String field) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        java.util.regex.Matcher row = ROW.matcher(field);
        String key;
        String suffix = "";
        if (row.matches()) {
            suffix = " " + (Integer.parseInt(row.group(2)) + 1);
            key = row.group(1).equals("attributes") ? "catalog.product.attributes" : switch (String.valueOf(row.group(3))) {
                case "sku" -> "catalog.variant.sku";
                case "price" -> "catalog.variant.price";
                case "weight" -> "catalog.variant.weight";
                case "barcode" -> "catalog.variant.barcode";
                case "stock" -> "catalog.variant.stock";
                case "title" -> "catalog.variant.titleFr";
                default -> "catalog.product.variants";
            };
        } else {
            key = switch (field) {
                case "title" -> "catalog.product.titleFr";
                case "slug" -> "catalog.product.slug";
                case "description" -> "catalog.product.descriptionFr";
                case "metaTitle" -> "catalog.product.metaTitle";
                case "metaDescription" -> "catalog.product.metaDescription";
                case "category" -> "catalog.product.category";
                case "brand" -> "catalog.product.brand";
                case "taxCategory" -> "catalog.product.taxCategory";
                case "variants" -> "catalog.product.variants";
                case "secondHand.condition" -> "catalog.product.condition";
                case "secondHand.seller" -> "catalog.product.seller";
                case "secondHand.purchasePrice" -> "catalog.product.purchasePrice";
                case "secondHand.copyOf" -> "catalog.product.copyOf";
                case "secondHand.defects" -> "catalog.product.defectsFr";
                default -> null;
            };
        }
        return key == null ? field : messages.getMessage(key, null, field, locale) + suffix;
    }

    private void requireProduct(String slug) {
        if (catalog.findBySlug(slug, true).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String form(Model model, String slug, ProductForm form, Map<String, List<String>> errors) {
        model.addAttribute("slug", slug);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("summary", errors.entrySet().stream()
                .map(e -> label(e.getKey()) + " : " + String.join(" ; ", e.getValue())).toList());
        model.addAttribute("categories", catalog.categoryTree());
        model.addAttribute("brands", catalog.brands());
        model.addAttribute("taxCategories", Catalog.TAX_CATEGORY_ORDER);
        model.addAttribute("conditions", Condition.values());
        model.addAttribute("sellers", SellerType.values());
        model.addAttribute("images", slug == null ? List.of() : images.of(slug));
        model.addAttribute("maxImageMegabytes", ProductImages.MAX_BYTES / (1024 * 1024));
        return "backoffice/product-form";
    }
}

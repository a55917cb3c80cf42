package io.boucle.backoffice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.catalog.Condition;
import io.boucle.catalog.InvalidProduct;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.SellerType;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * The product form as typed: variants and attributes come as parallel lists (one row of inputs
 * each; blank rows are left out). Turned into a {@link NewProduct} checked by the catalog, whose
 * problems come back keyed by the form's rows.
 */
record ProductForm(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
        String metaTitle, String metaDescription, String category, String brand, String taxCategory, String status,
        String featured, String kind, String condition, String defectsFr, String defectsEn, String purchasePrice,
        String seller, String copyOf, List<String> variantSku, List<String> variantTitleFr, List<String> variantTitleEn,
        List<String> variantPrice, List<String> variantWeight, List<String> variantBarcode, List<String> variantStock,
        List<String> attributeNameFr, List<String> attributeNameEn, List<String> attributeValueFr,
        List<String> attributeValueEn) {

    /** Blank rows offered after the filled ones. */
    static final int SPARE_VARIANTS = 2;
    static final int SPARE_ATTRIBUTES = 3;
    private static final Pattern ROW = Pattern.compile("^(variants|attributes)\\[(\\d+)]");

    ProductForm {
        variantSku = list(variantSku);
        variantTitleFr = list(variantTitleFr);
        variantTitleEn = list(variantTitleEn);
        variantPrice = list(variantPrice);
        variantWeight = list(variantWeight);
        variantBarcode = list(variantBarcode);
        variantStock = list(variantStock);
        attributeNameFr = list(attributeNameFr);
        attributeNameEn = list(attributeNameEn);
        attributeValueFr = list(attributeValueFr);
        attributeValueEn = list(attributeValueEn);
    }

    static ProductForm empty() {
        return new ProductForm("", "", "", "", "", "", "", "", "", "STANDARD", "DRAFT", "", "NEW", "", "", "", "", "", "",
                null, null, null, null, null, null, null, null, null, null, null).withSpareRows();
    }

    static ProductForm of(NewProduct p) {
        List<NewProduct.NewVariant> v = p.variants();
        List<ProductDetails.Attribute> a = p.attributes();
        NewProduct.SecondHand used = p.secondHand();
        return new ProductForm(p.slug(), p.title().fr(), p.title().en(), p.description().fr(), p.description().en(),
                nz(p.metaTitle()), nz(p.metaDescription()), p.categorySlug(), nz(p.brandSlug()), p.taxCategory(),
                p.publish() ? "PUBLISHED" : "DRAFT", p.featured() ? "on" : "", used == null ? "NEW" : "SECOND_HAND",
                used == null ? "" : used.condition().name(),
                used == null || used.defects() == null ? "" : used.defects().fr(),
                used == null || used.defects() == null ? "" : used.defects().en(),
                used == null || used.purchasePrice() == null ? "" : used.purchasePrice().amount().toPlainString(),
                used == null || used.seller() == null ? "" : used.seller().name(), used == null ? "" : nz(used.copyOfSlug()),
                v.stream().map(NewProduct.NewVariant::sku).toList(),
                v.stream().map(x -> x.title() == null ? "" : x.title().fr()).toList(),
                v.stream().map(x -> x.title() == null ? "" : x.title().en()).toList(),
                v.stream().map(x -> x.price().amount().toPlainString()).toList(),
                v.stream().map(x -> x.weightGrams() == null ? "" : x.weightGrams().toString()).toList(),
                v.stream().map(x -> nz(x.barcode())).toList(),
                v.stream().map(x -> "").toList(),
                a.stream().map(x -> x.name().fr()).toList(), a.stream().map(x -> x.name().en()).toList(),
                a.stream().map(x -> x.value().fr()).toList(), a.stream().map(x -> x.value().en()).toList())
                .withSpareRows();
    }

    /** The same form with blank rows after the last filled one, to add variants and attributes without JavaScript. */
    ProductForm withSpareRows() {
        List<Integer> filledVariants = filledVariantRows();
        List<Integer> filledAttributes = filledAttributeRows();
        int variants = (filledVariants.isEmpty() ? 0 : filledVariants.getLast() + 1) + SPARE_VARIANTS;
        int attributes = (filledAttributes.isEmpty() ? 0 : filledAttributes.getLast() + 1) + SPARE_ATTRIBUTES;
        return new ProductForm(slug, titleFr, titleEn, descriptionFr, descriptionEn, metaTitle, metaDescription, category,
                brand, taxCategory, status, featured, kind, condition, defectsFr, defectsEn, purchasePrice, seller, copyOf,
                pad(variantSku, variants), pad(variantTitleFr, variants), pad(variantTitleEn, variants),
                pad(variantPrice, variants), pad(variantWeight, variants), pad(variantBarcode, variants),
                pad(variantStock, variants), pad(attributeNameFr, attributes), pad(attributeNameEn, attributes),
                pad(attributeValueFr, attributes), pad(attributeValueEn, attributes));
    }

    /** The row numbers of the variant inputs, for the template. */
    public List<Integer> variantRows() {
        return java.util.stream.IntStream.range(0, variantSku.size()).boxed().toList();
    }

    public List<Integer> attributeRows() {
        return java.util.stream.IntStream.range(0, attributeNameFr.size()).boxed().toList();
    }

    public boolean secondHand() {
        return "SECOND_HAND".equals(kind);
    }

    /** The rows of variants with anything typed in them. */
    List<Integer> filledVariantRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < variantSku.size(); i++) {
            if (!(t(variantSku, i) + t(variantTitleFr, i) + t(variantTitleEn, i) + t(variantPrice, i) + t(variantWeight, i)
                    + t(variantBarcode, i) + t(variantStock, i)).isEmpty()) {
                rows.add(i);
            }
        }
        return rows;
    }

    List<Integer> filledAttributeRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < attributeNameFr.size(); i++) {
            if (!(t(attributeNameFr, i) + t(attributeNameEn, i) + t(attributeValueFr, i) + t(attributeValueEn, i)).isEmpty()) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** The stock typed for each variant kept, by SKU (new products only; a second-hand item has 1). */
    Map<String, Integer> stock(Map<String, List<String>> errors) {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (int row : filledVariantRows()) {
            String sku = t(variantSku, row);
            if (secondHand()) {
                stock.put(sku, 1);
            } else if (!t(variantStock, row).isEmpty()) {
                Integer quantity = integer(t(variantStock, row));
                if (quantity == null || quantity < 0 || quantity > 1_000_000) {
                    add(errors, "variants[" + row + "].stock", "a whole number between 0 and 1,000,000");
                } else {
                    stock.put(sku, quantity);
                }
            } else {
                stock.put(sku, 0);
            }
        }
        return stock;
    }

    /** The product, or null with the problems of what could not be read in {@code errors}. */
    NewProduct toProduct(Map<String, List<String>> errors) {
        List<NewProduct.NewVariant> variants = new ArrayList<>();
        for (int row : filledVariantRows()) {
            String field = "variants[" + row + "].";
            Money price = null;
            if (t(variantPrice, row).isEmpty()) {
                add(errors, field + "price", "required");
            } else {
                price = money(t(variantPrice, row));
                if (price == null) {
                    add(errors, field + "price", "an amount in euros such as 12.50");
                }
            }
            Integer weight = null;
            if (!t(variantWeight, row).isEmpty()) {
                weight = integer(t(variantWeight, row));
                if (weight == null) {
                    add(errors, field + "weight", "a whole number of grams");
                }
            }
            String fr = t(variantTitleFr, row);
            variants.add(new NewProduct.NewVariant(t(variantSku, row).isEmpty() ? null : t(variantSku, row),
                    fr.isEmpty() ? null : LocalizedText.of(fr, t(variantTitleEn, row)), price, weight,
                    t(variantBarcode, row).isEmpty() ? null : t(variantBarcode, row)));
        }
        List<ProductDetails.Attribute> attributes = new ArrayList<>();
        for (int row : filledAttributeRows()) {
            if (t(attributeNameFr, row).isEmpty() || t(attributeValueFr, row).isEmpty()) {
                add(errors, "attributes[" + row + "]", "a name and a value in French");
                continue;
            }
            attributes.add(new ProductDetails.Attribute(LocalizedText.of(t(attributeNameFr, row), t(attributeNameEn, row)),
                    LocalizedText.of(t(attributeValueFr, row), t(attributeValueEn, row))));
        }
        NewProduct.SecondHand used = null;
        if (secondHand()) {
            Condition grade = null;
            try {
                grade = Condition.valueOf(s(condition));
            } catch (IllegalArgumentException e) {
                add(errors, "secondHand.condition", "required");
            }
            SellerType sellerType = null;
            try {
                sellerType = SellerType.valueOf(s(seller));
            } catch (IllegalArgumentException e) {
                add(errors, "secondHand.seller", "required");
            }
            Money paid = null;
            if (s(purchasePrice).isEmpty()) {
                add(errors, "secondHand.purchasePrice", "required");
            } else if ((paid = money(s(purchasePrice))) == null) {
                add(errors, "secondHand.purchasePrice", "an amount in euros such as 12.50");
            }
            used = new NewProduct.SecondHand(grade, s(defectsFr).isEmpty() ? null : LocalizedText.of(s(defectsFr), s(defectsEn)),
                    paid, sellerType, s(copyOf).isEmpty() ? null : s(copyOf));
        }
        if (s(titleFr).isEmpty()) {
            add(errors, "title", "required");
            return null;
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new NewProduct(s(slug).isEmpty() ? null : s(slug), s(category), s(brand).isEmpty() ? null : s(brand),
                s(taxCategory), LocalizedText.of(s(titleFr), s(titleEn)), LocalizedText.of(nz(descriptionFr), nz(descriptionEn)),
                variants, attributes, used, !s(featured).isEmpty(), "PUBLISHED".equals(status),
                s(metaTitle).isEmpty() ? null : s(metaTitle), s(metaDescription).isEmpty() ? null : s(metaDescription));
    }

    /** The catalog's problems, with variant and attribute numbers turned back into the form's rows. */
    void addProblems(InvalidProduct invalid, Map<String, List<String>> errors) {
        List<Integer> variantRows = filledVariantRows();
        List<Integer> attributeRows = filledAttributeRows();
        for (InvalidProduct.Problem problem : invalid.problems()) {
            Matcher m = ROW.matcher(problem.field());
            String field = problem.field();
            if (m.find()) {
                List<Integer> rows = m.group(1).equals("variants") ? variantRows : attributeRows;
                int index = Integer.parseInt(m.group(2));
                field = m.replaceFirst(m.group(1) + "[" + (index < rows.size() ? rows.get(index) : index) + "]");
            }
            add(errors, field, problem.message());
        }
    }

    static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private static Money money(String text) {
        try {
            return Money.euros(text.replace(',', '.').replace("€", "").replace(" ", "").strip());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.replace(" ", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v == null ? "" : v).toList();
    }

    private static List<String> pad(List<String> values, int size) {
        List<String> padded = new ArrayList<>(values.subList(0, Math.min(values.size(), size)));
        while (padded.size() < size) {
            padded.add("");
        }
        return padded;
    }

    private static String t(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i).strip() : "";
    }

    private static String s(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}

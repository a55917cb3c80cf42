package io.boucle.api;

import java.util.List;
import java.util.Locale;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.SellerType;
import io.boucle.inventory.Inventory;
import io.boucle.shared.LocalizedText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Catalog administration for integrators (staff API token, owner or manager); stock is {@link AdminInventoryApi}'s. */
@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class AdminCatalogApi {

    /** Stock is optional (0); Jackson 3 refuses a missing primitive, so it is boxed and defaulted here. */
    record NewVariant(@NotBlank @Size(max = 64) String sku, @Size(max = 200) String title, @Size(max = 200) String titleEn,
            @NotNull @Valid ApiMoney price, @Min(0) @Max(1_000_000) Integer stock, @Min(0) Integer weightGrams,
            @Size(max = 64) String barcode) {

        NewVariant {
            stock = stock == null ? 0 : stock;
        }
    }

    record SecondHand(@NotNull Condition condition, @NotNull @Valid ApiMoney purchasePrice, @NotNull SellerType seller,
            @Size(max = 2000) String defects, @Size(max = 2000) String defectsEn, String copyOf) {
    }

    record CreateProduct(@Size(max = 120) String slug, @NotBlank @Size(max = 200) String title, @Size(max = 200) String titleEn,
            @Size(max = 20_000) String description, @Size(max = 20_000) String descriptionEn, @NotBlank String category,
            String brand, @NotBlank String taxCategory, @NotEmpty @Size(max = 100) List<@NotNull @Valid NewVariant> variants,
            @Valid SecondHand secondHand, Boolean publish, Boolean featured) {

        CreateProduct {
            featured = featured != null && featured;
        }
    }

    private final Catalog catalog;
    private final Inventory inventory;
    private final ProductsApi products;

    AdminCatalogApi(Catalog catalog, Inventory inventory, ProductsApi products) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.products = products;
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Add a product (or a second-hand item) with its variants and stock")
    ProductsApi.Product create(@Valid @RequestBody CreateProduct request, Locale locale) {
        if (request.secondHand() != null && request.variants().stream().anyMatch(variant -> variant.stock() > 1)) {
            throw new IllegalArgumentException("stock: a second-hand item is unique, its stock is 0 or 1");
        }
        NewProduct.SecondHand used = request.secondHand() == null ? null : new NewProduct.SecondHand(
                request.secondHand().condition(),
                request.secondHand().defects() == null ? null : LocalizedText.of(request.secondHand().defects(), request.secondHand().defectsEn()),
                request.secondHand().purchasePrice().toMoney(), request.secondHand().seller(), request.secondHand().copyOf());
        ProductDetails product = catalog.add(new NewProduct(request.slug(), request.category(), request.brand(),
                request.taxCategory(), LocalizedText.of(request.title(), request.titleEn()),
                LocalizedText.of(request.description() == null ? "" : request.description(), request.descriptionEn()),
                request.variants().stream().map(variant -> new NewProduct.NewVariant(variant.sku(),
                        variant.title() == null ? null : LocalizedText.of(variant.title(), variant.titleEn()),
                        variant.price().toMoney(), variant.weightGrams(), variant.barcode())).toList(),
                List.of(), used, request.featured(), request.publish() == null || request.publish()));
        request.variants().forEach(variant -> inventory.setOnHand(variant.sku(), variant.stock()));
        return products.describe(product, locale);
    }
}

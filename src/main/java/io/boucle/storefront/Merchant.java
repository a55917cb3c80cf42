package io.boucle.storefront;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who sells in the shop, as the legal pages (terms of sale, legal notice, privacy notice,
 * withdrawal form) state it. Set with {@code boucle.merchant.*} (or {@code BOUCLE_MERCHANT_*}
 * variables); the defaults in application.properties describe a fictitious demo company.
 *
 * @param name the registered company name (dénomination sociale)
 * @param tradeName the name shoppers know the shop by
 * @param legalForm e.g. "SAS (société par actions simplifiée)"
 * @param shareCapital e.g. "10 000 €"
 * @param address the registered office, on one line
 * @param siren the 9-digit SIREN
 * @param rcsCity the city of the trade register (RCS) the company is registered at
 * @param vatNumber the intra-EU VAT number
 * @param email where customers write, including to withdraw or exercise their data rights
 * @param phone a phone number customers can reach
 * @param publicationDirector the person responsible for what the site publishes
 * @param returnAddress where returned goods are sent; blank means the registered office
 * @param returnCostsPaidByMerchant whether the merchant pays for returns after a withdrawal
 * @param host the company hosting the site
 * @param mediator the consumer mediator the merchant has joined (Code de la consommation L612-1)
 */
@Validated
@ConfigurationProperties("boucle.merchant")
public record Merchant(
        @NotBlank String name,
        @NotBlank String tradeName,
        @NotBlank String legalForm,
        String shareCapital,
        @NotBlank String address,
        @NotBlank @Pattern(regexp = "\\d{9}", message = "must be the 9 digits of a SIREN") String siren,
        @NotBlank String rcsCity,
        @NotBlank String vatNumber,
        @NotBlank String email,
        @NotBlank String phone,
        @NotBlank String publicationDirector,
        String returnAddress,
        @DefaultValue("false") boolean returnCostsPaidByMerchant,
        @Valid @DefaultValue Host host,
        @Valid @DefaultValue Mediator mediator) {

    public record Host(@NotBlank String name, @NotBlank String address, @NotBlank String phone) {
    }

    public record Mediator(@NotBlank String name, @NotBlank String address, @NotBlank String website) {
    }

    /** The SIREN the way it is written: "912 345 675". */
    public String sirenFormatted() {
        return siren.substring(0, 3) + " " + siren.substring(3, 6) + " " + siren.substring(6);
    }

    /** "RCS Paris 912 345 675". */
    public String rcs() {
        return "RCS " + rcsCity + " " + sirenFormatted();
    }

    public String returnTo() {
        return returnAddress == null || returnAddress.isBlank() ? address : returnAddress;
    }
}

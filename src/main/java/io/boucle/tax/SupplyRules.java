package io.boucle.tax;

import java.time.LocalDate;
import java.util.Optional;

import io.boucle.shared.Percentage;

/**
 * The VAT rules of DOMAIN-RULES §3 for a seller established in mainland France, line by line: where the
 * supply takes place, whether it is exempt, and at which rate. Amounts are not its concern.
 */
final class SupplyRules {

    private final TaxData data;

    SupplyRules(TaxData data) {
        this.data = data;
    }

    /**
     * @param distanceSalesAtDestination the seller's EU distance sales are taxed in the member state of
     *                                   arrival for this sale (threshold exceeded, or opted)
     */
    Treatment treat(SaleLine line, Place place, Buyer buyer, LocalDate date, boolean distanceSalesAtDestination) {
        Percentage frenchRate = data.frenchRate(line.taxCategory(), date);
        return switch (line.supplyKind()) {
            case GOODS -> goods(line, place, buyer, date, distanceSalesAtDestination, frenchRate);
            case SERVICES -> services(place, buyer, date, frenchRate);
        };
    }

    private Treatment goods(SaleLine line, Place place, Buyer buyer, LocalDate date,
            boolean distanceSalesAtDestination, Percentage frenchRate) {
        // Goods leaving the EU VAT territory are exempt, margin-scheme goods included (CGI art. 262 I,
        // 294-2 for the overseas departments; Directive 2006/112/EC art. 146(1)(a)). The price of margin
        // goods stays the catalog price: see VatEngine, "Prices".
        if (place.kind() == Place.Kind.OUTSIDE_EU_VAT_TERRITORY) {
            return Treatment.export(frenchRate, line.isMarginScheme());
        }
        // Margin-scheme goods stay in France at the French rate wherever the EU buyer is: they are not
        // distance sales (Directive art. 35) and an intra-Community supply of them is not exempt
        // (Directive art. 139(3)), so neither the OSS switch nor a business buyer's number changes them.
        if (line.isMarginScheme()) {
            return Treatment.marginScheme(frenchRate);
        }
        if (place.kind() == Place.Kind.FRANCE) {
            return Treatment.frenchVat(VatRegime.DOMESTIC, frenchRate);
        }
        Optional<VatCountry> buyerIdentifiedIn = validVatNumberCountry(buyer);
        if (buyerIdentifiedIn.isPresent()) {
            VatCountry identifiedIn = buyerIdentifiedIn.get();
            // Exempt intra-Community supply: the goods leave France for another member state and the buyer
            // gave a valid number of a member state other than France (CGI art. 262 ter I; Directive art.
            // 138(1)(b) as amended by Directive (EU) 2018/1910).
            if (!data.territories().isFrance(identifiedIn) && data.territories().identifiesForGoods(identifiedIn, date)) {
                return Treatment.intraEuSupply(frenchRate);
            }
            // A buyer identified only in France cannot receive an exempt supply: the supply takes place
            // where the transport starts (Directive art. 32; CGI art. 258 I a) and bears French VAT.
            if (data.territories().isFrance(identifiedIn)) {
                return Treatment.frenchVat(VatRegime.DOMESTIC, frenchRate);
            }
            // A number from outside the EU identifies nobody for EU VAT: the sale is a distance sale.
        }
        // Intra-Community distance sale to a consumer (Directive art. 14(4)): taxed where the goods arrive
        // (art. 33(a); CGI art. 258 A), unless the seller's distance sales stay within the threshold
        // (art. 59c; BOI-TVA-CHAMP-20-20-30), in which case French VAT applies.
        if (!distanceSalesAtDestination) {
            return Treatment.frenchVat(VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE, frenchRate);
        }
        return Treatment.destinationVat(place.country(), data.rate(place, line.taxCategory(), date), frenchRate);
    }

    private Treatment services(Place place, Buyer buyer, LocalDate date, Percentage frenchRate) {
        Optional<VatCountry> numberCountry = validVatNumberCountry(buyer);
        if (buyer instanceof Buyer.Business business && business.vatNumberValid()) {
            // Business customer: supplied where the customer is established (Directive art. 44; CGI art.
            // 259-1°), read from its VAT number, else from the address. XI numbers are for goods only:
            // for services Northern Ireland is the United Kingdom.
            VatCountry established = numberCountry
                    .map(country -> country.equals(VatCountry.NORTHERN_IRELAND) ? VatCountry.of("GB") : country)
                    .orElse(place.country());
            if (data.territories().isFrance(established)) {
                return Treatment.frenchVat(VatRegime.DOMESTIC, frenchRate);
            }
            if (data.territories().isMemberState(established, date)) {
                // The customer accounts for the VAT in its member state (Directive art. 196; CGI art. 283-2).
                return Treatment.reverseCharge(established, frenchRate);
            }
            return Treatment.outsideScope(frenchRate);
        }
        // Consumer: supplied where the supplier is established (Directive art. 45; CGI art. 259-2°). Not
        // covered here: telecommunication, broadcasting and electronic services (art. 58, taxed where the
        // consumer lives above the threshold) and the services of art. 59 to consumers outside the EU.
        return Treatment.frenchVat(VatRegime.DOMESTIC, frenchRate);
    }

    private static Optional<VatCountry> validVatNumberCountry(Buyer buyer) {
        // An invalid number makes the buyer a consumer for VAT purposes (DOMAIN-RULES §3).
        if (buyer instanceof Buyer.Business business && business.vatNumberValid()) {
            return business.vatNumber().country();
        }
        return Optional.empty();
    }
}

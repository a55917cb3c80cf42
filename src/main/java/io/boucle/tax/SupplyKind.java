package io.boucle.tax;

/**
 * Whether a line supplies goods or services: the place of supply rules differ (Directive 2006/112/EC
 * art. 31-36 for goods, 43-59 for services).
 *
 * <p>A service that only accompanies the goods (delivery, packing, gift wrap) is not a line of its
 * own here: it follows the goods, as the delivery charge does (Directive art. 78(b)).
 */
public enum SupplyKind {
    GOODS,
    SERVICES
}

package io.boucle.fulfilment;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delivery method of its own for a test, to change without touching the shop's methods that
 * other tests quote: it serves Iceland only (IS), where no other method delivers.
 */
public final class TestDeliveryMethods {

    public static final String COUNTRY = "IS";

    private TestDeliveryMethods() {
    }

    /** Up to 1 kg 9.00 €, up to 5 kg 15.00 €; cut-off 14:00, 1 day to prepare, 1–2 days to carry, not on Saturdays. */
    public static void create(ApplicationContext context, String code) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("""
                INSERT INTO fulfilment.delivery_method (code, kind, position, label_fr, label_en, active, carrier, countries,
                    currency, free_above, cut_off, preparation_days, transit_days_min, transit_days_max, saturday_delivery,
                    pickup_point_required)
                VALUES (:code, 'HOME', 100, 'Essai ' || :code, 'Test ' || :code, TRUE, 'Transporteur d''essai', ARRAY['IS'],
                    'EUR', NULL, '14:00', 1, 1, 2, FALSE, FALSE)
                """).param("code", code).update();
        jdbc.sql("""
                INSERT INTO fulfilment.delivery_price_band (method_code, position, country, max_weight_grams, min_goods_total, price)
                VALUES (:code, 1, 'IS', 1000, 0, 9.00), (:code, 2, 'IS', 5000, 0, 15.00)
                """).param("code", code).update();
        context.getBean(DeliveryMethodStore.class).changed();
    }

    public static void delete(ApplicationContext context, String code) {
        context.getBean(JdbcClient.class).sql("DELETE FROM fulfilment.delivery_method WHERE code = :code")
                .param("code", code).update();
        context.getBean(DeliveryMethodStore.class).changed();
    }
}

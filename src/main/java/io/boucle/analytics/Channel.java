package io.boucle.analytics;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The acquisition channels a visit is attributed to, from its UTM parameters first, then from its
 * referrer. Marketing spend is recorded per channel with the same codes.
 */
public final class Channel {

    public static final String DIRECT = "direct";
    public static final String ORGANIC_SEARCH = "organic_search";
    public static final String PAID_SEARCH = "paid_search";
    public static final String SOCIAL = "social";
    public static final String PAID_SOCIAL = "paid_social";
    public static final String EMAIL = "email";
    public static final String AFFILIATE = "affiliate";
    public static final String REFERRAL = "referral";
    /** An order placed without a tracked visit (no analytics consent, the API, another channel). */
    public static final String UNKNOWN = "unknown";

    /** Every channel a visit can have, in display order. */
    public static final List<String> ALL = List.of(DIRECT, ORGANIC_SEARCH, PAID_SEARCH, SOCIAL, PAID_SOCIAL, EMAIL,
            AFFILIATE, REFERRAL);

    private static final Set<String> SEARCH_ENGINES = Set.of("google", "bing", "duckduckgo", "qwant", "ecosia", "yahoo",
            "yandex", "baidu", "startpage", "lilo");
    private static final Set<String> SOCIAL_SITES = Set.of("facebook", "instagram", "twitter", "x", "t", "linkedin",
            "pinterest", "tiktok", "youtube", "reddit", "snapchat", "threads", "lnkd", "mastodon");

    private Channel() {
    }

    public static boolean known(String channel) {
        return ALL.contains(channel);
    }

    /**
     * The channel of a visit.
     *
     * @param utmSource   {@code utm_source}, or null
     * @param utmMedium   {@code utm_medium}, or null
     * @param paidClickId whether the landing address carried an ad click id ({@code gclid}, {@code msclkid})
     * @param referrer    the Referer header, or null
     * @param ownHost     the shop's own host name: a referrer from it is no new source
     */
    public static String classify(String utmSource, String utmMedium, boolean paidClickId, String referrer, String ownHost) {
        String medium = normalise(utmMedium);
        String source = normalise(utmSource);
        if (!medium.isEmpty()) {
            switch (medium) {
                case "email", "e-mail", "newsletter", "mail" -> {
                    return EMAIL;
                }
                case "cpc", "ppc", "paid", "paidsearch", "paid_search", "sea", "search_ads" -> {
                    return SOCIAL_SITES.contains(source) ? PAID_SOCIAL : PAID_SEARCH;
                }
                case "paid_social", "paidsocial", "social_paid", "social-ads", "cpm" -> {
                    return PAID_SOCIAL;
                }
                case "social", "social-network", "social_network", "sm" -> {
                    return SOCIAL;
                }
                case "affiliate", "affiliation", "partner" -> {
                    return AFFILIATE;
                }
                case "organic" -> {
                    return ORGANIC_SEARCH;
                }
                default -> {
                    return REFERRAL;
                }
            }
        }
        if (paidClickId) {
            return PAID_SEARCH;
        }
        if (!source.isEmpty()) {
            return SOCIAL_SITES.contains(source) ? SOCIAL : SEARCH_ENGINES.contains(source) ? ORGANIC_SEARCH : REFERRAL;
        }
        String host = host(referrer);
        if (host == null || host.equalsIgnoreCase(ownHost)) {
            return DIRECT;
        }
        String name = siteName(host);
        if (SEARCH_ENGINES.contains(name)) {
            return ORGANIC_SEARCH;
        }
        if (SOCIAL_SITES.contains(name)) {
            return SOCIAL;
        }
        return REFERRAL;
    }

    private static String normalise(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    static String host(String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(referrer.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** "www.google.fr" → "google", "l.facebook.com" → "facebook", "t.co" → "t". */
    private static String siteName(String host) {
        String[] parts = host.split("\\.");
        if (parts.length < 2) {
            return host;
        }
        String candidate = parts[parts.length - 2];
        // co.uk, com.br: the name is one further left
        if (parts.length >= 3 && (candidate.equals("co") || candidate.equals("com")) && parts[parts.length - 1].length() == 2) {
            candidate = parts[parts.length - 3];
        }
        return candidate;
    }
}

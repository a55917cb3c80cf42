package io.boucle.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One storefront event of a visitor who accepted audience measurement.
 *
 * @param channel the channel of the session (see {@link Channel})
 * @param page    the path of the page, without its query string but for a landing page's
 * @param subject a product's slug, a search's words, an order's number; else null
 */
public record TrackedEvent(Instant at, EventType type, UUID visitorId, UUID sessionId, String channel, String page,
                           String referrer, String utmSource, String utmMedium, String utmCampaign, String subject) {

    static final int MAX_TEXT = 500;

    public TrackedEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(sessionId, "sessionId");
        channel = Channel.known(channel) ? channel : Channel.DIRECT;
        page = cut(page);
        referrer = cut(referrer);
        utmSource = cut(utmSource);
        utmMedium = cut(utmMedium);
        utmCampaign = cut(utmCampaign);
        subject = cut(subject);
    }

    /** An event of the session that is neither its start nor tied to a referrer. */
    public static TrackedEvent of(Instant at, EventType type, UUID visitorId, UUID sessionId, String channel, String page,
            String subject) {
        return new TrackedEvent(at, type, visitorId, sessionId, channel, page, null, null, null, null, subject);
    }

    private static String cut(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}

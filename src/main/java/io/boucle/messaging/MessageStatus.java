package io.boucle.messaging;

public enum MessageStatus {
    /** Stored, waiting for delivery (or for its next attempt). */
    QUEUED,
    /** Accepted by the mail server. */
    SENT,
    /** Kept in the log only: no mail server is configured (demo mode). */
    LOGGED,
    /** Gave up after the last retry; staff can see why in the log. */
    FAILED
}

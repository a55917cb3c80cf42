package io.boucle.community;

/**
 * Whether a shopper may review a product, or what became of the review they sent.
 *
 * @param rejection why staff did not publish their review, when {@code state} is {@link State#REJECTED}; else null
 */
public record ReviewStanding(State state, RejectionReason rejection) {

    public enum State {
        /** A guest: reviews come from customer accounts. */
        SIGN_IN_REQUIRED,
        /** Signed in, but no paid order of theirs holds the product. */
        NOT_BOUGHT,
        /** Bought it and has not reviewed it yet. */
        MAY_REVIEW,
        /** Sent a review that waits for staff. */
        PENDING,
        /** Sent a review that is published. */
        PUBLISHED,
        /** Sent a review that staff did not publish. */
        REJECTED
    }

    static ReviewStanding of(State state) {
        return new ReviewStanding(state, null);
    }

    public boolean mayReview() {
        return state == State.MAY_REVIEW;
    }
}

package io.boucle.community;

/** A review that may not be sent: the shopper is a guest, did not buy the product, or already reviewed it. */
public class ReviewRefused extends RuntimeException {

    private final transient ReviewStanding standing;

    public ReviewRefused(ReviewStanding standing) {
        super("no review may be sent: " + standing.state());
        this.standing = standing;
    }

    public ReviewStanding standing() {
        return standing;
    }
}

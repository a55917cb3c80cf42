package io.boucle.tax;

import java.time.Instant;
import java.util.Objects;

/**
 * What a VAT number check answered, kept as proof of the buyer's status (CGI art. 262 ter I requires
 * a valid number of another member state at the time of the supply).
 *
 * @param vatNumber    the number checked, normalised
 * @param status       whether the number is registered, not registered, or could not be checked
 * @param checkedAt    when the check was made
 * @param source       who answered: {@code VIES}, or {@code offline} (shape and check digits only, demo and tests)
 * @param consultation the consultation number given by VIES (requestIdentifier), null when none
 * @param name         the trader's name as registered, when given
 * @param detail       why the number could not be checked, or null
 */
public record VatNumberVerdict(String vatNumber, Status status, Instant checkedAt, String source, String consultation,
        String name, String detail) {

    public enum Status {
        VALID, INVALID, UNAVAILABLE
    }

    public VatNumberVerdict {
        Objects.requireNonNull(vatNumber, "vatNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(source, "source");
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    /** Whether this verdict is about that number (as the buyer gave it, spaces and case aside). */
    public boolean isAbout(String number) {
        return number != null && vatNumber.equals(VatNumber.of(number).value());
    }
}

package io.boucle.shared;

/** What was asked for does not exist (or is not the caller's to see); the edges answer 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}

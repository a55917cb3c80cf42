package io.boucle.shared;

/** What was asked for existed but can no longer be used (an expired cart); the edges answer 410. */
public class Gone extends RuntimeException {

    public Gone(String message) {
        super(message);
    }
}

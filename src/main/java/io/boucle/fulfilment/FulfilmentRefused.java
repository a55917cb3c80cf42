package io.boucle.fulfilment;

import java.util.List;

/**
 * A fulfilment operation refused for a reason the staff or the customer can act on; nothing was
 * changed. {@code reason} names the message {@code fulfilment.refused.<reason>} (with
 * {@code arguments}) the pages show; the exception's message says the same in English for the API.
 */
public class FulfilmentRefused extends IllegalArgumentException {

    private final String reason;
    private final List<Object> arguments;

    public FulfilmentRefused(String reason, String message, Object... arguments) {
        super(message);
        this.reason = reason;
        this.arguments = List.of(arguments);
    }

    public String reason() {
        return reason;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}

package io.boucle.shared;

/** Bad input in one field, with a message the sender can act on; the edges answer 400 naming the field. */
public class InvalidField extends IllegalArgumentException {

    private final String field;

    public InvalidField(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field's name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}

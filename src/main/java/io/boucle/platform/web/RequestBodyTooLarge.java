package io.boucle.platform.web;

import java.io.IOException;

/** Raised while reading a request body that goes past the API's size limit; answered with 413. */
public class RequestBodyTooLarge extends IOException {

    RequestBodyTooLarge() {
        super("request body too large");
    }

    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLarge) {
                return true;
            }
        }
        return false;
    }
}

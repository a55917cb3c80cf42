package io.boucle.community;

/** Too many questions came from one client address lately; it may ask again later. */
public class QuestionsThrottled extends RuntimeException {

    public QuestionsThrottled() {
        super("too many questions from this client address; try again later");
    }
}

package io.boucle.returns;

import io.boucle.catalog.Condition;

/** The inspection of one line of a return: accepted (with the grade of the units) or refused, and why. */
public record Inspection(int position, boolean accepted, Condition condition, String note) {
}

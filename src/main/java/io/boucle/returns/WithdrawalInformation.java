package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;

import io.boucle.order.OrderNumber;

/**
 * Whether the information about the right of withdrawal (Code de la consommation L221-5 2°) was given for
 * an order, and on which day; without it the withdrawal period is extended (L221-20).
 *
 * @param givenOn    the day it was given (Europe/Paris); null when it was not
 * @param source     {@code ORDER_ACKNOWLEDGMENT} (sent with the order's acknowledgment) or {@code STAFF}
 * @param recordedBy the staff member, for a record of the staff
 */
public record WithdrawalInformation(OrderNumber order, boolean given, LocalDate givenOn, String source, String note,
                                    Instant recordedAt, String recordedBy) {
}

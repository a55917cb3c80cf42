package io.boucle.payment;

import java.time.LocalDate;

import io.boucle.shared.Money;

public record Instalment(int number, LocalDate dueDate, Money amount) {
}

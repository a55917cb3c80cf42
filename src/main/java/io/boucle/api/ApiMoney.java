package io.boucle.api;

import java.math.BigDecimal;
import java.util.Currency;

import io.boucle.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Money on the wire: the amount as a decimal string, so no client turns it into a float. */
@Schema(name = "Money", example = "{\"amount\": \"12.50\", \"currency\": \"EUR\"}")
record ApiMoney(
        @NotBlank @Pattern(regexp = "-?\\d{1,15}(\\.\\d{1,4})?", message = "a decimal number such as 12.50") String amount,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR") String currency) {

    static ApiMoney of(Money money) {
        if (money == null) {
            return null;
        }
        return new ApiMoney(money.amount().toPlainString(), money.currency().getCurrencyCode());
    }

    Money toMoney() {
        try {
            return Money.of(new BigDecimal(amount), Currency.getInstance(currency));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency '" + currency + "'");
        }
    }
}

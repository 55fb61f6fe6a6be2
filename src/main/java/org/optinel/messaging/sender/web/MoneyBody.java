package org.optinel.messaging.sender.web;

import java.math.BigDecimal;

import org.optinel.messaging.sender.Money;

/** An amount as the API reads and writes it: {@code {"amount": 0.045, "currency": "EUR"}}. */
record MoneyBody(BigDecimal amount, String currency) {

	static MoneyBody of(Money money) {
		return money == null ? null : new MoneyBody(money.amount(), money.currency());
	}
}

package org.optinel.messaging.sender;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount in a currency, kept exact (a cost per SMS segment is often a fraction of a cent).
 *
 * @param amount zero or more, at most {@value #MAX_SCALE} decimal places
 * @param currency an ISO 4217 code in upper case, such as {@code EUR}
 */
public record Money(BigDecimal amount, String currency) {

	public static final int MAX_SCALE = 6;

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > MAX_SCALE) {
			throw new IllegalArgumentException("amount must be zero or more with at most " + MAX_SCALE
					+ " decimal places, not " + amount);
		}
		if (!currency.equals(currency.toUpperCase(Locale.ROOT))) {
			throw new IllegalArgumentException("currency must be an upper-case ISO 4217 code, not " + currency);
		}
		Currency.getInstance(currency); // throws IllegalArgumentException for an unknown code
	}

	/** This amount {@code times} times, in the same currency. */
	public Money times(int times) {
		return new Money(amount.multiply(BigDecimal.valueOf(times)), currency);
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency;
	}
}

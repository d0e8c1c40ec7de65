package dev.events.sample.accounts;

import java.math.BigDecimal;

/**
 * A debit larger than the account's balance: the balance never goes below zero.
 */
public class InsufficientFundsException extends RuntimeException {

	InsufficientFundsException(String accountId, BigDecimal amount, BigDecimal balance) {
		super("Account %s cannot be debited %s: its balance is %s".formatted(accountId, amount, balance));
	}

}

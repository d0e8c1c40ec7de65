package dev.events.sample.accounts;

import java.math.BigDecimal;

import dev.events.type.DomainEvent;

/**
 * Money was paid into an account.
 *
 * @param accountId the account
 * @param amount the amount paid in
 */
@DomainEvent(type = "dev.events.sample.AccountCredited", topic = "accounts")
public record AccountCredited(String accountId, BigDecimal amount) implements AccountEvent {

}

package dev.events.sample.accounts;

import java.math.BigDecimal;

import dev.events.type.DomainEvent;

/**
 * Money was taken from an account.
 *
 * @param accountId the account
 * @param amount the amount taken
 */
@DomainEvent(type = "dev.events.sample.AccountDebited", topic = "accounts")
public record AccountDebited(String accountId, BigDecimal amount) implements AccountEvent {

}

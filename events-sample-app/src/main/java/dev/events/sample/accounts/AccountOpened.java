package dev.events.sample.accounts;

import dev.events.type.DomainEvent;

/**
 * An account was opened.
 *
 * @param accountId the account
 * @param owner who owns it
 */
@DomainEvent(type = "dev.events.sample.AccountOpened", topic = "accounts")
public record AccountOpened(String accountId, String owner) implements AccountEvent {

}

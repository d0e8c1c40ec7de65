package dev.events.sample.accounts;

import java.math.BigDecimal;

/**
 * An account as the API shows it.
 *
 * @param id the account
 * @param owner who owns it
 * @param balance its balance
 * @param version the version of its stream: how many events it has
 */
public record AccountView(String id, String owner, BigDecimal balance, long version) {

}

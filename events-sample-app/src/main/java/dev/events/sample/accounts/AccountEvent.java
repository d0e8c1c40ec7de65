package dev.events.sample.accounts;

/**
 * What happened to an account: the events of its stream.
 */
public sealed interface AccountEvent permits AccountOpened, AccountCredited, AccountDebited {

	/**
	 * Return the account.
	 * @return the account's id
	 */
	String accountId();

}

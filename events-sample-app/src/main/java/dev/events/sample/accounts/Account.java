package dev.events.sample.accounts;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import dev.events.store.EventSourcedAggregate;

/**
 * An account whose balance never goes below zero: its state is the fold of its events.
 */
class Account extends EventSourcedAggregate {

	private @Nullable String id;

	private @Nullable String owner;

	private BigDecimal balance = BigDecimal.ZERO;

	void open(String id, String owner) {
		if (this.id != null) {
			throw new IllegalStateException("Account " + this.id + " is open already");
		}
		raise(new AccountOpened(id, owner));
	}

	void credit(BigDecimal amount) {
		raise(new AccountCredited(id(), amount));
	}

	void debit(BigDecimal amount) {
		if (amount.compareTo(this.balance) > 0) {
			throw new InsufficientFundsException(id(), amount, this.balance);
		}
		raise(new AccountDebited(id(), amount));
	}

	AccountView view() {
		return new AccountView(id(), owner(), this.balance, version());
	}

	AccountState state() {
		return new AccountState(id(), owner(), this.balance);
	}

	void restore(AccountState state) {
		this.id = state.id();
		this.owner = state.owner();
		this.balance = state.balance();
	}

	@Override
	protected void apply(Object event) {
		if (event instanceof AccountOpened opened) {
			this.id = opened.accountId();
			this.owner = opened.owner();
		}
		else if (event instanceof AccountCredited credited) {
			this.balance = this.balance.add(credited.amount());
		}
		else if (event instanceof AccountDebited debited) {
			this.balance = this.balance.subtract(debited.amount());
		}
	}

	private String id() {
		if (this.id == null) {
			throw new IllegalStateException("The account is not open");
		}
		return this.id;
	}

	private String owner() {
		return (this.owner != null) ? this.owner : "";
	}

	/**
	 * What a snapshot of an account holds.
	 *
	 * @param id the account
	 * @param owner who owns it
	 * @param balance its balance
	 */
	record AccountState(String id, String owner, BigDecimal balance) {

	}

}

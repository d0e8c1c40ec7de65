package dev.events.sample.accounts;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.events.command.CommandHandler;
import dev.events.context.EventContextHolder;
import dev.events.query.QueryHandler;
import dev.events.store.AggregateRepository;
import dev.events.store.ConcurrencyConflictException;

/**
 * Handles the account commands, each change appended to the account's stream and published
 * through the outbox in the transaction the command gateway runs it in, and answers the query for
 * an account. Streams are kept per tenant: a tenant never sees another tenant's account.
 */
@Service
public class Accounts {

	private final AggregateRepository<Account> repository;

	Accounts(AggregateRepository<Account> repository) {
		this.repository = repository;
	}

	/**
	 * Open an account.
	 * @param command the owner and tenant
	 * @return the new account
	 */
	@CommandHandler
	public AccountView open(OpenAccount command) {
		return asTenant(command.tenantId(), () -> {
			String id = UUID.randomUUID().toString();
			Account account = this.repository.create();
			account.open(id, command.owner());
			this.repository.save(id, account);
			return account.view();
		});
	}

	/**
	 * Pay money into an account.
	 * @param command the account and amount
	 * @return the account after the credit
	 * @throws NoSuchAccountException if the tenant has no such account
	 * @throws ConcurrencyConflictException if the account changed meanwhile
	 */
	@CommandHandler
	public AccountView credit(CreditAccount command) {
		return asTenant(command.tenantId(), () -> {
			Account account = load(command.accountId());
			account.credit(command.amount());
			this.repository.save(command.accountId(), account);
			return account.view();
		});
	}

	/**
	 * Take money from an account.
	 * @param command the account and amount
	 * @return the account after the debit
	 * @throws NoSuchAccountException if the tenant has no such account
	 * @throws InsufficientFundsException if the balance is less than the amount
	 * @throws ConcurrencyConflictException if the account changed meanwhile
	 */
	@CommandHandler
	public AccountView debit(DebitAccount command) {
		return asTenant(command.tenantId(), () -> {
			Account account = load(command.accountId());
			account.debit(command.amount());
			this.repository.save(command.accountId(), account);
			return account.view();
		});
	}

	/**
	 * Find an account.
	 * @param query the account and tenant
	 * @return the account
	 * @throws NoSuchAccountException if the tenant has no such account
	 */
	@QueryHandler
	@Transactional(readOnly = true)
	public AccountView find(FindAccount query) {
		return asTenant(query.tenantId(), () -> load(query.accountId()).view());
	}

	private Account load(String id) {
		return this.repository.load(id).orElseThrow(() -> new NoSuchAccountException(id));
	}

	private <T> T asTenant(String tenantId, Supplier<T> work) {
		try (EventContextHolder.Scope scope = EventContextHolder
			.open(EventContextHolder.current().withTenantId(tenantId))) {
			return work.get();
		}
	}

}

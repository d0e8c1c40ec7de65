package dev.events.sample.accounts;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.events.context.EventContextHolder;
import dev.events.store.AggregateRepository;
import dev.events.store.ConcurrencyConflictException;

/**
 * Opens accounts and moves money in and out of them, each change appended to the account's
 * stream and published through the outbox in one transaction. Streams are kept per tenant: a
 * tenant never sees another tenant's account.
 */
@Service
public class Accounts {

	private final AggregateRepository<Account> repository;

	Accounts(AggregateRepository<Account> repository) {
		this.repository = repository;
	}

	/**
	 * Open an account.
	 * @param tenantId the tenant
	 * @param owner who owns it
	 * @return the new account
	 */
	@Transactional
	public AccountView open(String tenantId, String owner) {
		return asTenant(tenantId, () -> {
			String id = UUID.randomUUID().toString();
			Account account = this.repository.create();
			account.open(id, owner);
			this.repository.save(id, account);
			return account.view();
		});
	}

	/**
	 * Pay money into an account.
	 * @param tenantId the tenant
	 * @param id the account
	 * @param amount the amount
	 * @return the account after the credit
	 * @throws NoSuchAccountException if the tenant has no such account
	 * @throws ConcurrencyConflictException if the account changed meanwhile
	 */
	@Transactional
	public AccountView credit(String tenantId, String id, BigDecimal amount) {
		return asTenant(tenantId, () -> {
			Account account = load(id);
			account.credit(amount);
			this.repository.save(id, account);
			return account.view();
		});
	}

	/**
	 * Take money from an account.
	 * @param tenantId the tenant
	 * @param id the account
	 * @param amount the amount
	 * @return the account after the debit
	 * @throws NoSuchAccountException if the tenant has no such account
	 * @throws InsufficientFundsException if the balance is less than the amount
	 * @throws ConcurrencyConflictException if the account changed meanwhile
	 */
	@Transactional
	public AccountView debit(String tenantId, String id, BigDecimal amount) {
		return asTenant(tenantId, () -> {
			Account account = load(id);
			account.debit(amount);
			this.repository.save(id, account);
			return account.view();
		});
	}

	/**
	 * Find an account.
	 * @param tenantId the tenant
	 * @param id the account
	 * @return the account, empty if the tenant has no such account
	 */
	@Transactional(readOnly = true)
	public Optional<AccountView> find(String tenantId, String id) {
		return asTenant(tenantId, () -> this.repository.load(id).map(Account::view));
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

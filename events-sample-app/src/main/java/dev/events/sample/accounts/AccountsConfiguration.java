package dev.events.sample.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.events.sample.accounts.Account.AccountState;
import dev.events.store.AggregateRepositories;
import dev.events.store.AggregateRepository;

/**
 * The accounts' repository: streams named {@code account-<id>}, with a snapshot every 100 events
 * so that a busy account loads from its latest snapshot and the events after it.
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	@Bean
	AggregateRepository<Account> accountRepository(AggregateRepositories repositories) {
		return repositories.of(Account::new, "account-")
			.withSnapshots(100, AccountState.class, Account::state, Account::restore);
	}

}

package dev.events.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

import dev.events.command.CommandGateway;
import dev.events.command.CommandHandlers;
import dev.events.command.LocalCommandGateway;
import dev.events.dispatch.BeanValidationMessageValidator;
import dev.events.dispatch.MessageValidator;
import dev.events.query.LocalQueryGateway;
import dev.events.query.QueryGateway;
import dev.events.query.QueryHandlers;

/**
 * Auto-configuration of {@link dev.events.command.CommandHandler} and
 * {@link dev.events.query.QueryHandler} methods and the gateways that reach them, in this
 * application; commands and queries are checked by Jakarta Bean Validation where it is set up.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@Import(EventsCommandQueryAutoConfiguration.BeanValidationConfiguration.class)
public final class EventsCommandQueryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static CommandHandlers eventsCommandHandlers() {
		return new CommandHandlers();
	}

	@Bean
	@ConditionalOnMissingBean
	static QueryHandlers eventsQueryHandlers() {
		return new QueryHandlers();
	}

	@Bean
	@ConditionalOnMissingBean
	CommandGateway commandGateway(CommandHandlers handlers, ObjectProvider<MessageValidator> validator,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new LocalCommandGateway(handlers, validator.getIfUnique(), transactionManager.getIfUnique(),
				EventsObservability.observationRegistry(observationRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	QueryGateway queryGateway(QueryHandlers handlers, ObjectProvider<MessageValidator> validator,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new LocalQueryGateway(handlers, validator.getIfUnique(),
				EventsObservability.observationRegistry(observationRegistry));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Validator.class)
	static class BeanValidationConfiguration {

		@Bean
		@ConditionalOnBean(Validator.class)
		@ConditionalOnMissingBean
		MessageValidator eventsMessageValidator(Validator validator) {
			return new BeanValidationMessageValidator(validator);
		}

	}

}

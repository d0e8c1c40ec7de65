package dev.events.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

import dev.events.command.CommandGateway;
import dev.events.command.CommandHandlers;
import dev.events.command.LocalCommandGateway;
import dev.events.dispatch.BeanValidationMessageValidator;
import dev.events.dispatch.MessageValidator;
import dev.events.jdbc.EventsDatabase;
import dev.events.query.LocalQueryGateway;
import dev.events.query.QueryGateway;
import dev.events.query.QueryHandlers;

/**
 * Auto-configuration of {@link dev.events.command.CommandHandler} and
 * {@link dev.events.query.QueryHandler} methods and the gateways that reach them, in this
 * application; commands and queries are checked by Jakarta Bean Validation where it is set up.
 * Commands run in the transactions of the events {@code DataSource}'s manager, chosen as the
 * inbox's are, or else of the application's only transaction manager.
 */
@AutoConfiguration(after = EventsJdbcAutoConfiguration.class,
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@EnableConfigurationProperties(EventsProperties.class)
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
			ObjectProvider<EventsDatabase> database, ObjectProvider<PlatformTransactionManager> transactionManagers,
			ListableBeanFactory beanFactory, ObjectProvider<ObservationRegistry> observationRegistry,
			EventsProperties properties) {
		EventsDatabase events = database.getIfAvailable();
		PlatformTransactionManager transactionManager = (events != null)
				? EventsTransactionManager.choose(events, transactionManagers,
						beanFactory.getBeansOfType(PlatformTransactionManager.class),
						properties.getJdbc().getTransactionManager())
				: transactionManagers.getIfUnique();
		return new LocalCommandGateway(handlers, validator.getIfUnique(), transactionManager,
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
		@ConditionalOnSingleCandidate(Validator.class)
		@ConditionalOnMissingBean
		MessageValidator eventsMessageValidator(Validator validator) {
			return new BeanValidationMessageValidator(validator);
		}

	}

}

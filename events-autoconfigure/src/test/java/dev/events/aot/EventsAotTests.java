package dev.events.aot;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import dev.events.command.CommandHandler;
import dev.events.consume.EventEnvelope;
import dev.events.consume.EventHandler;
import dev.events.query.QueryHandler;
import dev.events.type.DomainEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The hints {@code events} contributes to an AOT-processed application: its migrations as
 * resources, event, command and query handler methods as invocable, and event types as bindable
 * from JSON.
 */
class EventsAotTests {

	private final GenerationContext generationContext = new DefaultGenerationContext(
			new ClassNameGenerator(ClassName.get("dev.events.aot", "Generated")), new InMemoryGeneratedFiles());

	@Test
	void springFindsTheContributions() {
		SpringFactoriesLoader aotFactories = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories");
		assertThat(aotFactories.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(EventsRuntimeHints.class);
		assertThat(aotFactories.load(BeanRegistrationAotProcessor.class))
			.hasAtLeastOneElementOfType(EventHandlerAotProcessor.class)
			.hasAtLeastOneElementOfType(MessageHandlerAotProcessor.class);
		assertThat(aotFactories.load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(DomainEventTypesAotProcessor.class);
	}

	@Test
	void theMigrationsOfTheEventsTablesAreResources() {
		RuntimeHints hints = new RuntimeHints();
		new EventsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/events/db/migration/postgresql/V1__outbox.sql"))
			.accepts(hints);
	}

	@Test
	void handlerMethodsAreInvocableAndTheEventsTheyTakeBindable() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("handlers", new RootBeanDefinition(Handlers.class));
		BeanRegistrationAotContribution contribution = new EventHandlerAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "handlers"));
		assertThat(contribution).isNotNull();
		contribution.applyTo(this.generationContext, mock(BeanRegistrationCode.class));
		RuntimeHints hints = this.generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "placed")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "shipped")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Placed.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Shipped.class)).accepts(hints);
	}

	@Test
	void commandAndQueryHandlerMethodsAreInvocable() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("orders", new RootBeanDefinition(Orders.class));
		BeanRegistrationAotContribution contribution = new MessageHandlerAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "orders"));
		assertThat(contribution).isNotNull();
		contribution.applyTo(this.generationContext, mock(BeanRegistrationCode.class));
		RuntimeHints hints = this.generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "place")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "status")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "unannotated")).rejects(hints);
	}

	@Test
	void beansWithoutHandlersContributeNothing() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(Placed.class));
		assertThat(new EventHandlerAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "plain"))).isNull();
		assertThat(new MessageHandlerAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "plain")))
			.isNull();
	}

	@Test
	void eventTypesOfTheConfiguredPackagesAreBindable() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment",
				new MockEnvironment().withProperty("events.types.packages", "dev.events.aot"));
		BeanFactoryInitializationAotContribution contribution = new DomainEventTypesAotProcessor()
			.processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		contribution.applyTo(this.generationContext, mock(BeanFactoryInitializationCode.class));
		assertThat(RuntimeHintsPredicates.reflection().onType(Unhandled.class))
			.accepts(this.generationContext.getRuntimeHints());
	}

	static class Handlers {

		@EventHandler(id = "placed")
		void placed(Placed placed) {
		}

		@EventHandler(id = "shipped")
		void shipped(EventEnvelope<Shipped> shipped) {
		}

	}

	static class Orders {

		@CommandHandler
		String place(Placed command) {
			return command.id();
		}

		@QueryHandler
		String status(Shipped query) {
			return query.id();
		}

		String unannotated(Placed command) {
			return command.id();
		}

	}

	@DomainEvent(type = "dev.events.aot.Placed", topic = "aot", key = "id")
	record Placed(String id) {
	}

	@DomainEvent(type = "dev.events.aot.Shipped", topic = "aot", key = "id")
	record Shipped(String id) {
	}

	@DomainEvent(type = "dev.events.aot.Unhandled", topic = "aot", key = "id")
	record Unhandled(String id) {
	}

}

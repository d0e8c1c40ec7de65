package dev.events.consume;

import java.lang.reflect.Method;
import java.util.Arrays;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.events.consume.EventHandlerMethod.ParameterKind;
import dev.events.consume.EventHandlerMethodCollector.AnnotatedHandler;
import dev.events.type.DomainEvent;
import dev.events.type.EventTypeRegistry;
import dev.events.type.UnknownEventTypeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EventHandlerMethodResolverTests {

	private final EventHandlerMethodResolver resolver = new EventHandlerMethodResolver(new EventTypeRegistry(), "shop",
			2, 4, DeadLetterDestination.DATABASE, true);

	@Test
	void defaultsComeFromTheApplicationAndTheProperties() {
		EventHandlerMethod handler = resolve("typed");
		assertThat(handler.id()).isEqualTo("shop.EventHandlerMethodResolverTests.Handlers.typed");
		assertThat(handler.parameterKind()).isEqualTo(ParameterKind.PAYLOAD);
		assertThat(handler.eventClasses()).containsExactly(Opened.class);
		assertThat(handler.topics()).containsExactly("accounts");
		assertThat(handler.concurrency()).isEqualTo(2);
		assertThat(handler.retry().maxAttempts()).isEqualTo(4);
		assertThat(handler.deadLetters()).isEqualTo(DeadLetterDestination.DATABASE);
		assertThat(handler.sequenced()).isTrue();
	}

	@Test
	void annotationAttributesOverrideTheDefaults() {
		EventHandlerMethod handler = resolve("configured");
		assertThat(handler.id()).isEqualTo("custom-id");
		assertThat(handler.concurrency()).isEqualTo(3);
		assertThat(handler.retry().maxAttempts()).isEqualTo(7);
		assertThat(handler.retry().nonRetryable()).containsExactly(IllegalArgumentException.class);
		assertThat(handler.deadLetters()).isEqualTo(DeadLetterDestination.BOTH);
		assertThat(handler.sequenced()).isFalse();
	}

	@Test
	void handlerKeepingDeadLettersInTheDatabaseIsRefusedWithoutOne() {
		EventHandlerMethodResolver withoutDatabase = new EventHandlerMethodResolver(new EventTypeRegistry(), "shop", 2,
				4, DeadLetterDestination.TOPIC, false);
		assertThat(resolve(withoutDatabase, "typed").deadLetters()).isEqualTo(DeadLetterDestination.TOPIC);
		assertThatIllegalStateException().isThrownBy(() -> resolve(withoutDatabase, "configured"))
			.withMessageContaining("Handlers.configured")
			.withMessageContaining("deadLetters = TOPIC");
	}

	@Test
	void envelopeTypeArgumentAndSealedSupertypeGiveTheEventClasses() {
		EventHandlerMethod handler = resolve("sealedEnvelope");
		assertThat(handler.parameterKind()).isEqualTo(ParameterKind.ENVELOPE);
		assertThat(handler.eventClasses()).containsExactlyInAnyOrder(Opened.class, Closed.class);
		assertThat(handler.topics()).containsExactlyInAnyOrder("accounts", "closures");
	}

	@Test
	void cloudEventHandlerNamesItsTypes() {
		EventHandlerMethod handler = resolve("cloudEvent");
		assertThat(handler.parameterKind()).isEqualTo(ParameterKind.CLOUD_EVENT);
		assertThat(handler.eventClasses()).containsExactly(Closed.class);
	}

	@Test
	void cloudEventHandlerWithoutTypesIsRefusedAtStartup() {
		assertThatIllegalStateException().isThrownBy(() -> resolve("cloudEventWithoutTypes"))
			.withMessageContaining("Handlers.cloudEventWithoutTypes")
			.withMessageContaining("types");
	}

	@Test
	void typesTheParameterCannotTakeAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> resolve("mismatchedTypes"))
			.withMessageContaining(Closed.class.getName());
	}

	@Test
	void methodsWithoutExactlyOneParameterAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> resolve("twoParameters"))
			.withMessageContaining("exactly one parameter");
	}

	@Test
	void unregisteredEventClassesAreRefusedNamingTheMethod() {
		assertThatIllegalStateException().isThrownBy(() -> resolve("unregistered"))
			.withMessageContaining("@EventHandler method " + Handlers.class.getName() + ".unregistered")
			.withMessageContaining(String.class.getName())
			.withMessageContaining("@DomainEvent")
			.withCauseInstanceOf(UnknownEventTypeException.class);
	}

	@Test
	void aTypePatternHandlesEveryRegisteredTypeThatMatchesFromTheirTopics() {
		EventHandlerMethod handler = resolve(withEveryType(), "accountsByPattern");
		assertThat(handler.eventClasses()).containsExactly(Closed.class, Opened.class);
		assertThat(handler.topics()).containsExactly("closures", "accounts");
		assertThat(handler.handles(Audited.class)).isFalse();
	}

	@Test
	void aTypePatternAddsToTheDeclaredTypesAndTakesASupertypeParameter() {
		EventHandlerMethod handler = resolve(withEveryType(), "auditedAndAccountsBySupertype");
		assertThat(handler.eventClasses()).containsExactly(Audited.class, Closed.class, Opened.class);
		assertThat(handler.parameterKind()).isEqualTo(ParameterKind.PAYLOAD);
	}

	@Test
	void aTypePatternThatMatchesNoRegisteredTypeFailsTheStartupNamingTheKnownOnes() {
		assertThatIllegalStateException().isThrownBy(() -> resolve(withEveryType(), "patternMatchingNothing"))
			.withMessageContaining("Handlers.patternMatchingNothing has the type pattern 'payments.*', which matches "
					+ "no registered event type ([accounts.Closed, accounts.Opened, audit.Audited])")
			.withMessageContaining("events.types.packages");
	}

	@Test
	void aTypePatternMatchingATypeTheParameterCannotTakeFailsTheStartup() {
		assertThatIllegalStateException().isThrownBy(() -> resolve(withEveryType(), "patternTooWide"))
			.withMessageContaining("has the type pattern '*', which matches " + Audited.class.getName()
					+ ", which its parameter (" + AccountEvent.class.getName() + ") cannot take");
	}

	private static EventHandlerMethodResolver withEveryType() {
		EventTypeRegistry registry = new EventTypeRegistry();
		registry.registerAnnotated(Opened.class);
		registry.registerAnnotated(Closed.class);
		registry.registerAnnotated(Audited.class);
		return new EventHandlerMethodResolver(registry, "shop", 2, 4, DeadLetterDestination.DATABASE, true);
	}

	private EventHandlerMethod resolve(String methodName) {
		return resolve(this.resolver, methodName);
	}

	private static EventHandlerMethod resolve(EventHandlerMethodResolver resolver, String methodName) {
		Method method = Arrays.stream(Handlers.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		EventHandler annotation = AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class);
		return resolver.resolve(new AnnotatedHandler(new Handlers(), Handlers.class, method, method, annotation));
	}

	static class Handlers {

		@EventHandler
		void typed(Opened opened) {
		}

		@EventHandler(id = "custom-id", concurrency = 3, maxAttempts = 7, nonRetryable = IllegalArgumentException.class,
				deadLetters = DeadLetterDestination.BOTH, sequenced = false)
		void configured(Opened opened) {
		}

		@EventHandler
		void sealedEnvelope(EventEnvelope<AccountEvent> event) {
		}

		@EventHandler(types = Closed.class)
		void cloudEvent(CloudEvent event) {
		}

		@EventHandler
		void cloudEventWithoutTypes(CloudEvent event) {
		}

		@EventHandler(types = Closed.class)
		void mismatchedTypes(Opened opened) {
		}

		@EventHandler
		void twoParameters(Opened opened, Closed closed) {
		}

		@EventHandler
		void unregistered(String text) {
		}

		@EventHandler(typePattern = "accounts.*")
		void accountsByPattern(EventEnvelope<Object> event) {
		}

		@EventHandler(types = Audited.class, typePattern = "accounts.*")
		void auditedAndAccountsBySupertype(Object event) {
		}

		@EventHandler(typePattern = "payments.*")
		void patternMatchingNothing(CloudEvent event) {
		}

		@EventHandler(typePattern = "*")
		void patternTooWide(AccountEvent event) {
		}

	}

	sealed interface AccountEvent permits Opened, Closed {

	}

	@DomainEvent(type = "accounts.Opened", topic = "accounts", key = "id")
	record Opened(String id) implements AccountEvent {
	}

	@DomainEvent(type = "accounts.Closed", topic = "closures", key = "id")
	record Closed(String id) implements AccountEvent {
	}

	@DomainEvent(type = "audit.Audited", topic = "audit", key = "id")
	record Audited(String id) {
	}

}

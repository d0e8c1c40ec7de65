package dev.events.type;

import java.lang.reflect.Method;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Turns the {@code key} of {@link DomainEvent} into a {@link PartitionKeyResolver}. A plain
 * property name, the common case, reads the record component or getter directly; anything else is
 * a SpEL expression, read-only, evaluated against the event.
 */
final class KeyResolvers {

	private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private KeyResolvers() {
	}

	static PartitionKeyResolver<Object> of(Class<?> eventClass, String expression) {
		if (!StringUtils.hasText(expression)) {
			return PartitionKeyResolver.none();
		}
		Method accessor = PROPERTY_NAME.matcher(expression).matches() ? accessor(eventClass, expression) : null;
		return (accessor != null) ? (event) -> text(ReflectionUtils.invokeMethod(accessor, event))
				: spel(expression);
	}

	private static @Nullable Method accessor(Class<?> eventClass, String property) {
		for (String name : new String[] { property, "get" + StringUtils.capitalize(property),
				"is" + StringUtils.capitalize(property) }) {
			Method method = ClassUtils.getMethodIfAvailable(eventClass, name);
			if (method != null && method.getReturnType() != void.class) {
				ReflectionUtils.makeAccessible(method);
				return method;
			}
		}
		return null;
	}

	private static PartitionKeyResolver<Object> spel(String expression) {
		Expression parsed = PARSER.parseExpression(expression);
		SimpleEvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods().build();
		return (event) -> text(parsed.getValue(context, event));
	}

	private static @Nullable String text(@Nullable Object key) {
		return (key != null) ? key.toString() : null;
	}

}

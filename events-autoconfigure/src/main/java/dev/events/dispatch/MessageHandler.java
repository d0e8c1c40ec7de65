package dev.events.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A method of a bean that handles one type of message.
 *
 * @param bean the bean
 * @param invocableMethod the method to invoke on the bean (on its proxy, if any)
 * @param declaredMethod the annotated method as declared, for messages
 */
public record MessageHandler(Object bean, Method invocableMethod, Method declaredMethod) {

	/**
	 * Create a handler, its method made accessible once.
	 * @param bean the bean
	 * @param invocableMethod the method to invoke on the bean (on its proxy, if any)
	 * @param declaredMethod the annotated method as declared, for messages
	 */
	public MessageHandler {
		ReflectionUtils.makeAccessible(invocableMethod);
	}

	/**
	 * Return the type of message the handler takes: its one parameter's.
	 * @return the message type
	 */
	public Class<?> messageType() {
		return this.declaredMethod.getParameterTypes()[0];
	}

	/**
	 * Return what the handler answers, {@code void} if nothing.
	 * @return its return type
	 */
	public Class<?> resultType() {
		return this.declaredMethod.getReturnType();
	}

	/**
	 * Call the handler with a message, in the caller's thread.
	 * @param message the message
	 * @return what the handler returned, {@code null} for a {@code void} method
	 * @throws RuntimeException what the handler threw; a checked exception wrapped in an
	 * {@link UndeclaredThrowableException}, as a proxy would
	 */
	public @Nullable Object invoke(Object message) {
		try {
			return this.invocableMethod.invoke(this.bean, message);
		}
		catch (InvocationTargetException ex) {
			Throwable thrown = ex.getTargetException();
			if (thrown instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (thrown instanceof Error error) {
				throw error;
			}
			throw new UndeclaredThrowableException(thrown);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + this, ex);
		}
	}

	@Override
	public String toString() {
		return ClassUtils.getShortName(this.declaredMethod.getDeclaringClass()) + "." + this.declaredMethod.getName()
				+ "(" + ClassUtils.getShortName(messageType()) + ")";
	}

}

package dev.events.dispatch;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Checks messages against their Jakarta Bean Validation constraints ({@code @NotBlank},
 * {@code @Positive}, ...), every violation named in the error.
 */
public class BeanValidationMessageValidator implements MessageValidator {

	private final Validator validator;

	/**
	 * Create a validator.
	 * @param validator the application's Bean Validation validator
	 */
	public BeanValidationMessageValidator(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Check a message.
	 * @param message the message
	 * @throws ConstraintViolationException with every violation, each as {@code path: message}
	 * (the message alone for a constraint on the whole message), in the exception's message too
	 */
	@Override
	public void validate(Object message) {
		Set<ConstraintViolation<Object>> violations = this.validator.validate(message);
		if (!violations.isEmpty()) {
			String described = violations.stream()
				.sorted(Comparator.comparing((ConstraintViolation<Object> violation) -> violation.getPropertyPath()
					.toString()).thenComparing(ConstraintViolation::getMessage))
				.map(BeanValidationMessageValidator::describe)
				.collect(Collectors.joining(", "));
			throw new ConstraintViolationException(
					"%s is invalid: %s".formatted(message.getClass().getName(), described), violations);
		}
	}

	private static String describe(ConstraintViolation<Object> violation) {
		String path = violation.getPropertyPath().toString();
		return path.isEmpty() ? violation.getMessage() : path + ": " + violation.getMessage();
	}

}

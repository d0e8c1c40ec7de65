package dev.events.sample.accounts;

/**
 * The tenant has no account of the id.
 */
public class NoSuchAccountException extends RuntimeException {

	NoSuchAccountException(String id) {
		super("No account " + id);
	}

}

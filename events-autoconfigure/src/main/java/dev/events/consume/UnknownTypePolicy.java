package dev.events.consume;

/**
 * What handlers do with a record whose CloudEvent type no event class is registered for.
 */
public enum UnknownTypePolicy {

	/**
	 * Send it to the dead-letter topic: nothing goes unnoticed. The default.
	 */
	DEAD_LETTER,

	/**
	 * Skip it and commit its offset, for topics shared with types this application does not
	 * care about.
	 */
	SKIP

}

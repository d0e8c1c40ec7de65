package dev.events.consume;

import org.springframework.util.Assert;

/**
 * Names the dead-letter topic of a topic from a pattern in which {@value #TOPIC} stands for the
 * topic's name, such as {@code {topic}.dlt}.
 */
public final class DeadLetterTopics {

	/**
	 * The placeholder for the topic's name.
	 */
	public static final String TOPIC = "{topic}";

	private final String pattern;

	/**
	 * Create the naming.
	 * @param pattern the dead-letter topic name, with {@value #TOPIC} for the topic's name
	 */
	public DeadLetterTopics(String pattern) {
		Assert.hasText(pattern, "The dead-letter topic pattern must not be empty");
		this.pattern = pattern;
	}

	/**
	 * Return the dead-letter topic of a topic.
	 * @param topic the topic
	 * @return its dead-letter topic
	 */
	public String of(String topic) {
		return this.pattern.replace(TOPIC, topic);
	}

}

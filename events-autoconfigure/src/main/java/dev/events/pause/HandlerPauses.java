package dev.events.pause;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which handlers are paused cluster-wide, and what each instance's containers do about it.
 */
public interface HandlerPauses {

	/**
	 * Pause a handler on every instance.
	 * @param handlerId the handler
	 * @param at when
	 */
	void pause(String handlerId, Instant at);

	/**
	 * Resume a handler on every instance.
	 * @param handlerId the handler
	 */
	void resume(String handlerId);

	/**
	 * Return the handlers paused cluster-wide.
	 * @return their ids
	 */
	Set<String> paused();

	/**
	 * Record what this instance's containers do.
	 * @param instanceId this instance
	 * @param paused whether each handler's container is paused here, by handler id
	 * @param at when
	 */
	void report(String instanceId, Map<String, Boolean> paused, Instant at);

	/**
	 * Return what each instance last reported.
	 * @return by handler id, by instance id, the report
	 */
	Map<String, Map<String, InstanceReport>> reports();

	/**
	 * What an instance last reported of one handler.
	 *
	 * @param paused whether its container was paused
	 * @param seenAt when it reported
	 */
	record InstanceReport(boolean paused, Instant seenAt) {

	}

}

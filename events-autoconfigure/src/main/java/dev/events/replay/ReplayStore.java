package dev.events.replay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * Storage of replay requests and of the windows each partition replays.
 */
public interface ReplayStore {

	/**
	 * Store a request, in the current transaction if there is one.
	 * @param request the request
	 */
	void save(ReplayRequest request);

	/**
	 * Return every stored request, oldest first.
	 * @return the requests
	 */
	List<ReplayRequest> requests();

	/**
	 * Find a request.
	 * @param id the request's id
	 * @return the request, if stored
	 */
	Optional<ReplayRequest> find(String id);

	/**
	 * Return the windows recorded for a request, by topic and partition.
	 * @param replayId the request's id
	 * @return the windows
	 */
	List<ReplayWindow> windows(String replayId);

	/**
	 * Record the window of a request on a partition, under way, unless one is recorded already.
	 * @param window the window
	 * @return whether this call recorded it; {@code false} if another did before
	 */
	boolean record(ReplayWindow window);

	/**
	 * Return the windows of a handler's requests still under way on some partitions.
	 * @param handlerId the handler
	 * @param partitions the partitions
	 * @return the windows not done, oldest request first
	 */
	List<ReplayWindow> underWay(String handlerId, Collection<TopicPartition> partitions);

	/**
	 * Record that the consumer went back to where it was before a window.
	 * @param window the window
	 * @param at when
	 */
	void done(ReplayWindow window, Instant at);

	/**
	 * Delete the requests made before a time, with their windows.
	 * @param cutoff requests made before this are deleted
	 * @return the number of deleted requests
	 */
	int deleteRequestedBefore(Instant cutoff);

}

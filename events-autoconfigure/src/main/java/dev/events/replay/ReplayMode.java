package dev.events.replay;

/**
 * What a replay does with the events its handler has already handled.
 */
public enum ReplayMode {

	/**
	 * The inbox skips what the handler has handled: only events it missed are handled, for
	 * example those of dead letters that were discarded.
	 */
	REDELIVER,

	/**
	 * The handler's inbox entries of the replayed range are removed first, so every event of the
	 * range is handled again, once: to rebuild a read model.
	 */
	REHANDLE

}

package dev.events.store;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The events of a stream read a page at a time, the next page from the version after the last
 * event read, so that a long stream never sits in memory whole and no connection is held
 * between pages.
 */
final class StreamPages extends Spliterators.AbstractSpliterator<StoredEvent> {

	private final LongFunction<List<StoredEvent>> pageFrom;

	private final int pageSize;

	private long nextVersion;

	private Iterator<StoredEvent> page = Collections.emptyIterator();

	private boolean lastPage;

	/**
	 * Read pages.
	 * @param fromVersion the version of the first event
	 * @param pageSize the most events a page holds
	 * @param pageFrom reads the page that starts at a version
	 */
	StreamPages(long fromVersion, int pageSize, LongFunction<List<StoredEvent>> pageFrom) {
		super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
		this.nextVersion = fromVersion;
		this.pageSize = pageSize;
		this.pageFrom = pageFrom;
	}

	@Override
	public boolean tryAdvance(Consumer<? super StoredEvent> action) {
		if (!this.page.hasNext()) {
			if (this.lastPage) {
				return false;
			}
			List<StoredEvent> events = this.pageFrom.apply(this.nextVersion);
			this.lastPage = events.size() < this.pageSize;
			this.page = events.iterator();
			if (!this.page.hasNext()) {
				return false;
			}
		}
		StoredEvent event = this.page.next();
		this.nextVersion = event.version() + 1;
		action.accept(event);
		return true;
	}

}

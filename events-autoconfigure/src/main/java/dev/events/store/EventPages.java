package dev.events.store;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Events read a page at a time in the order of a key (a stream's versions, or the global
 * positions), the next page from the key after the last event read, so that a long read never
 * sits in memory whole and no connection is held between pages.
 */
final class EventPages extends Spliterators.AbstractSpliterator<StoredEvent> {

	private final LongFunction<List<StoredEvent>> pageFrom;

	private final ToLongFunction<StoredEvent> keyOf;

	private final int pageSize;

	private long nextKey;

	private Iterator<StoredEvent> page = Collections.emptyIterator();

	private boolean lastPage;

	/**
	 * Read pages.
	 * @param fromKey the key of the first event
	 * @param keyOf the key of an event
	 * @param pageSize the most events a page holds
	 * @param pageFrom reads the page that starts at a key
	 */
	EventPages(long fromKey, ToLongFunction<StoredEvent> keyOf, int pageSize,
			LongFunction<List<StoredEvent>> pageFrom) {
		super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
		this.nextKey = fromKey;
		this.keyOf = keyOf;
		this.pageSize = pageSize;
		this.pageFrom = pageFrom;
	}

	@Override
	public boolean tryAdvance(Consumer<? super StoredEvent> action) {
		if (!this.page.hasNext()) {
			if (this.lastPage) {
				return false;
			}
			List<StoredEvent> events = this.pageFrom.apply(this.nextKey);
			this.lastPage = events.size() < this.pageSize;
			this.page = events.iterator();
			if (!this.page.hasNext()) {
				return false;
			}
		}
		StoredEvent event = this.page.next();
		this.nextKey = this.keyOf.applyAsLong(event) + 1;
		action.accept(event);
		return true;
	}

}

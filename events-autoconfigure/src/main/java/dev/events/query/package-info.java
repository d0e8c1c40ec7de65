/**
 * Queries: {@link dev.events.query.QueryHandler} methods, one per query type, and the
 * {@link dev.events.query.QueryGateway} that asks a query's handler for the answer.
 */
@NullMarked
package dev.events.query;

import org.jspecify.annotations.NullMarked;

package dev.events.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as the handler of a query: its one parameter is the query and
 * it returns the answer {@link QueryGateway#query} gives the asker. Each query type has exactly
 * one handler; a second one, or one that returns nothing, fails the application's startup.
 * <p>
 * The handler runs in the asker's thread, and in the asker's transaction if there is one; it
 * opens none of its own (annotate it {@code @Transactional(readOnly = true)} for one).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueryHandler {

}

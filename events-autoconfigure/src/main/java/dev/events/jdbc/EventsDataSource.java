package dev.events.jdbc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@link javax.sql.DataSource} that holds the events tables (outbox and inbox)
 * when the application has several, as {@code @FlywayDataSource} does for Flyway. Handlers'
 * database effects are exactly-once only through this DataSource.
 * <pre class="code">
 * &#64;Bean
 * &#64;EventsDataSource
 * DataSource ordersDataSource() { ... }
 * </pre>
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface EventsDataSource {

}

package dev.events.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of an application's events alone, on the in-memory transport: the {@code events}
 * auto-configuration and Jackson's, the beans that declare
 * {@link dev.events.consume.EventHandler @EventHandler} methods, {@link PublishedEvents} and an
 * {@link EventScenario}; no broker, no database unless the test brings one, and no other beans
 * of the application (add them with {@link #includeFilters()} or {@code @Import}).
 * <pre class="code">
 * &#064;EventsTest
 * class BillingHandlerTests {
 *     &#064;Autowired EventScenario scenario;
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(EventsTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(EventsTypeExcludeFilter.class)
@AutoConfigureEvents
@ImportAutoConfiguration
public @interface EventsTest {

	/**
	 * Properties in the form {@literal key=value} added to the environment before the test runs;
	 * {@code events.transport} is {@code in-memory} whatever they say.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * Whether the default filters apply: beans with {@code @EventHandler} methods are found by
	 * component scanning.
	 * @return whether they apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * More beans to find by component scanning.
	 * @return the filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Beans not to find by component scanning.
	 * @return the filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations to leave out.
	 * @return the auto-configurations
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}

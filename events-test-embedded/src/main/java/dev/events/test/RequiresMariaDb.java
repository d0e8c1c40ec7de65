package dev.events.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where MariaDB is installed; where it is not, the class is skipped with
 * a note on how to install it, or fails if {@value EmbeddedMariaDb#REQUIRED_VARIABLE} is
 * {@code required}, as in CI.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MariaDbCondition.class)
public @interface RequiresMariaDb {

}

package dev.events.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application that uses {@code events}: everything comes from auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

}

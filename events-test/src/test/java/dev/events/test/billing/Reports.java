package dev.events.test.billing;

import org.springframework.stereotype.Component;

/**
 * A bean with no event handler, which an events test slice leaves out.
 */
@Component
public class Reports {

}

package dev.events.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service for the tests of the test support: orders are placed, billing invoices them
 * ({@code billing}), and the test support of {@code events-test} is in the same package tree.
 */
@SpringBootApplication
public class BillingApplication {

}

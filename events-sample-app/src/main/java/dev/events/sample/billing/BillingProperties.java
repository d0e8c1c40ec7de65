package dev.events.sample.billing;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billing settings.
 *
 * @param limit the largest amount billing accepts at startup; larger orders are declined and
 * their events dead-lettered
 */
@ConfigurationProperties("sample.billing")
public record BillingProperties(BigDecimal limit) {

}

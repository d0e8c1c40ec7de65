package dev.events.sample.billing;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The largest amount billing accepts now: {@code sample.billing.limit} at startup, raised or
 * lowered by an operator through {@link BillingLimitController}.
 */
@Component
public class BillingLimit {

	private final AtomicReference<BigDecimal> limit;

	BillingLimit(BillingProperties properties) {
		this.limit = new AtomicReference<>(properties.limit());
	}

	/**
	 * Return the current limit.
	 * @return the limit
	 */
	public BigDecimal get() {
		return this.limit.get();
	}

	void set(BigDecimal limit) {
		this.limit.set(limit);
	}

}

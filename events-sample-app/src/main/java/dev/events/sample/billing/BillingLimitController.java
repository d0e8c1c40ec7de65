package dev.events.sample.billing;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an operator read and change billing's limit: the fix for orders declined above it,
 * before their dead letters are retried.
 */
@RestController
@RequestMapping("/billing/limit")
class BillingLimitController {

	private final BillingLimit limit;

	BillingLimitController(BillingLimit limit) {
		this.limit = limit;
	}

	@GetMapping
	Map<String, BigDecimal> limit() {
		return Map.of("limit", this.limit.get());
	}

	@PutMapping
	Map<String, BigDecimal> change(@Valid @RequestBody NewLimit change) {
		this.limit.set(change.limit());
		return limit();
	}

	/**
	 * A new limit.
	 *
	 * @param limit the largest amount billing accepts
	 */
	record NewLimit(@NotNull @DecimalMin("0.01") BigDecimal limit) {
	}

}

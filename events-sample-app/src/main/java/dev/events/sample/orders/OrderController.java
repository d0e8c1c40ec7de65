package dev.events.sample.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.events.sample.web.TenantContextFilter;

/**
 * {@code POST /orders} places an order; {@code GET /orders/{id}} shows its status. Both need
 * the {@code X-Tenant-Id} header; a tenant only sees its own orders.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<Order> place(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@Valid @RequestBody PlaceOrder request) {
		Order order = this.orders.place(tenantId, request.customerId(), request.amount());
		return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
	}

	@GetMapping("/{id}")
	ResponseEntity<Order> find(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@PathVariable UUID id) {
		return ResponseEntity.of(this.orders.find(tenantId, id));
	}

	record PlaceOrder(@NotBlank String customerId,
			@NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
	}

}

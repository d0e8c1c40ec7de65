package dev.events.store;

import dev.events.context.EventContextHolder;

/**
 * The key streams are scoped by: where tenancy is required, the current tenant, so that a tenant
 * never reads nor appends to another tenant's stream of the same name; otherwise one key for all.
 */
final class TenantScope {

	private static final String UNSCOPED = "";

	private final boolean required;

	/**
	 * Create a scope.
	 * @param required whether tenancy is required ({@code events.tenancy.required})
	 */
	TenantScope(boolean required) {
		this.required = required;
	}

	/**
	 * Return the key of the current tenant's streams.
	 * @return the tenant, or the empty key where tenancy is not required
	 * @throws IllegalStateException if tenancy is required and no tenant is current
	 */
	String key() {
		if (!this.required) {
			return UNSCOPED;
		}
		String tenant = EventContextHolder.current().tenantId();
		if (tenant == null || tenant.isBlank()) {
			throw new IllegalStateException("Streams are kept per tenant (events.tenancy.required=true) and no tenant "
					+ "is in the event context: open one with EventContextHolder.open");
		}
		return tenant;
	}

}

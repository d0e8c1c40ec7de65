package dev.events.sample.orders;

/**
 * Where an order is in its life.
 */
public enum OrderStatus {

	/**
	 * Stored, waiting for billing.
	 */
	PLACED,

	/**
	 * Billed.
	 */
	INVOICED,

	/**
	 * On its way.
	 */
	SHIPPED

}

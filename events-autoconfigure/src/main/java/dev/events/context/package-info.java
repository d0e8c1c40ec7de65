/**
 * Tenant, actor, correlation and causation carried by every event.
 */
@NullMarked
package dev.events.context;

import org.jspecify.annotations.NullMarked;

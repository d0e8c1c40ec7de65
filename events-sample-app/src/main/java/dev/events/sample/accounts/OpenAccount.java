package dev.events.sample.accounts;

import jakarta.validation.constraints.NotBlank;

/**
 * Open an account.
 *
 * @param tenantId the tenant
 * @param owner who owns it
 */
public record OpenAccount(@NotBlank String tenantId, @NotBlank String owner) {
}

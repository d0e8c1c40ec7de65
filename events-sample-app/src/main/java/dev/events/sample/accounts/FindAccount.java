package dev.events.sample.accounts;

import jakarta.validation.constraints.NotBlank;

/**
 * Ask for an account as folded from its events.
 *
 * @param tenantId the tenant
 * @param accountId the account
 */
public record FindAccount(@NotBlank String tenantId, @NotBlank String accountId) {
}

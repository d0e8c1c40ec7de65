package dev.events.sample.accounts;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Take money from an account.
 *
 * @param tenantId the tenant
 * @param accountId the account
 * @param amount the amount, at least a cent
 */
public record DebitAccount(@NotBlank String tenantId, @NotBlank String accountId,
		@NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
}

package dev.events.sample.accounts;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.events.sample.accounts.Statements.StatementLine;
import dev.events.sample.web.TenantContextFilter;
import dev.events.store.ConcurrencyConflictException;

/**
 * {@code POST /accounts} opens an account; {@code POST /accounts/{id}/credits} and
 * {@code /debits} move money; {@code GET /accounts/{id}} shows it as folded from its events, and
 * {@code GET /accounts/{id}/statement} the lines the statement handler wrote from Kafka. All need
 * the {@code X-Tenant-Id} header.
 */
@RestController
@RequestMapping("/accounts")
class AccountController {

	private final Accounts accounts;

	private final Statements statements;

	AccountController(Accounts accounts, Statements statements) {
		this.accounts = accounts;
		this.statements = statements;
	}

	@PostMapping
	ResponseEntity<AccountView> open(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@Valid @RequestBody OpenAccount request) {
		AccountView account = this.accounts.open(tenantId, request.owner());
		return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(account);
	}

	@PostMapping("/{id}/credits")
	AccountView credit(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId, @PathVariable String id,
			@Valid @RequestBody Money request) {
		return this.accounts.credit(tenantId, id, request.amount());
	}

	@PostMapping("/{id}/debits")
	AccountView debit(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId, @PathVariable String id,
			@Valid @RequestBody Money request) {
		return this.accounts.debit(tenantId, id, request.amount());
	}

	@GetMapping("/{id}")
	ResponseEntity<AccountView> find(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@PathVariable String id) {
		return ResponseEntity.of(this.accounts.find(tenantId, id));
	}

	@GetMapping("/{id}/statement")
	List<StatementLine> statement(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@PathVariable String id) {
		return this.statements.of(tenantId, id);
	}

	@ExceptionHandler
	ProblemDetail noSuchAccount(NoSuchAccountException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail insufficientFunds(InsufficientFundsException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail changedMeanwhile(ConcurrencyConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The account changed while this request ran: try it again");
	}

	record OpenAccount(@NotBlank String owner) {
	}

	record Money(@NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
	}

}

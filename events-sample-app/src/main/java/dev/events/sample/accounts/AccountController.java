package dev.events.sample.accounts;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

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

import dev.events.command.CommandGateway;
import dev.events.query.QueryGateway;
import dev.events.sample.accounts.Statements.StatementLine;
import dev.events.sample.web.TenantContextFilter;
import dev.events.store.ConcurrencyConflictException;

/**
 * {@code POST /accounts} opens an account; {@code POST /accounts/{id}/credits} and
 * {@code /debits} move money; {@code GET /accounts/{id}} shows it as folded from its events, and
 * {@code GET /accounts/{id}/statement} the lines the statement handler wrote from Kafka. All need
 * the {@code X-Tenant-Id} header. Each change is a command sent to {@link Accounts}, which
 * validates it first (a bad one is a 400 naming each field), and the account a query.
 */
@RestController
@RequestMapping("/accounts")
class AccountController {

	private final CommandGateway commands;

	private final QueryGateway queries;

	private final Statements statements;

	AccountController(CommandGateway commands, QueryGateway queries, Statements statements) {
		this.commands = commands;
		this.queries = queries;
		this.statements = statements;
	}

	@PostMapping
	ResponseEntity<AccountView> open(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId,
			@RequestBody Owner request) {
		AccountView account = this.commands.send(new OpenAccount(tenantId, request.owner()));
		return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(account);
	}

	@PostMapping("/{id}/credits")
	AccountView credit(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId, @PathVariable String id,
			@RequestBody Money request) {
		return this.commands.send(new CreditAccount(tenantId, id, request.amount()));
	}

	@PostMapping("/{id}/debits")
	AccountView debit(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId, @PathVariable String id,
			@RequestBody Money request) {
		return this.commands.send(new DebitAccount(tenantId, id, request.amount()));
	}

	@GetMapping("/{id}")
	AccountView find(@RequestHeader(TenantContextFilter.TENANT_HEADER) String tenantId, @PathVariable String id) {
		return this.queries.query(new FindAccount(tenantId, id), AccountView.class);
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

	record Owner(String owner) {
	}

	record Money(BigDecimal amount) {
	}

}

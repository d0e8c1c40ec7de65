package dev.events.sample.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.events.context.EventContext;
import dev.events.context.EventContextHolder;

/**
 * Makes the request's tenant ({@value #TENANT_HEADER}) and user ({@value #USER_HEADER}) the
 * context of every event published while the request is handled.
 */
@Component
public class TenantContextFilter extends OncePerRequestFilter {

	/**
	 * The header naming the tenant.
	 */
	public static final String TENANT_HEADER = "X-Tenant-Id";

	/**
	 * The header naming the acting user.
	 */
	public static final String USER_HEADER = "X-User-Id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		EventContext context = EventContext.empty()
			.withTenantId(request.getHeader(TENANT_HEADER))
			.withActorId(request.getHeader(USER_HEADER));
		try (EventContextHolder.Scope scope = EventContextHolder.open(context)) {
			chain.doFilter(request, response);
		}
	}

}

package dev.events.sample.web;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. Health and info stay open for probes; the other actuator endpoints, the
 * {@code events} endpoint among them, and changing billing's limit need the {@code OPERATOR}
 * role (the user of {@code spring.security.user.*}, over HTTP basic). The orders API stays open:
 * the sample has no customers' accounts.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String OPERATOR = "OPERATOR";

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurity(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/billing/**")
				.hasRole(OPERATOR)
				.anyRequest()
				.permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}

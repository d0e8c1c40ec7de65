package dev.events.autoconfigure.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code events} actuator endpoint.
 */
@ConfigurationProperties("management.endpoint.events")
public class EventsEndpointProperties {

	/**
	 * When to show the header and payload values of dead letters.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see values with show-values=when-authorized; empty lets any authenticated
	 * user see them.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}

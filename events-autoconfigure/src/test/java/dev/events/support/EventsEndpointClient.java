package dev.events.support;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Calls the {@code events} actuator endpoint of a test's application over HTTP, answering error
 * statuses instead of throwing, so that a test can assert them.
 */
public final class EventsEndpointClient {

	private final RestClient http;

	/**
	 * Create a client of the endpoint on a management port.
	 * @param managementPort the port
	 */
	public EventsEndpointClient(int managementPort) {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + managementPort + "/actuator/events")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/**
	 * Read a path of the endpoint.
	 * @param <T> the type of the body
	 * @param path the path below {@code /actuator/events}, {@code ""} for the read view
	 * @param type the type of the body
	 * @return the body
	 */
	public <T> T get(String path, Class<T> type) {
		return this.http.get().uri(path).retrieve().body(type);
	}

	/**
	 * Return the status a read of a path of the endpoint answers with.
	 * @param path the path below {@code /actuator/events}
	 * @return the status
	 */
	public HttpStatusCode status(String path) {
		return this.http.get().uri(path).retrieve().toBodilessEntity().getStatusCode();
	}

	/**
	 * Post a write operation of the endpoint.
	 * @param path the path below {@code /actuator/events}
	 * @param body the operation's parameters
	 * @return the response
	 */
	@SuppressWarnings("rawtypes")
	public ResponseEntity<Map> post(String path, Map<String, ?> body) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Map.class);
	}

}

package dev.events.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresMariaDb}.
 */
class MariaDbCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (EmbeddedMariaDb.isInstalled()) {
			return ConditionEvaluationResult.enabled("MariaDB is installed");
		}
		if (EmbeddedMariaDb.isRequired()) {
			throw new IllegalStateException("MariaDB is required (%s=required) but not installed: on Debian, "
				.formatted(EmbeddedMariaDb.REQUIRED_VARIABLE) + "apt-get install mariadb-server");
		}
		return ConditionEvaluationResult.disabled("MariaDB is not installed (on Debian: apt-get install mariadb-server)");
	}

}

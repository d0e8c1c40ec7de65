package dev.events.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevServicesModeTests {

	@Test
	void embeddedIsTheDefaultAndNeedsNoDocker() {
		assertThat(DevServicesMode.choose("embedded", () -> {
			throw new AssertionError("Docker must not be asked");
		})).isEqualTo(DevServicesMode.EMBEDDED);
	}

	@Test
	void autoUsesContainersOnlyWhereDockerAnswers() {
		assertThat(DevServicesMode.choose("auto", () -> true)).isEqualTo(DevServicesMode.TESTCONTAINERS);
		assertThat(DevServicesMode.choose("auto", () -> false)).isEqualTo(DevServicesMode.EMBEDDED);
		assertThat(DevServicesMode.choose("TestContainers", () -> false)).isEqualTo(DevServicesMode.TESTCONTAINERS);
	}

	@Test
	void askingForDockerWhereThereIsNoneDoesNotFail() {
		boolean available = DevServicesMode.dockerAnswers();
		assertThat(DevServicesMode.choose("auto", () -> available))
			.isEqualTo(available ? DevServicesMode.TESTCONTAINERS : DevServicesMode.EMBEDDED);
	}

	@Test
	void unknownSettingIsRefusedClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevServicesMode.choose("docker", () -> true))
			.withMessageContaining("sample.dev-services")
			.withMessageContaining("'docker'");
	}

}

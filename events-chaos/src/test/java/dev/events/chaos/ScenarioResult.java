package dev.events.chaos;

/**
 * A scenario's outcome, as the guarantees report shows it.
 *
 * @param scenario what happened
 * @param verdict the verifier's counts
 * @param recoverySeconds from the end of the fault until every event committed before it was applied
 * @param window what shows that the fault hit the window it aims at
 */
record ScenarioResult(String scenario, Verdict verdict, double recoverySeconds, String window) {
}

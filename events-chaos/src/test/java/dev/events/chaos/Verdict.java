package dev.events.chaos;

/**
 * What a scenario did to the events: every count from {@code lost} to {@code outboxLeft} must be
 * 0, and the inbox must hold one row per committed event.
 *
 * @param committed events whose transaction committed
 * @param rolledBack transactions with an event that rolled back
 * @param lost committed events no handler applied
 * @param missingOnTopic committed events not on the topic
 * @param duplicateEffects handler effects beyond the first for an event
 * @param duplicateRecords records on the topic beyond the first for an event: allowed, counted
 * @param topicOrderViolations first records of events out of publish order for their key
 * @param handlerOrderViolations first effects of events out of publish order for their key
 * @param rolledBackSeen events from rolled-back or never-committed transactions, on the topic or
 * applied
 * @param deadLetters dead letters: records on the dead-letter topic and rows in the database
 * @param parked outbox rows parked
 * @param outboxLeft outbox rows not sent
 * @param inboxRows inbox rows
 */
record Verdict(int committed, int rolledBack, int lost, int missingOnTopic, int duplicateEffects, int duplicateRecords,
		int topicOrderViolations, int handlerOrderViolations, int rolledBackSeen, int deadLetters, int parked,
		int outboxLeft, int inboxRows) {

	boolean holds() {
		return this.lost == 0 && this.missingOnTopic == 0 && this.duplicateEffects == 0
				&& this.topicOrderViolations == 0 && this.handlerOrderViolations == 0 && this.rolledBackSeen == 0
				&& this.deadLetters == 0 && this.parked == 0 && this.outboxLeft == 0
				&& this.inboxRows == this.committed;
	}

}

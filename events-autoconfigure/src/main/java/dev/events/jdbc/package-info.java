/**
 * Database support shared by the outbox and the inbox: dialects and schema migrations.
 */
@NullMarked
package dev.events.jdbc;

import org.jspecify.annotations.NullMarked;

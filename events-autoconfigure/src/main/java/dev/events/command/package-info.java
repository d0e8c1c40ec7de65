/**
 * Commands: {@link dev.events.command.CommandHandler} methods, one per command type, and the
 * {@link dev.events.command.CommandGateway} that sends a command to its handler.
 */
@NullMarked
package dev.events.command;

import org.jspecify.annotations.NullMarked;

package dev.events.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as the handler of a command: its one parameter is the command,
 * and what it returns, if anything, is the result {@link CommandGateway#send} gives the sender.
 * Each command type has exactly one handler; a second one fails the application's startup. A
 * handler of a supertype handles the command types below it that have none of their own.
 * <p>
 * The handler runs in the sender's thread, in the sender's transaction or, without one, in a
 * transaction of its own, so its database writes and the events it publishes through the
 * outbox commit together or not at all.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CommandHandler {

}

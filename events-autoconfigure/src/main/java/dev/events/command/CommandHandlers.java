package dev.events.command;

import dev.events.dispatch.MessageHandlers;

/**
 * The {@link CommandHandler} methods of the application, found on its beans as they are created.
 */
public class CommandHandlers extends MessageHandlers {

	/**
	 * Create the collection, empty until beans are created.
	 */
	public CommandHandlers() {
		super(CommandHandler.class, "command", false);
	}

}

/**
 * Messages with exactly one handler each, commands and queries: the handler methods found on
 * beans, checked at startup, and called in the caller's thread.
 */
@NullMarked
package dev.events.dispatch;

import org.jspecify.annotations.NullMarked;

/**
 * Replays of event handlers, requested once for the whole cluster: each partition is sought back
 * by whichever instance holds it, once, and the window it replays is recorded.
 */
@NullMarked
package dev.events.replay;

import org.jspecify.annotations.NullMarked;

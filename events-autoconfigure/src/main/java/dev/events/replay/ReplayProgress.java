package dev.events.replay;

import java.util.List;

/**
 * A replay request and the windows recorded for it, one per partition that applied it.
 *
 * @param request the request
 * @param windows the windows, by topic and partition
 */
public record ReplayProgress(ReplayRequest request, List<ReplayWindow> windows) {

}

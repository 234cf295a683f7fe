package dev.attend.web;

import dev.attend.model.AttentionTrace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The traces the server keeps for the page to fetch layer by layer: at most {@code capacityBytes} of them, the
 * least recently used forgotten first (the newest is always kept). Ids are random, 128 bits.
 */
final class TraceCache {
    private final long capacityBytes;
    private final LinkedHashMap<String, CachedTrace> traces = new LinkedHashMap<>(16, 0.75f, true);
    private final SecureRandom random = new SecureRandom();
    private long bytes;

    TraceCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    CachedTrace put(String modelKey, AttentionTrace trace) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        CachedTrace entry = new CachedTrace(HexFormat.of().formatHex(id), modelKey, trace, CachedTrace.bytesOf(trace));
        synchronized (this) {
            traces.put(entry.id(), entry);
            bytes += entry.bytes();
            Iterator<Map.Entry<String, CachedTrace>> oldest = traces.entrySet().iterator();
            while (bytes > capacityBytes && traces.size() > 1) {
                bytes -= oldest.next().getValue().bytes();
                oldest.remove();
            }
        }
        return entry;
    }

    /** The trace under {@code id}; a 404 when it was never made or has been forgotten. */
    synchronized CachedTrace get(String id) {
        CachedTrace entry = traces.get(id);
        if (entry == null) {
            throw new ApiException(404, "this trace is no longer kept (the server keeps the most recent traces, up to "
                    + (capacityBytes >> 20) + " MB); trace the text again");
        }
        return entry;
    }
}

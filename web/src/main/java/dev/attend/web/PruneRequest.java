package dev.attend.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The body of POST /api/trace/{id}/prune: {@code {"heads": [[layer, head], ...]}}, the heads to switch off. */
final class PruneRequest {
    private PruneRequest() {}

    static List<int[]> parse(byte[] body, int layers, int heads) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
        String shape = "the body must be {\"heads\": [[layer, head], ...]} with layer 0.." + (layers - 1)
                + " and head 0.." + (heads - 1);
        if (root == null || !root.isObject() || !root.path("heads").isArray()) throw ApiException.badRequest(shape);
        List<int[]> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (JsonNode pair : root.get("heads")) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isInt() || !pair.get(1).isInt()) {
                throw ApiException.badRequest(shape);
            }
            int l = pair.get(0).asInt(), h = pair.get(1).asInt();
            if (l < 0 || l >= layers || h < 0 || h >= heads) throw ApiException.badRequest(shape + "; got [" + l + ", " + h + "]");
            if (seen.add(l * heads + h)) out.add(new int[] {l, h});
        }
        return out;
    }
}

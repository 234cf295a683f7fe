package dev.attend.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Scores of every head, [layer][head]. */
public final class HeadScores {
    private HeadScores() {}

    /** The {layer, head} of the highest score; the first on ties. */
    public static int[] best(double[][] scores) {
        int[] best = {0, 0};
        for (int l = 0; l < scores.length; l++) {
            for (int h = 0; h < scores[l].length; h++) {
                if (scores[l][h] > scores[best[0]][best[1]]) best = new int[] {l, h};
            }
        }
        return best;
    }

    /** Puts the scores into {@code node} as {@code field}: an array of layers, each an array of heads. */
    public static void put(ObjectNode node, String field, double[][] scores) {
        ArrayNode layers = node.putArray(field);
        for (double[] layer : scores) {
            ArrayNode row = layers.addArray();
            for (double s : layer) row.add(s);
        }
    }
}

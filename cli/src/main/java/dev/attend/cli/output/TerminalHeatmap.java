package dev.attend.cli.output;

import java.io.PrintStream;
import java.util.List;

/**
 * One head's attention as a readable table: a row per query token, a column per key token, each cell the weight
 * in percent (shaded when the terminal has colour), then each query's strongest key — the lesson's
 * "click 'it', see the line to 'cat'" in text.
 */
public final class TerminalHeatmap {
    /** Beyond this many columns a matrix no longer fits a terminal; the strongest links are still printed. */
    public static final int MAX_COLUMNS = 48;

    private final TerminalStyle style;

    public TerminalHeatmap(TerminalStyle style) {
        this.style = style;
    }

    public void print(PrintStream out, String title, List<String> labels, float[][] weights) {
        int n = labels.size();
        out.println(style.bold(title));
        int labelWidth = Math.min(16, labels.stream().mapToInt(String::length).max().orElse(1));
        if (n <= MAX_COLUMNS) {
            out.println("rows: query token · columns: key token (numbered as the rows) · cells: weight in %");
            StringBuilder header = new StringBuilder(" ".repeat(labelWidth + 5));
            for (int j = 0; j < n; j++) header.append(String.format("%3d", j));
            out.println(header);
            for (int i = 0; i < n; i++) {
                StringBuilder row = new StringBuilder(String.format("%3d %-" + labelWidth + "s ", i, clip(labels.get(i), labelWidth)));
                for (int j = 0; j < n; j++) {
                    float w = weights[i][j];
                    int percent = Math.round(w * 100);
                    String cell = percent == 0 ? "  ." : String.format("%3d", Math.min(percent, 99));
                    row.append(style.shade(w, cell));
                }
                out.println(row);
            }
        } else {
            out.println("(" + n + " tokens: too wide for a terminal matrix; use --format json or npy for all weights)");
        }
        out.println();
        out.println("strongest key for each query token:");
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < n; j++) if (weights[i][j] > weights[i][best]) best = j;
            out.printf("  %-" + labelWidth + "s → %-" + labelWidth + "s %.2f%n", clip(labels.get(i), labelWidth),
                    clip(labels.get(best), labelWidth), weights[i][best]);
        }
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}

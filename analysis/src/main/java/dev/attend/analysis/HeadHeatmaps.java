package dev.attend.analysis;

import dev.attend.plot.Heatmap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One layers × heads heatmap per head statistic: {@code DIR/heads-<statistic>.png|svg}. */
public final class HeadHeatmaps {
    private HeadHeatmaps() {}

    /** The statistics drawn, by file name and title, with how to read each from a summary. */
    private record Statistic(String name, String title, ToDoubleFunction<HeadSummary> value) {}

    private static final List<Statistic> STATISTICS = List.of(
            new Statistic("entropy", "mean entropy (nats)", HeadSummary::entropy),
            new Statistic("cls", "weight on [CLS]", HeadSummary::cls),
            new Statistic("sep", "weight on [SEP]", HeadSummary::sep),
            new Statistic("punct", "weight on punctuation", HeadSummary::punct),
            new Statistic("self", "weight on itself", HeadSummary::self),
            new Statistic("prev", "weight on the previous position", HeadSummary::prev),
            new Statistic("next", "weight on the next position", HeadSummary::next),
            new Statistic("confidence", "confidence (mean largest weight)", HeadSummary::confidence),
            new Statistic("argmax-prev", "largest weight on the previous position (fraction of rows)", HeadSummary::argmaxPrev),
            new Statistic("argmax-next", "largest weight on the next position (fraction of rows)", HeadSummary::argmaxNext));

    /** Writes every statistic's heatmap into {@code dir}; returns the file bases written. */
    public static List<Path> write(Path dir, CorpusReport report, boolean words) throws IOException {
        int layers = report.heads().stream().mapToInt(HeadSummary::layer).max().orElse(-1) + 1;
        int heads = report.heads().stream().mapToInt(HeadSummary::head).max().orElse(-1) + 1;
        List<String> columns = new ArrayList<>(), rows = new ArrayList<>();
        for (int h = 0; h < heads; h++) columns.add(Integer.toString(h));
        for (int l = 0; l < layers; l++) rows.add(Integer.toString(l));
        List<Path> written = new ArrayList<>();
        for (Statistic s : STATISTICS) {
            double[][] values = new double[layers][heads];
            for (HeadSummary h : report.heads()) values[h.layer()][h.head()] = s.value().applyAsDouble(h);
            Path base = dir.resolve("heads-" + s.name());
            new Heatmap(report.modelName() + ": " + s.title() + (words ? ", words" : ""), "head", "layer", columns, rows,
                    values).write(base);
            written.add(base);
        }
        return written;
    }
}

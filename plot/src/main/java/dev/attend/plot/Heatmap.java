package dev.attend.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A matrix of values as coloured cells (layers × heads statistics, an alignment matrix), written as PNG and SVG.
 * {@code values[r][c]} is the cell in row {@code rowLabels[r]} (drawn top to bottom) and column {@code columnLabels[c]}.
 */
public record Heatmap(String title, String xAxis, String yAxis, List<String> columnLabels, List<String> rowLabels,
                      double[][] values) {

    public Heatmap {
        columnLabels = List.copyOf(columnLabels);
        rowLabels = List.copyOf(rowLabels);
        if (values.length != rowLabels.size()) {
            throw new IllegalArgumentException("heatmap '" + title + "' has " + values.length + " rows but " + rowLabels.size() + " row labels");
        }
        for (double[] row : values) {
            if (row.length != columnLabels.size()) {
                throw new IllegalArgumentException("heatmap '" + title + "' has a row of " + row.length + " values but " + columnLabels.size() + " column labels");
            }
        }
        if (values.length == 0 || columnLabels.isEmpty()) throw new IllegalArgumentException("heatmap '" + title + "' is empty");
    }

    /** Writes {@code base.png} and {@code base.svg}, creating missing parent folders. */
    public void write(Path base) throws IOException {
        ChartFiles.write(toChart(), base);
    }

    HeatMapChart toChart() {
        int rows = rowLabels.size(), columns = columnLabels.size();
        int cell = Math.max(14, Math.min(48, 720 / Math.max(rows, columns)));
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(Math.max(520, columns * cell + 260)).height(Math.max(360, rows * cell + 160))
                .title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        HeatMapStyler style = chart.getStyler();
        style.setChartBackgroundColor(java.awt.Color.WHITE);
        style.setShowValue(rows * columns <= 120 && cell >= 40);
        String pattern = maxMagnitude() >= 1 ? "0.##" : "0.000";
        style.setDecimalPattern(pattern);
        style.setHeatMapValueDecimalPattern(pattern);
        style.setValueFont(style.getValueFont().deriveFont(11f));
        style.setRangeColors(ChartFiles.SEQUENTIAL);
        List<Number[]> cells = new ArrayList<>(rows * columns);
        for (int r = 0; r < rows; r++) {
            // XChart draws y index 0 at the bottom: flip so that the first row label is on top, as in a table
            int y = rows - 1 - r;
            for (int c = 0; c < columns; c++) cells.add(new Number[] {c, y, values[r][c]});
        }
        chart.addSeries(title, columnLabels, rowLabels.reversed(), cells);
        return chart;
    }

    private double maxMagnitude() {
        double max = 0;
        for (double[] row : values) for (double v : row) max = Math.max(max, Math.abs(v));
        return max;
    }
}

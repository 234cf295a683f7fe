package dev.attend.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lines over a shared x axis (learning curves, accuracy by length, time vs n), written as PNG and SVG. */
public record LineChart(String title, String xAxis, String yAxis, List<Series> series, boolean logX, boolean logY) {

    public LineChart {
        series = List.copyOf(series);
        if (series.isEmpty()) throw new IllegalArgumentException("chart '" + title + "' has no series");
        if (logX || logY) {
            for (Series s : series) requirePositive(s, logX, logY);
        }
    }

    /** A chart with linear axes. */
    public LineChart(String title, String xAxis, String yAxis, List<Series> series) {
        this(title, xAxis, yAxis, series, false, false);
    }

    /** Writes {@code base.png} and {@code base.svg}, creating missing parent folders. */
    public void write(Path base) throws IOException {
        ChartFiles.write(toChart(), base);
    }

    XYChart toChart() {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        XYStyler style = chart.getStyler();
        style.setXAxisLogarithmic(logX);
        style.setYAxisLogarithmic(logY);
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setSeriesColors(ChartFiles.PALETTE);
        style.setChartBackgroundColor(java.awt.Color.WHITE);
        style.setPlotGridLinesVisible(true);
        style.setPlotGridLinesStroke(new java.awt.BasicStroke(0.5f)); // solid: a dashed line is one SVG rectangle per dash (~13 KB a line)
        style.setMarkerSize(5);
        for (Series s : series) {
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(s.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static void requirePositive(Series s, boolean logX, boolean logY) {
        for (int i = 0; i < s.x().length; i++) {
            if ((logX && !(s.x()[i] > 0)) || (logY && !(s.y()[i] > 0))) {
                throw new IllegalArgumentException("series '" + s.name() + "' has a non-positive value on a logarithmic axis");
            }
        }
    }
}

package dev.attend.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a chart twice, as {@code base.png} (for READMEs) and {@code base.svg} (for print and zoom). */
final class ChartFiles {

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    /** White → dark blue, for magnitudes (weights, statistics) that start at zero. */
    static final Color[] SEQUENTIAL = {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    static void write(Chart<?, ?> chart, Path base) throws IOException {
        Path parent = base.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        String name = base.toString();
        BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, name, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}

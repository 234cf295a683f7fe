package dev.attend.plot;

/** One named line of a chart: the points (x[i], y[i]). */
public record Series(String name, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        if (x.length == 0) throw new IllegalArgumentException("series '" + name + "' has no points");
    }
}

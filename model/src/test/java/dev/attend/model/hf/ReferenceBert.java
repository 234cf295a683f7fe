package dev.attend.model.hf;

import dev.attend.core.Gelu;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;

/**
 * The BERT forward for one unpadded sequence in plain double precision, written straight from the definition:
 * embeddings + LayerNorm; per layer softmax(Q·Kᵀ/√d)·V per head, output dense, residual + LayerNorm,
 * GELU(erf) feed-forward, residual + LayerNorm. No packing, no fusing, no threads: the reference for attend's
 * float32 encoder on small models.
 */
final class ReferenceBert {
    private ReferenceBert() {}

    /** @param hidden [n][hidden] last hidden state; @param attention [layer][head][query][key] */
    record Output(double[][] hidden, double[][][][] attention) {}

    static Output forward(BertWeights w, int[] ids, int[] typeIds) {
        BertConfig c = w.config();
        int n = ids.length;
        int size = c.hiddenSize();
        double[][] x = new double[n][size];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < size; k++) {
                x[i][k] = w.embeddings().word()[ids[i] * size + k] + w.embeddings().position()[i * size + k]
                        + w.embeddings().tokenType()[typeIds[i] * size + k];
            }
        }
        x = layerNorm(x, w.embeddings().norm(), c.layerNormEps());
        double[][][][] attention = new double[c.numLayers()][][][];
        for (int l = 0; l < c.numLayers(); l++) {
            LayerWeights layer = w.layers().get(l);
            double[][] q = linear(x, layer.query());
            double[][] k = linear(x, layer.key());
            double[][] v = linear(x, layer.value());
            attention[l] = new double[c.numHeads()][][];
            double[][] context = new double[n][size];
            int d = c.headDim();
            for (int h = 0; h < c.numHeads(); h++) {
                double[][] p = new double[n][n];
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int e = h * d; e < (h + 1) * d; e++) {
                            dot += q[i][e] * k[j][e];
                        }
                        p[i][j] = dot / Math.sqrt(d);
                        max = Math.max(max, p[i][j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        p[i][j] = Math.exp(p[i][j] - max);
                        sum += p[i][j];
                    }
                    for (int j = 0; j < n; j++) {
                        p[i][j] /= sum;
                        for (int e = h * d; e < (h + 1) * d; e++) {
                            context[i][e] += p[i][j] * v[j][e];
                        }
                    }
                }
                attention[l][h] = p;
            }
            x = layerNorm(add(linear(context, layer.attentionOutput()), x), layer.attentionNorm(), c.layerNormEps());
            double[][] inner = linear(x, layer.intermediate());
            for (double[] row : inner) {
                for (int e = 0; e < row.length; e++) {
                    row[e] = Gelu.reference(row[e]);
                }
            }
            x = layerNorm(add(linear(inner, layer.output()), x), layer.outputNorm(), c.layerNormEps());
        }
        return new Output(x, attention);
    }

    private static double[][] linear(double[][] x, DenseWeights dense) {
        double[][] y = new double[x.length][dense.out()];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < dense.out(); o++) {
                double sum = dense.bias()[o];
                for (int in = 0; in < dense.in(); in++) {
                    sum += x[i][in] * dense.weight()[in * dense.out() + o]; // W [in, out]
                }
                y[i][o] = sum;
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int e = 0; e < a[i].length; e++) {
                sum[i][e] = a[i][e] + b[i][e];
            }
        }
        return sum;
    }

    private static double[][] layerNorm(double[][] x, NormWeights norm, double eps) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (double value : x[i]) {
                mean += value / x[i].length;
            }
            double variance = 0;
            for (double value : x[i]) {
                variance += (value - mean) * (value - mean) / x[i].length;
            }
            y[i] = new double[x[i].length];
            for (int e = 0; e < x[i].length; e++) {
                y[i][e] = (x[i][e] - mean) / Math.sqrt(variance + eps) * norm.gamma()[e] + norm.beta()[e];
            }
        }
        return y;
    }
}

package dev.attend.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.FloatTensor;
import dev.attend.model.testing.OrtOutputs;
import dev.attend.model.testing.OrtReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the mapping of the anonymous weights: with each imported weight, a plain loop turns ORT's input of
 * that module into ORT's output of it, for every linear and layer norm of every layer. A weight given the
 * wrong role (key for query, a neighbour layer's) would not reproduce the output.
 */
class ImportedWeightsMatchOrtTest {

    private static final long[] TOKENS = {101, 7592, 2088, 2003, 1037, 3231, 102}; // [CLS] hello world is a test [SEP]

    /** One module of the graph: where ORT's input and output values are named, and the imported weights. */
    private record Module(String scope, String input, String output, Function<float[], float[]> imported) {}

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bge-small"})
    void everyImportedWeightReproducesItsModuleInOrt(String modelName) {
        Path file = BuiltInOnnx.model(modelName);
        OnnxGraph graph = OnnxModelReader.read(file).graph();
        BertWeights weights = BertOnnxImporter.importFile(file).weights();
        List<Module> modules = modules(graph, weights);
        LinkedHashSet<String> values = new LinkedHashSet<>();
        modules.forEach(module -> {
            values.add(module.input());
            values.add(module.output());
        });
        int n = TOKENS.length;
        OrtOutputs ort = OrtReference.of(file, List.copyOf(values))
                .run(new long[][] {TOKENS}, new long[][] {filled(n, 1)}, new long[][] {filled(n, 0)});

        assertClose("embeddings", embed(weights.embeddings(), weights.config().hiddenSize(), weights.config().layerNormEps()),
                ort.extra("/embeddings/LayerNorm/Add_1_output_0").values());
        for (Module module : modules) {
            FloatTensor in = ort.extra(module.input());
            assertClose(module.scope(), module.imported().apply(in.values()), ort.extra(module.output()).values());
        }
    }

    private static List<Module> modules(OnnxGraph graph, BertWeights weights) {
        float eps = weights.config().layerNormEps();
        List<Module> modules = new ArrayList<>();
        for (int l = 0; l < weights.layers().size(); l++) {
            LayerWeights layer = weights.layers().get(l);
            String scope = "/encoder/layer." + l;
            modules.add(dense(graph, scope + "/attention/self/query", layer.query()));
            modules.add(dense(graph, scope + "/attention/self/key", layer.key()));
            modules.add(dense(graph, scope + "/attention/self/value", layer.value()));
            modules.add(dense(graph, scope + "/attention/output/dense", layer.attentionOutput()));
            modules.add(dense(graph, scope + "/intermediate/dense", layer.intermediate()));
            modules.add(dense(graph, scope + "/output/dense", layer.output()));
            modules.add(norm(graph, scope + "/attention/output/LayerNorm", layer.attentionNorm(), eps));
            modules.add(norm(graph, scope + "/output/LayerNorm", layer.outputNorm(), eps));
        }
        return modules;
    }

    // ORT: x -> scope/MatMul -> scope/Add -> y
    private static Module dense(OnnxGraph graph, String scope, DenseWeights dense) {
        return new Module(scope, input(graph, scope + "/MatMul"), output(graph, scope + "/Add"), x -> linear(x, dense));
    }

    // ORT (decomposed): x -> scope/ReduceMean ... scope/Add_1 -> y
    private static Module norm(OnnxGraph graph, String scope, NormWeights norm, float eps) {
        return new Module(scope, input(graph, scope + "/ReduceMean"), output(graph, scope + "/Add_1"),
                x -> layerNorm(x, norm, eps));
    }

    private static String input(OnnxGraph graph, String node) {
        return graph.node(node).orElseThrow().inputs().get(0);
    }

    private static String output(OnnxGraph graph, String node) {
        return graph.node(node).orElseThrow().outputs().get(0);
    }

    /** x [n, in] · W [in, out] + b */
    private static float[] linear(float[] x, DenseWeights dense) {
        int n = x.length / dense.in();
        float[] y = new float[n * dense.out()];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < dense.out(); o++) {
                double sum = dense.bias()[o];
                for (int k = 0; k < dense.in(); k++) {
                    sum += (double) x[i * dense.in() + k] * dense.weight()[k * dense.out() + o];
                }
                y[i * dense.out() + o] = (float) sum;
            }
        }
        return y;
    }

    /** Each row of x [n, hidden]: (x - mean) / sqrt(var + eps) * gamma + beta */
    private static float[] layerNorm(float[] x, NormWeights norm, float eps) {
        int hidden = norm.gamma().length;
        float[] y = new float[x.length];
        for (int row = 0; row < x.length / hidden; row++) {
            double mean = 0;
            double variance = 0;
            for (int k = 0; k < hidden; k++) {
                mean += x[row * hidden + k];
            }
            mean /= hidden;
            for (int k = 0; k < hidden; k++) {
                double d = x[row * hidden + k] - mean;
                variance += d * d;
            }
            variance /= hidden;
            for (int k = 0; k < hidden; k++) {
                double normalised = (x[row * hidden + k] - mean) / Math.sqrt(variance + eps);
                y[row * hidden + k] = (float) (normalised * norm.gamma()[k] + norm.beta()[k]);
            }
        }
        return y;
    }

    /** LayerNorm(word[token] + position[i] + tokenType[0]) for each token, [n, hidden] */
    private static float[] embed(EmbeddingWeights embeddings, int hidden, float eps) {
        float[] sum = new float[TOKENS.length * hidden];
        for (int i = 0; i < TOKENS.length; i++) {
            for (int k = 0; k < hidden; k++) {
                sum[i * hidden + k] = embeddings.word()[(int) TOKENS[i] * hidden + k]
                        + embeddings.position()[i * hidden + k] + embeddings.tokenType()[k];
            }
        }
        return layerNorm(sum, embeddings.norm(), eps);
    }

    /** Close relative to the size of the values: float32 sums over up to 1536 terms in another order. */
    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("%s: largest difference from ORT (values up to %.3f)", what, scale)
                .isLessThan(1e-4 * Math.max(1, scale));
    }

    private static long[] filled(int n, long value) {
        long[] values = new long[n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}

package dev.attend.model.hf;

import dev.attend.model.ModelException;
import dev.attend.model.bert.BertConfig;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.bert.DenseWeights;
import dev.attend.model.bert.EmbeddingWeights;
import dev.attend.model.bert.LayerWeights;
import dev.attend.model.bert.NormWeights;
import dev.attend.model.safetensors.SafetensorsFile;
import dev.attend.model.safetensors.SafetensorsTensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the safetensors weights of a Hugging Face BERT model (as transformers saves BertModel, BertForMaskedLM,
 * sentence-transformers models ...) into {@link BertWeights}. Keys, with or without a {@code bert.} prefix:
 * <pre>
 *   embeddings.word_embeddings.weight              [vocab, hidden]
 *   embeddings.position_embeddings.weight          [max positions, hidden]
 *   embeddings.token_type_embeddings.weight        [types, hidden]   optional: absent means one zero type row
 *   embeddings.LayerNorm.weight, .bias             [hidden]          old checkpoints: .gamma, .beta
 *   encoder.layer.N.attention.self.query.weight    [hidden, hidden]  key, value alike; Linear is [out, in]
 *   encoder.layer.N.attention.output.dense.weight  [hidden, hidden]
 *   encoder.layer.N.attention.output.LayerNorm.weight, .bias
 *   encoder.layer.N.intermediate.dense.weight      [intermediate, hidden]
 *   encoder.layer.N.output.dense.weight            [hidden, intermediate]
 *   encoder.layer.N.output.LayerNorm.weight, .bias
 * </pre>
 * Every Linear bias ({@code .bias} beside a {@code .weight}) is optional and zero when absent. Linear weights are
 * transposed to the [in, out] of {@link DenseWeights}. Other keys (pooler.*, cls.*, position_ids) are ignored.
 */
public final class HfBertImporter {

    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    private static final Pattern LAYER_KEY = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");

    private final SafetensorsFile file;
    private final String prefix;
    private final Path configJson;

    private HfBertImporter(SafetensorsFile file, String prefix, Path configJson) {
        this.file = file;
        this.prefix = prefix;
        this.configJson = configJson;
    }

    /** Reads {@code safetensors} as the weights of the model {@code configJson} describes. */
    public static BertWeights importWeights(HfBertConfig hf, Path configJson, Path safetensors) {
        try (SafetensorsFile file = SafetensorsFile.open(safetensors)) {
            String prefix = prefixOf(file);
            HfBertImporter importer = new HfBertImporter(file, prefix, configJson);
            importer.checkLayerCount(hf.numLayers());
            return importer.weights(hf);
        }
    }

    private static String prefixOf(SafetensorsFile file) {
        for (String prefix : List.of("bert.", "")) {
            if (file.tensor(prefix + WORD_EMBEDDINGS).isPresent()) {
                return prefix;
            }
        }
        List<String> some = file.names().stream().limit(5).toList();
        throw new ModelException(file.path() + " has no " + WORD_EMBEDDINGS + " (with or without the bert. prefix),"
                + " so it does not hold a BERT model as transformers saves it; its first tensors are " + some);
    }

    private void checkLayerCount(int numLayers) {
        for (String name : file.names()) {
            Matcher layer = LAYER_KEY.matcher(name.substring(name.startsWith(prefix) ? prefix.length() : 0));
            if (layer.matches() && Integer.parseInt(layer.group(1)) >= numLayers) {
                throw new ModelException(file.path() + " has " + name + " but " + configJson + " says num_hidden_layers "
                        + numLayers + "; the config.json does not belong to these weights");
            }
        }
    }

    private BertWeights weights(HfBertConfig hf) {
        boolean hasTokenTypes = find("embeddings.token_type_embeddings.weight").isPresent();
        BertConfig config;
        try {
            config = new BertConfig(hf.vocabSize(), hf.hiddenSize(), hf.numLayers(), hf.numHeads(), hf.intermediateSize(),
                    hf.maxPositions(), hasTokenTypes ? hf.typeVocabSize() : 1, hf.layerNormEps());
        } catch (IllegalArgumentException inconsistent) {
            throw new ModelException(configJson + ": " + inconsistent.getMessage(), inconsistent);
        }
        int hidden = config.hiddenSize();
        EmbeddingWeights embeddings = new EmbeddingWeights(
                required("embeddings.word_embeddings.weight", config.vocabSize(), hidden),
                required("embeddings.position_embeddings.weight", config.maxPositions(), hidden),
                hasTokenTypes ? required("embeddings.token_type_embeddings.weight", config.typeVocabSize(), hidden)
                        : new float[hidden], // one type row of zeros: adding it changes nothing
                norm("embeddings.LayerNorm", hidden));
        List<LayerWeights> layers = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            layers.add(layer(layer, hidden, config.intermediateSize()));
        }
        return new BertWeights(config, embeddings, layers);
    }

    private LayerWeights layer(int layer, int hidden, int intermediate) {
        String scope = "encoder.layer." + layer + ".";
        return new LayerWeights(
                dense(scope + "attention.self.query", hidden, hidden),
                dense(scope + "attention.self.key", hidden, hidden),
                dense(scope + "attention.self.value", hidden, hidden),
                dense(scope + "attention.output.dense", hidden, hidden),
                norm(scope + "attention.output.LayerNorm", hidden),
                dense(scope + "intermediate.dense", hidden, intermediate),
                dense(scope + "output.dense", intermediate, hidden),
                norm(scope + "output.LayerNorm", hidden));
    }

    /** A torch Linear: weight [out, in], transposed here to [in, out]; bias [out], zeros if absent. */
    private DenseWeights dense(String module, int in, int out) {
        float[] weight = required(module + ".weight", out, in); // [out, in]
        float[] bias = optional(module + ".bias", out);
        return new DenseWeights(transpose(weight, out, in), bias, in, out);
    }

    /** A LayerNorm: weight (gamma) and bias (beta), [hidden]; old checkpoints name them gamma and beta. */
    private NormWeights norm(String module, int hidden) {
        return new NormWeights(required(named(module, "weight", "gamma"), hidden), optional(named(module, "bias", "beta"), hidden));
    }

    /** {@code module.name}, or {@code module.oldName} if only that is present. */
    private String named(String module, String name, String oldName) {
        boolean onlyOld = find(module + "." + name).isEmpty() && find(module + "." + oldName).isPresent();
        return module + "." + (onlyOld ? oldName : name);
    }

    private float[] required(String key, long... shape) {
        SafetensorsTensor tensor = find(key).orElseThrow(() -> new ModelException(file.path() + " has no tensor "
                + prefix + key + ", which a BERT model needs; save the model with transformers' save_pretrained"));
        return floats(tensor, shape);
    }

    private float[] optional(String key, int length) {
        return find(key).map(tensor -> floats(tensor, length)).orElseGet(() -> new float[length]);
    }

    private float[] floats(SafetensorsTensor tensor, long... shape) {
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new ModelException(file.path() + ": tensor " + tensor.name() + " has shape " + tensor.shapeText()
                    + " but " + configJson + " implies " + Arrays.toString(shape)
                    + "; the config.json does not belong to these weights");
        }
        return file.floats(tensor.name());
    }

    private Optional<SafetensorsTensor> find(String key) {
        return file.tensor(prefix + key);
    }

    private static float[] transpose(float[] matrix, int rows, int cols) {
        float[] transposed = new float[matrix.length]; // [cols, rows]
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                transposed[c * rows + r] = matrix[r * cols + c];
            }
        }
        return transposed;
    }
}

package dev.attend.model.registry;

import dev.attend.model.ModelException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Looks up the built-in models by key and gives their files, extracted once to the user's cache. */
public final class BuiltInModels {
    private BuiltInModels() {}

    /** The model used when none is named: {@link BuiltInModel#MINILM}. */
    public static BuiltInModel defaultModel() {
        return BuiltInModel.MINILM;
    }

    /** The keys users can type, default first. */
    public static List<String> keys() {
        return Arrays.stream(BuiltInModel.values()).map(BuiltInModel::key).toList();
    }

    /** The model whose key or own name is {@code name}, ignoring case. */
    public static Optional<BuiltInModel> find(String name) {
        return Arrays.stream(BuiltInModel.values())
                .filter(m -> m.key().equalsIgnoreCase(name) || m.modelName().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Like {@link #find}, but a name that is not built in is a {@link ModelException} listing the keys. */
    public static BuiltInModel require(String name) {
        return find(name).orElseThrow(() -> new ModelException("unknown model '" + name + "'; built-in models: "
                + String.join(", ", keys()) + "; or give a path to an .onnx file or a Hugging Face model folder"));
    }

    /** The model's files in the cache folder, extracted there on first use (by any process). */
    public static ModelFiles files(BuiltInModel model) {
        return ProcessCache.INSTANCE.files(model);
    }

    private static final class ProcessCache {
        static final ModelCache INSTANCE = new ModelCache(CacheDirectory.ofThisProcess());
    }
}

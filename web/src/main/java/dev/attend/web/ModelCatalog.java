package dev.attend.web;

import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.InputException;
import dev.attend.model.Models;
import dev.attend.model.registry.BuiltInModels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The models a server offers, by key: the built-in ones, then each model folder under its folder name (or its
 * full path when that name is taken). A model is loaded once, on one loader thread, and kept; requests name
 * models only by key, so no request chooses a file.
 */
final class ModelCatalog implements AutoCloseable {
    private final Map<String, ModelSource> sources = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<AttentionModel>> models = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ClassifierModel>> classifiers = new ConcurrentHashMap<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("attend-model-loader").daemon().factory());

    ModelCatalog(List<Path> modelDirs) {
        for (String key : BuiltInModels.keys()) sources.put(key, ModelSource.builtIn(key));
        for (Path dir : modelDirs) {
            Path absolute = dir.toAbsolutePath().normalize();
            String name = absolute.getFileName() == null ? null : absolute.getFileName().toString();
            String key = name == null || sources.containsKey(name) ? absolute.toString() : name;
            sources.putIfAbsent(key, ModelSource.folder(key, absolute));
        }
    }

    /** The key a model folder given to the constructor is offered under. */
    String keyOf(Path modelDir) {
        String location = modelDir.toAbsolutePath().normalize().toString();
        return sources.values().stream().filter(s -> !s.builtIn() && s.location().equals(location))
                .map(ModelSource::key).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(modelDir + " is not a model folder of this server"));
    }

    /** Every key, the default model's first. */
    List<String> keys() {
        return List.copyOf(sources.keySet());
    }

    String defaultKey() {
        return BuiltInModels.defaultModel().key();
    }

    /** The model under {@code key}, loading it first if no request has yet; a 404 for a key this server lacks. */
    AttentionModel get(String key) {
        if (!sources.containsKey(key)) throw ApiException.unknownModel(key, keys());
        if (sources.get(key).classifier()) {
            throw new ApiException(422, key + " is a classifier trained here; this request needs a BERT model");
        }
        return joined(loading(key));
    }

    /** The classifier trained here under {@code key} (loading it first), or null when {@code key} names a BERT model. */
    ClassifierModel classifier(String key) {
        if (!sources.containsKey(key)) throw ApiException.unknownModel(key, keys());
        if (!sources.get(key).classifier()) return null;
        return joined(classifiers.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(
                () -> ClassifierModel.load(Path.of(sources.get(k).location())), loader)));
    }

    /**
     * {@code text} (and {@code textB}; null: none) through the model under {@code key}: a BERT model with
     * {@code capture}, or a model trained here (one text of its task's words; it keeps attention and the last state).
     */
    AttentionTrace trace(String key, String text, String textB, Capture capture) {
        ClassifierModel trained = classifier(key);
        if (trained != null) {
            if (textB != null) throw new InputException(key + " is a model trained here and reads one text; leave the second one out");
            return trained.run(trained.parse(text), null).trace();
        }
        AttentionModel model = get(key);
        return textB == null ? model.trace(text, capture) : model.tracePair(text, textB, capture);
    }

    private static <T> T joined(CompletableFuture<T> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts loading every model not yet loaded, in the background. */
    void warmUp() {
        sources.values().stream().filter(s -> !s.classifier()).forEach(s -> loading(s.key()));
    }

    /** Every model's summary (loading the ones not loaded yet), and why any could not be loaded. */
    ModelList describe() {
        List<ModelSummary> loaded = new ArrayList<>();
        List<UnavailableModel> unavailable = new ArrayList<>();
        for (ModelSource source : sources.values()) {
            try {
                ClassifierModel classifier = classifier(source.key());
                loaded.add(classifier == null ? ModelSummary.of(source, get(source.key())) : ModelSummary.of(source, classifier));
            } catch (RuntimeException e) {
                unavailable.add(new UnavailableModel(source.key(), e.getMessage()));
            }
        }
        return new ModelList(defaultKey(), loaded, unavailable);
    }

    private CompletableFuture<AttentionModel> loading(String key) {
        return models.computeIfAbsent(key,
                k -> CompletableFuture.supplyAsync(() -> Models.load(sources.get(k).location()), loader));
    }

    @Override
    public void close() {
        loader.shutdownNow();
        for (CompletableFuture<AttentionModel> model : models.values()) {
            if (model.isDone() && !model.isCompletedExceptionally()) model.join().close();
        }
    }
}

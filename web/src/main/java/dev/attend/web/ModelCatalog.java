package dev.attend.web;

import dev.attend.model.AttentionModel;
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
    private final ExecutorService loader = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("attend-model-loader").daemon().factory());

    ModelCatalog(List<Path> modelDirs) {
        for (String key : BuiltInModels.keys()) sources.put(key, new ModelSource(key, key, true));
        for (Path dir : modelDirs) {
            Path absolute = dir.toAbsolutePath().normalize();
            String name = absolute.getFileName() == null ? null : absolute.getFileName().toString();
            String key = name == null || sources.containsKey(name) ? absolute.toString() : name;
            sources.putIfAbsent(key, new ModelSource(key, absolute.toString(), false));
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
        try {
            return loading(key).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts loading every model not yet loaded, in the background. */
    void warmUp() {
        keys().forEach(this::loading);
    }

    /** Every model's summary (loading the ones not loaded yet), and why any could not be loaded. */
    ModelList describe() {
        List<ModelSummary> loaded = new ArrayList<>();
        List<UnavailableModel> unavailable = new ArrayList<>();
        for (ModelSource source : sources.values()) {
            try {
                loaded.add(ModelSummary.of(source, get(source.key())));
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

package dev.attend.web;


import dev.attend.analysis.importance.TrainedModel;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A model the server offers: the key requests use, and what {@code Models.load} takes (a built-in key or a folder);
 * {@code classifier}: a folder of {@code attend train} (config.json model_type "attend-transformer", or a run folder
 * holding such checkpoints), loaded as a {@link ClassifierModel}.
 */
record ModelSource(String key, String location, boolean builtIn, boolean classifier) {

    static ModelSource builtIn(String key) {
        return new ModelSource(key, key, true, false);
    }

    static ModelSource folder(String key, Path absolute) {
        boolean trained;
        try {
            trained = TrainedModel.recognises(absolute);
        } catch (UncheckedIOException e) {
            trained = false; // an unreadable config.json: Models.load says why
        }
        return new ModelSource(key, absolute.toString(), false, trained);
    }
}

package dev.attend.web;

import dev.attend.analysis.importance.TrainedModel;

import java.nio.file.Path;

/**
 * A model the server offers: the key requests use, and what {@code Models.load} takes (a built-in key or a folder);
 * {@code classifier}: a folder of {@code attend train} (a checkpoint or a run folder holding checkpoints), loaded as a
 * {@link ClassifierModel} (which refuses the sequence-to-sequence models with the reason).
 */
record ModelSource(String key, String location, boolean builtIn, boolean classifier) {

    static ModelSource builtIn(String key) {
        return new ModelSource(key, key, true, false);
    }

    static ModelSource folder(String key, Path absolute) {
        return new ModelSource(key, absolute.toString(), false, TrainedModel.recognises(absolute));
    }
}

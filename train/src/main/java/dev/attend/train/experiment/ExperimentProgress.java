package dev.attend.train.experiment;

import dev.attend.train.TrainingProgress;

/** Hears about an experiment's training runs, one after the other (e.g. to draw one progress bar per run). */
@FunctionalInterface
public interface ExperimentProgress {

    /** The run {@code label} starts; its steps are reported to the returned progress. */
    TrainingProgress run(String label);

    ExperimentProgress NONE = label -> TrainingProgress.NONE;
}

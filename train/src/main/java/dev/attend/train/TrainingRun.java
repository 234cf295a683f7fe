package dev.attend.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.seq2seq.Seq2SeqTraining;
import dev.attend.train.seq2seq.SequenceTask;

/** A run of {@code attend train}: a classifier task ({@link TaskTraining}) or a sequence task ({@link Seq2SeqTraining}). */
public interface TrainingRun {

    /** The run {@code options} ask for. */
    static TrainingRun of(TrainOptions options) {
        return SequenceTask.isSequenceTask(options.task()) ? new Seq2SeqTraining(options) : new TaskTraining(options);
    }

    /** Trains, evaluates and writes everything into the --out folder; returns the metrics it wrote. */
    ObjectNode run(TrainingProgress progress);

    /** Asks the run to stop after the step in progress; it still writes a checkpoint and metrics.json. */
    void requestStop();
}

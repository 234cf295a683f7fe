package dev.attend.train;

import dev.attend.model.InputException;
import dev.attend.train.seq2seq.SequenceTask;

import java.nio.file.Path;
import java.util.List;

/**
 * What to train, as the user asked for it. {@code layers}, {@code steps} and {@code seed} are null when not given:
 * a new run then uses the task's defaults, a resumed run the checkpoint's values. {@code resume} is a checkpoint
 * folder (or a run folder, meaning its newest checkpoint), or null.
 */
public record TrainOptions(String task, String arch, Integer layers, Integer steps, Long seed, Path out, boolean quick,
                           Path resume) {

    public static final List<String> TASKS = List.of("coref", "agreement", "induction", "reverse", "copy");
    public static final List<String> ARCHITECTURES = List.of("transformer", "gru", "gru-attn", "lstm", "lstm-attn");
    public static final int MAX_LAYERS = 12;
    public static final int MAX_STEPS = 10_000_000;

    /** Rejects unknown names and out-of-range numbers with a message that says what to change. */
    public TrainOptions {
        if (!TASKS.contains(task)) {
            throw new InputException("unknown task '" + task + "'; known tasks: " + String.join(", ", TASKS));
        }
        if (!ARCHITECTURES.contains(arch)) {
            throw new InputException("unknown architecture '" + arch + "'; known: " + String.join(", ", ARCHITECTURES));
        }
        if (!arch.equals("transformer") && !SequenceTask.isSequenceTask(task)) {
            throw new InputException("--arch " + arch + " is a recurrent encoder-decoder for the sequence tasks (reverse, copy);"
                    + " --task " + task + " trains a transformer (leave --arch out)");
        }
        if (layers != null && (layers < 1 || layers > MAX_LAYERS)) {
            throw new InputException("--layers must be between 1 and " + MAX_LAYERS + ", not " + layers);
        }
        if (steps != null && (steps < 1 || steps > MAX_STEPS)) {
            throw new InputException("--steps must be between 1 and " + MAX_STEPS + ", not " + steps);
        }
        if (out == null) {
            throw new InputException("--out is required: the folder for metrics.json, probes and checkpoints");
        }
    }
}

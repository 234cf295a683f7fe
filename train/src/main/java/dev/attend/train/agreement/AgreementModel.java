package dev.attend.train.agreement;

import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import dev.attend.train.TaskTraining;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingProgress;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained agreement model for analysis: load it from a run of {@code attend train --task agreement} (or train one),
 * turn sentences into batches, read "is"/"are" probabilities and attention. A sentence is words separated by spaces
 * with exactly one {@link AgreementLexicon#VERB} slot, e.g. {@code "the key to the cabinets [VERB] here ."}; words
 * must be of the task's vocabulary ({@link AgreementLexicon#vocabulary()}).
 *
 * <pre>
 * AgreementModel m = AgreementModel.load(Path.of("runs/agreement"));          // run folder or checkpoint folder
 * Batch batch = AgreementModel.batch(List.of("the key to the cabinets [VERB] here ."));
 * float[] logits = m.model().forward(batch);                                // [B, 2]: is, are
 * float[] weights = m.model().attentionWeights(layer, 0);                   // [heads, T, T]
 * </pre>
 */
public record AgreementModel(Transformer model, Path checkpoint) {

    /** Loads the newest checkpoint of a run folder, or a checkpoint folder; refuses checkpoints of other tasks. */
    public static AgreementModel load(Path runOrCheckpoint) {
        Checkpoint.Saved saved = Checkpoint.read(runOrCheckpoint);
        if (!saved.state().task().equals("agreement")) {
            throw new ModelException("checkpoint " + saved.folder() + " was trained on --task " + saved.state().task()
                    + ", not agreement");
        }
        return new AgreementModel(Checkpoint.loadModel(saved), saved.folder());
    }

    /** Trains the standard (or quick) recipe into the empty folder {@code out} with {@code seed} and loads the result. */
    public static AgreementModel train(Path out, long seed, boolean quick) {
        new TaskTraining(new TrainOptions("agreement", "transformer", null, null, seed, out, quick, null)).run(TrainingProgress.NONE);
        return load(out);
    }

    /** The sentences as one padded batch that reads each one's verb slot; the labels are ignored (set to 0). */
    public static Batch batch(List<String> sentences) {
        List<int[]> encoded = new ArrayList<>();
        int[] verbs = new int[sentences.size()];
        for (int s = 0; s < sentences.size(); s++) {
            List<String> words = Arrays.asList(sentences.get(s).trim().split("\\s+"));
            if (words.size() > AgreementGenerator.MAX_LENGTH) {
                throw new InputException("sentence " + (s + 1) + " has " + words.size() + " words; the model reads at most "
                        + AgreementGenerator.MAX_LENGTH);
            }
            if (words.indexOf(AgreementLexicon.VERB) < 0 || words.indexOf(AgreementLexicon.VERB) != words.lastIndexOf(AgreementLexicon.VERB)) {
                throw new InputException("sentence " + (s + 1) + " needs exactly one " + AgreementLexicon.VERB + " slot: " + sentences.get(s));
            }
            verbs[s] = words.indexOf(AgreementLexicon.VERB);
            try {
                encoded.add(words.stream().mapToInt(AgreementLexicon::id).toArray());
            } catch (IllegalArgumentException e) {
                throw new InputException("sentence " + (s + 1) + ": " + e.getMessage());
            }
        }
        int tokens = encoded.stream().mapToInt(ids -> ids.length).max().orElse(1);
        int[] ids = new int[sentences.size() * tokens], lengths = new int[sentences.size()];
        for (int s = 0; s < sentences.size(); s++) {
            System.arraycopy(encoded.get(s), 0, ids, s * tokens, encoded.get(s).length);
            lengths[s] = encoded.get(s).length;
        }
        return new Batch(ids, sentences.size(), tokens, lengths, verbs, new int[sentences.size()]);
    }
}

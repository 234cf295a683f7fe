package dev.attend.web;

import dev.attend.analysis.explain.ClassifierLogit;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.TaskImportance;
import dev.attend.analysis.importance.TaskSentences;
import dev.attend.analysis.importance.TrainedModel;
import dev.attend.model.AttentionTrace;
import dev.attend.train.agreement.AgreementLexicon;
import dev.attend.train.coref.Lexicon;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A transformer trained by {@code attend train}, offered by {@code serve --model-dir} beside the BERT models: a
 * classifier (task agreement or coref) or the induction task's causal language model. A text is the task's words
 * separated by spaces; the model reads one position (analysis' {@link TrainedModel#parse}): the [VERB] slot
 * (agreement: is or are), the last pronoun (coref: which noun it refers to) or the last token (induction: the next
 * token). Its {@link Transformer} keeps the activations of its last pass, so every use holds this object's lock.
 */
final class ClassifierModel {
    /** Examples of the task's validation set that head importance is measured on. */
    static final int IMPORTANCE_EXAMPLES = 200;
    private static final int IMPORTANCE_BATCH = 50;

    private final TrainedModel trained;

    private ClassifierModel(TrainedModel trained) {
        this.trained = trained;
    }

    static ClassifierModel load(Path folder) {
        return new ClassifierModel(TrainedModel.load(folder));
    }

    /** The class the model predicts at the read position and its softmax probability. */
    record Prediction(String label, double probability) {}

    /** A pass over one sentence: its trace (attention of every layer, last hidden state) and prediction. */
    record Pass(AttentionTrace trace, Prediction prediction, float[] readState) {}

    String name() {
        return trained.name();
    }

    String task() {
        return trained.task();
    }

    Transformer transformer() {
        return trained.transformer();
    }

    String example() {
        return trained.example();
    }

    TrainedModel.Sentence parse(String text) {
        return trained.parse(text);
    }

    /** Runs one sentence with {@code mask} (null: every head) on the model. */
    synchronized Pass run(TrainedModel.Sentence s, float[][] mask) {
        TrainedModel.Pass pass = trained.run(s, mask);
        int hidden = transformer().config().hidden();
        float[] last = pass.trace().lastHiddenState(); // [n, hidden]
        return new Pass(pass.trace(), prediction(pass.logits()), Arrays.copyOfRange(last, s.read() * hidden, (s.read() + 1) * hidden));
    }

    /** The predicted class's logit explained per word (analysis' {@link ClassifierLogit}; [PAD] as the blank). */
    synchronized ClassifierLogit.Explained explain(TrainedModel.Sentence s) {
        requireClassifier("explanations");
        int blank = trained.task().equals("agreement") ? AgreementLexicon.id(AgreementLexicon.PAD) : Lexicon.id(Lexicon.PAD);
        return new ClassifierLogit(transformer(), blank).explain(s.words(), s.ids(), s.read());
    }

    /** How many validation sentences importance uses: {@link #IMPORTANCE_EXAMPLES}, or fewer when the task has fewer. */
    int importanceExamples() {
        requireClassifier("head importance");
        return Math.min(IMPORTANCE_EXAMPLES, TaskSentences.of(trained.task(), trained.quick(), IMPORTANCE_BATCH).validationSize());
    }

    /** Head importance under the task's loss on the first {@link #importanceExamples()} validation sentences. */
    synchronized HeadImportance importance(IntConsumer progress) {
        List<Batch> batches = TaskSentences.of(trained.task(), trained.quick(), IMPORTANCE_BATCH).validation();
        return TaskImportance.compute(transformer(), batches.subList(0, importanceExamples() / IMPORTANCE_BATCH), trained.task(),
                progress);
    }

    /** A 422 for the induction model: {@code what} needs a classifier's task sentences and blank word. */
    private void requireClassifier(String what) {
        if (!TrainedModel.TASKS.contains(task())) {
            throw new ApiException(422, what + " of models trained here need a classifier (tasks " + TrainedModel.TASKS
                    + "); the " + task() + " model predicts the next token");
        }
    }

    String label(int c) {
        return trained.labels().get(c);
    }

    private Prediction prediction(float[] logits) { // [classes]
        int c = 0;
        for (int k = 1; k < logits.length; k++) if (logits[k] > logits[c]) c = k;
        double sum = 0;
        for (float v : logits) sum += Math.exp(v - logits[c]);
        return new Prediction(trained.labels().get(c), 1 / sum);
    }
}

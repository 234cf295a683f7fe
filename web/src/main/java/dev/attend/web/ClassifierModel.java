package dev.attend.web;

import dev.attend.analysis.explain.ClassifierLogit;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.TaskImportance;
import dev.attend.analysis.importance.TaskSentences;
import dev.attend.analysis.importance.TrainedModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.train.agreement.AgreementLexicon;
import dev.attend.train.coref.Lexicon;
import dev.attend.train.coref.NounKind;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A classifier trained by {@code attend train} (task agreement or coref), offered by {@code serve --model-dir} beside
 * the BERT models. A text is the task's words separated by spaces; the classifier reads one position: the [VERB] slot
 * (agreement: is or are) or the last pronoun (coref: which noun it refers to). Its {@link Transformer} keeps the
 * activations of its last pass, so every use holds this object's lock.
 */
final class ClassifierModel {
    /** Examples of the task's validation set that head importance is measured on. */
    static final int IMPORTANCE_EXAMPLES = 200;
    private static final int IMPORTANCE_BATCH = 50;

    private final TrainedModel trained;
    private final String name;
    private final List<String> labels;

    private ClassifierModel(TrainedModel trained, String name, List<String> labels) {
        this.trained = trained;
        this.name = name;
        this.labels = labels;
    }

    static ClassifierModel load(Path folder) {
        TrainedModel trained = TrainedModel.load(folder);
        List<String> labels = trained.task().equals("agreement") ? AgreementLexicon.LABELS : Lexicon.nouns();
        return new ClassifierModel(trained, trained.task() + " model trained here", labels);
    }

    /** One text as the classifier reads it: words, their ids and the read position. */
    record Sentence(String text, List<String> words, int[] ids, int read) {}

    /** The class the model predicts at the read position and its softmax probability. */
    record Prediction(String label, double probability) {}

    /** A pass over one sentence: its trace (attention of every layer, last hidden state) and prediction. */
    record Pass(AttentionTrace trace, Prediction prediction, float[] readState) {}

    String name() {
        return name;
    }

    String task() {
        return trained.task();
    }

    Transformer transformer() {
        return trained.transformer();
    }

    String example() {
        return trained.task().equals("agreement") ? "the keys to the cabinet [VERB] here ."
                : "the king that saw the cats chased the girl quietly because he seemed lost .";
    }

    Sentence parse(String text) {
        List<String> words = Arrays.asList(text.strip().split("\\s+"));
        int max = transformer().config().maxPositions();
        if (text.isBlank()) throw new InputException("the text is empty; e.g. " + example());
        if (words.size() > max) throw new InputException("the text has " + words.size() + " words; " + name + " reads at most " + max);
        int[] ids = new int[words.size()];
        int read = -1;
        for (int t = 0; t < ids.length; t++) {
            String w = words.get(t);
            try {
                ids[t] = trained.task().equals("agreement") ? AgreementLexicon.id(w) : Lexicon.id(w);
            } catch (IllegalArgumentException e) {
                throw new InputException("'" + w + "' is not a word of the " + trained.task() + " task; write a sentence of its "
                        + "words, e.g. " + example());
            }
            boolean readHere = trained.task().equals("agreement") ? w.equals(AgreementLexicon.VERB)
                    : Arrays.stream(NounKind.values()).anyMatch(k -> k.pronoun().equals(w));
            if (readHere) read = t;
        }
        if (read < 0) {
            throw new InputException("the " + trained.task() + " model reads " + (trained.task().equals("agreement")
                    ? "the [VERB] slot" : "a pronoun (he, she, it, they)") + ", and the text has none; e.g. " + example());
        }
        return new Sentence(text, words, ids, read);
    }

    /** Runs one sentence with {@code mask} (null: every head) on the model. */
    synchronized Pass run(Sentence s, float[][] mask) {
        Transformer model = transformer();
        int n = s.ids().length, hidden = model.config().hidden();
        model.setHeadMask(mask);
        try {
            float[] logits = model.forward(new Batch(s.ids(), 1, n, new int[] {n}, new int[] {s.read()}, new int[1]));
            float[][] attention = new float[model.config().layers()][];
            for (int l = 0; l < attention.length; l++) attention[l] = model.attentionWeights(l, 0).clone(); // [heads, n, n]
            float[] last = model.lastHiddenState().clone(); // [n, hidden]
            int[] start = new int[n], end = new int[n], wordIds = new int[n];
            for (int t = 0, at = 0; t < n; t++) {
                start[t] = s.text().indexOf(s.words().get(t), at);
                end[t] = at = start[t] + s.words().get(t).length();
                wordIds[t] = t;
            }
            TokenizedText text = new TokenizedText(List.of(s.text()), s.ids(), new int[n], s.words(), start, end, wordIds, n);
            AttentionTrace trace = new AttentionTrace(name, text, s.words(), s.words(), model.config().causal(),
                    attention.length, model.config().heads(), hidden, attention, null, null, last);
            return new Pass(trace, prediction(logits), Arrays.copyOfRange(last, s.read() * hidden, (s.read() + 1) * hidden));
        } finally {
            model.setHeadMask(null);
        }
    }

    /** The predicted class's logit explained per word (analysis' {@link ClassifierLogit}; [PAD] as the blank). */
    synchronized ClassifierLogit.Explained explain(Sentence s) {
        int blank = trained.task().equals("agreement") ? AgreementLexicon.id(AgreementLexicon.PAD) : Lexicon.id(Lexicon.PAD);
        return new ClassifierLogit(transformer(), blank).explain(s.words(), s.ids(), s.read());
    }

    /** How many validation sentences importance uses: {@link #IMPORTANCE_EXAMPLES}, or fewer when the task has fewer. */
    int importanceExamples() {
        return Math.min(IMPORTANCE_EXAMPLES, TaskSentences.of(trained.task(), trained.quick(), IMPORTANCE_BATCH).validationSize());
    }

    /** Head importance under the task's loss on the first {@link #importanceExamples()} validation sentences. */
    synchronized HeadImportance importance(IntConsumer progress) {
        List<Batch> batches = TaskSentences.of(trained.task(), trained.quick(), IMPORTANCE_BATCH).validation();
        return TaskImportance.compute(transformer(), batches.subList(0, importanceExamples() / IMPORTANCE_BATCH), trained.task(),
                progress);
    }

    String label(int c) {
        return labels.get(c);
    }

    private Prediction prediction(float[] logits) { // [classes]
        int c = 0;
        for (int k = 1; k < logits.length; k++) if (logits[k] > logits[c]) c = k;
        double sum = 0;
        for (float v : logits) sum += Math.exp(v - logits[c]);
        return new Prediction(labels.get(c), 1 / sum);
    }
}

package dev.attend.analysis.importance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.train.agreement.AgreementLexicon;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.coref.NounKind;
import dev.attend.train.induction.InductionGenerator;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A transformer trained by `attend train` (task coref, agreement or induction), loaded from a checkpoint or a run folder
 * (its newest checkpoint); {@code quick} says it came from a --quick run. A text for it is its task's words separated
 * by spaces ({@link #parse}), and {@link #run} traces one through the model the way {@code AttentionModel.trace} does a
 * BERT model. The {@link Transformer} keeps the activations of its last pass: whoever shares one model between threads
 * holds a lock around its use.
 *
 * @param vocabulary the checkpoint's words (vocab.txt), id = index
 * @param labels     the names of the classes it predicts (config.json's id2label; induction: the vocabulary)
 * @param example    a text of the task's words the model reads
 */
public record TrainedModel(Transformer transformer, String task, Path checkpoint, boolean quick, List<String> vocabulary,
                           List<String> labels, String example) {

    /** The tasks whose models can be analysed: classifiers reading one position per sentence. */
    public static final List<String> TASKS = List.of("coref", "agreement");
    /** The tasks whose models can be traced: those of {@link #TASKS} and the induction task's causal language model. */
    public static final List<String> TRACED = List.of("coref", "agreement", "induction");
    private static final String TRANSFORMER = "attend-transformer";

    /** A text as the model reads it: its words, their ids and the position whose logits are read. */
    public record Sentence(String text, List<String> words, int[] ids, int read) {}

    /** One pass: the trace (attention of every layer, last hidden state) and the logits at the read position. */
    public record Pass(AttentionTrace trace, float[] logits) {}

    /**
     * Whether {@code path} is a folder written by `attend train`: a checkpoint whose config.json has a model_type
     * starting "attend-", or a run folder holding one. {@link #load} takes the transformers among them.
     */
    public static boolean recognises(Path path) {
        return modelType(path).startsWith("attend-");
    }

    /** Loads a checkpoint or run folder of a transformer trained on any task; a sequence-to-sequence model is refused. */
    public static TrainedModel load(Path path) {
        String type = modelType(path);
        if (!type.equals(TRANSFORMER) && type.startsWith("attend-")) {
            throw new InputException(path + " is a sequence-to-sequence model trained here (" + type + "); attend traces "
                    + "the transformers of `attend train --task coref|agreement|induction`, and draws a sequence model's "
                    + "alignment only in `attend experiment rnn-vs-attention`");
        }
        Checkpoint.Saved saved = Checkpoint.read(path);
        String task = saved.state().task();
        if (!TRACED.contains(task)) {
            throw new InputException(saved.folder() + " was trained on task " + task + "; attend traces the tasks " + TRACED);
        }
        Transformer transformer = Checkpoint.loadModel(saved);
        List<String> vocabulary = Checkpoint.vocabulary(saved);
        String example = switch (task) {
            case "agreement" -> "the keys to the cabinet [VERB] here .";
            case "coref" -> "the king that saw the cats chased the girl quietly because he seemed lost .";
            default -> inductionExample(vocabulary, saved.config().maxPositions());
        };
        return new TrainedModel(transformer, task, saved.folder(), saved.state().quick(), vocabulary,
                Checkpoint.labels(saved), example);
    }

    /** {@link #load}, refusing a model of a task other than {@link #TASKS}. */
    public static TrainedModel loadClassifier(Path path) {
        TrainedModel model = load(path);
        if (!TASKS.contains(model.task())) {
            throw new InputException(model.checkpoint() + " was trained on task " + model.task()
                    + "; head importance and pruning of trained models support the tasks " + TASKS);
        }
        return model;
    }

    /** How the model is named in traces and lists, e.g. "agreement model trained here". */
    public String name() {
        return task + " model trained here";
    }

    /**
     * The text as the model reads it: words of its task separated by spaces, at most its maximum length, holding the
     * position it reads: agreement the [VERB] slot, coref the last pronoun, induction the last token (whose next
     * token it predicts).
     */
    public Sentence parse(String text) {
        if (text.isBlank()) throw new InputException("the text is empty; " + hint());
        List<String> words = Arrays.asList(text.strip().split("\\s+"));
        int max = transformer.config().maxPositions();
        if (words.size() > max) {
            throw new InputException("the text has " + words.size() + " words; the " + name() + " reads at most " + max);
        }
        int[] ids = new int[words.size()];
        int read = task.equals("induction") ? ids.length - 1 : -1;
        for (int t = 0; t < ids.length; t++) {
            String w = words.get(t);
            ids[t] = vocabulary.indexOf(w);
            if (ids[t] < 0) throw new InputException("'" + w + "' is not a word of the " + task + " task; " + hint());
            boolean readHere = switch (task) {
                case "agreement" -> w.equals(AgreementLexicon.VERB);
                case "coref" -> Arrays.stream(NounKind.values()).anyMatch(k -> k.pronoun().equals(w));
                default -> false;
            };
            if (readHere) read = t;
        }
        if (read < 0) {
            throw new InputException("the " + name() + " reads " + (task.equals("agreement") ? "the [VERB] slot"
                    : "a pronoun (he, she, it, they)") + ", and the text has none; e.g. " + example);
        }
        return new Sentence(text, words, ids, read);
    }

    /** Runs one sentence with {@code mask} ([layers][heads], 0 switches a head off; null: every head) through the model. */
    public Pass run(Sentence s, float[][] mask) {
        int n = s.ids().length, hidden = transformer.config().hidden();
        transformer.setHeadMask(mask);
        try {
            float[] logits = transformer.forward(new Batch(s.ids(), 1, n, new int[] {n}, new int[] {s.read()}, new int[1]));
            float[][] attention = new float[transformer.config().layers()][];
            for (int l = 0; l < attention.length; l++) attention[l] = transformer.attentionWeights(l, 0).clone(); // [heads, n, n]
            float[] last = transformer.lastHiddenState().clone(); // [n, hidden]
            int[] start = new int[n], end = new int[n], wordIds = new int[n];
            for (int t = 0, at = 0; t < n; t++) {
                start[t] = s.text().indexOf(s.words().get(t), at);
                end[t] = at = start[t] + s.words().get(t).length();
                wordIds[t] = t;
            }
            TokenizedText text = new TokenizedText(List.of(s.text()), s.ids(), new int[n], s.words(), start, end, wordIds, n);
            AttentionTrace trace = new AttentionTrace(name(), text, s.words(), s.words(), transformer.config().causal(),
                    attention.length, transformer.config().heads(), hidden, attention, null, null, last);
            return new Pass(trace, logits);
        } finally {
            transformer.setHeadMask(null);
        }
    }

    /**
     * A sequence the way the induction task draws them, for a model of {@code vocabulary} and {@code positions}: a
     * segment of a quarter of it repeated (the recipe's own segment is not in the checkpoint; any length works).
     */
    private static String inductionExample(List<String> vocabulary, int positions) {
        InductionGenerator generator = new InductionGenerator(vocabulary.size(), positions, Math.max(2, positions / 4));
        int[] ids = generator.next(new SplittableRandom(1)).tokens();
        return String.join(" ", Arrays.stream(ids).mapToObj(vocabulary::get).toList());
    }

    private String hint() {
        return task.equals("induction") ? "write tokens " + vocabulary.getFirst() + " … " + vocabulary.getLast() + " separated by spaces, e.g. "
                + String.join(" ", Arrays.stream(example.split(" ")).limit(8).toList()) + " …"
                : "write a sentence of its words, e.g. " + example;
    }

    /**
     * config.json's model_type of a checkpoint, or of a run folder's newest checkpoint; "" when there is none or it
     * cannot be read (then it is no folder of attend train, or a broken one whose loader says why).
     */
    private static String modelType(Path path) {
        if (!Files.isDirectory(path)) return "";
        Path config = path.resolve("config.json");
        if (!Files.isRegularFile(config)) return Checkpoint.latest(path).map(TrainedModel::modelType).orElse("");
        try {
            JsonNode node = new ObjectMapper().readTree(config.toFile());
            return node.path("model_type").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}

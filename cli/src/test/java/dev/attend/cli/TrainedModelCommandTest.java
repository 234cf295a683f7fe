package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attend.train.agreement.AgreementLexicon;
import dev.attend.train.checkpoint.Checkpoint;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.web.export.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * --model with a folder written by `attend train --quick` (a few steps each): attention prints the trained
 * transformer's own weights (checked against the checkpoint run through train's Transformer here), render writes its
 * view, and the commands a trained model makes no sense for, and sequence-to-sequence runs, are refused in one line.
 */
class TrainedModelCommandTest {
    private static final String SENTENCE = "the keys to the cabinet [VERB] here .";
    private static final String TOKENS = "t1 t2 t3 t4 t5 t1 t2 t3";

    @TempDir
    static Path dir;
    private static Path agreement, induction, reverse;

    @BeforeAll
    static void train() {
        agreement = dir.resolve("agreement");
        induction = dir.resolve("induction");
        reverse = dir.resolve("reverse");
        for (String[] args : List.of(
                new String[] {"--task", "agreement", "--layers", "2", "--steps", "5", "--out", agreement.toString()},
                new String[] {"--task", "induction", "--steps", "5", "--out", induction.toString()},
                new String[] {"--task", "reverse", "--arch", "gru-attn", "--steps", "2", "--out", reverse.toString()})) {
            String[] command = new String[args.length + 3];
            command[0] = "train";
            command[1] = "--quick";
            command[2] = "--seed=3";
            System.arraycopy(args, 0, command, 3, args.length);
            CliRun run = CliRun.of(command);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    /** The checkpoint's Transformer run here on ids, reading position {@code read}: [layer] → [heads, n, n]. */
    private static float[][] direct(Path folder, int[] ids, int read) {
        Transformer model = Checkpoint.loadModel(Checkpoint.read(folder));
        int n = ids.length;
        model.forward(new Batch(ids, 1, n, new int[] {n}, new int[] {read}, new int[1]));
        float[][] weights = new float[model.config().layers()][];
        for (int l = 0; l < weights.length; l++) weights[l] = model.attentionWeights(l, 0).clone();
        return weights;
    }

    private static void assertSameAttention(JsonNode json, float[][] expected, int heads, int n) {
        assertThat(json.get("layers").asInt()).isEqualTo(expected.length);
        assertThat(json.get("heads").asInt()).isEqualTo(heads);
        for (int l = 0; l < expected.length; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        double value = json.at("/attention/" + l + "/" + h + "/" + i + "/" + j).asDouble();
                        assertThat(value).as("layer %d head %d row %d key %d", l, h, i, j)
                                .isCloseTo(expected[l][(h * n + i) * n + j], within(1e-7));
                        sum += value;
                    }
                    assertThat(sum).isCloseTo(1, within(1e-5));
                }
            }
        }
    }

    @Test
    void attentionOfAnAgreementRunIsItsTransformersOwn() throws Exception {
        CliRun run = CliRun.of("attention", "--format", "json", "--model", agreement.toString(), SENTENCE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> words = Arrays.asList(SENTENCE.split(" "));
        assertThat(json.get("name").asText()).isEqualTo("agreement model trained here");
        assertThat(json.get("tokens")).extracting(JsonNode::asText).containsExactlyElementsOf(words);
        int[] ids = words.stream().mapToInt(AgreementLexicon::id).toArray();
        float[][] expected = direct(agreement, ids, words.indexOf(AgreementLexicon.VERB));
        assertSameAttention(json, expected, 2, ids.length);

        CliRun text = CliRun.of("attention", "--format", "text", "--layer", "1", "--head", "0", "--model",
                agreement.toString(), SENTENCE);
        assertThat(text.exitCode()).as(text.err()).isZero();
        int n = ids.length, verb = words.indexOf(AgreementLexicon.VERB), strongest = 0;
        for (int j = 1; j < n; j++) {
            if (expected[1][verb * n + j] > expected[1][verb * n + strongest]) strongest = j;
        }
        assertThat(text.out()).contains("agreement model trained here · layer 1 · head 0 (0-based; 2 layers × 2 heads)")
                .containsPattern("\\[VERB\\]\\s+→ " + java.util.regex.Pattern.quote(words.get(strongest)) + "\\s+"
                        + String.format(Locale.ROOT, "%.2f", expected[1][verb * n + strongest]));
    }

    @Test
    void attentionOfAnInductionCheckpointIsCausalAndItsOwn() throws Exception {
        Path checkpoint = Checkpoint.latest(induction).orElseThrow();
        CliRun run = CliRun.of("attention", "--format", "json", "--model", checkpoint.toString(), TOKENS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("name").asText()).isEqualTo("induction model trained here");
        int[] ids = Arrays.stream(TOKENS.split(" ")).mapToInt(t -> Integer.parseInt(t.substring(1))).toArray();
        float[][] expected = direct(checkpoint, ids, ids.length - 1);
        assertSameAttention(json, expected, 2, ids.length);
        assertThat(json.at("/attention/1/0/2/3").asDouble()).isZero(); // causal: nothing after the query
    }

    @Test
    void renderWritesATrainedModelsView() throws Exception {
        Path html = dir.resolve("view.html");
        CliRun run = CliRun.of("render", "--model", induction.toString(), "--out", html.toString(), "--layer", "0",
                "--head", "1", "--token", "5", TOKENS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().strip()).isEqualTo("attend: wrote " + html + " (induction model trained here, layer 0, head 1, token 5)");
        assertThat(Files.readString(html)).contains("\"modelName\":\"induction model trained here\"")
                .contains("checkpoint " + Checkpoint.latest(induction).orElseThrow().toAbsolutePath())
                .contains("\"layer\":0,\"head\":1");
    }

    @Test
    void drawsATrainedModelsSvgInChromium() throws Exception {
        if (HeadlessChromium.locate().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("CI needs Chromium");
            Assumptions.abort("attend render --out *.svg needs Chromium (apt-get install chromium)");
        }
        Path svg = dir.resolve("view.svg");
        CliRun run = CliRun.of("render", "--model", agreement.toString(), "--out", svg.toString(), "--head", "all",
                "--token", "5", SENTENCE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().strip()).isEqualTo("attend: wrote " + svg + " (agreement model trained here, layer 1, head all, token 5)");
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("[VERB]").contains("data-head=\"1\"")
                .contains("agreement model trained here");
        CliRun.of("render", "--model", agreement.toString(), "--out", dir.resolve("pair.svg").toString(), "--pair", SENTENCE,
                SENTENCE).assertRejected("reads one text");
    }

    @Test
    void badTextForATrainedModelIsRejected() {
        String model = agreement.toString();
        CliRun.of("attention", "--model", model, "the keys to the cabinet here .").assertRejected("the [VERB] slot");
        CliRun.of("attention", "--model", model, "the xyzzy [VERB] here .").assertRejected("'xyzzy' is not a word of the agreement task");
        CliRun.of("attention", "--model", model, "--pair", "the key [VERB] here .", SENTENCE).assertRejected("drop --pair");
        CliRun.of("attention", "--model", induction.toString(), "t1 t99").assertRejected("'t99' is not a word of the induction task; write tokens t0 … t15");
    }

    @Test
    void aCheckpointWhoseVocabularyDoesNotFitIsRejected() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken").resolve("checkpoint-000005"));
        try (var files = Files.list(Checkpoint.latest(induction).orElseThrow())) {
            for (Path f : files.toList()) Files.copy(f, broken.resolve(f.getFileName()));
        }
        Files.write(broken.resolve("vocab.txt"), List.of("t0", "t1"));
        CliRun.of("attention", "--model", broken.getParent().toString(), TOKENS)
                .assertRejected("vocab.txt has 2 words but config.json says vocab_size 16");
    }

    @Test
    void commandsATrainedModelCannotServeSaySo() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "The cat sat on the mat.\n");
        CliRun.of("embed", "--model", agreement.toString(), "the key [VERB] here .")
                .assertRejected("is a model trained here (attend train); embed pools sentence embeddings of English text");
        CliRun.of("heads", "--model", induction.toString(), "--input", corpus.toString())
                .assertRejected("heads measures every head over an English corpus");
        CliRun.of("experiment", "sqrt-d", "--quick", "--model", agreement.toString(), "--out", dir.resolve("sqrt-d").toString())
                .assertRejected("sqrt-d measures the queries and keys of a pretrained model");
        assertThat(dir.resolve("sqrt-d")).doesNotExist();
        CliRun.of("attention", "--model", reverse.toString(), "a b c").assertRejected(
                "is a sequence-to-sequence model trained here (attend-gru-additive-attention-seq2seq)");
        CliRun.of("render", "--model", reverse.toString(), "--out", dir.resolve("r.html").toString(), "a b c")
                .assertRejected("attend experiment rnn-vs-attention");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }
}

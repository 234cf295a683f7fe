package dev.attend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attend.train.TrainOptions;
import dev.attend.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Train a small transformer from scratch on a toy task; watch its attention form.", "",
                "  coref  pronoun resolution: which noun does the pronoun refer to? e.g.",
                "         \"the king that saw the cats chased the girl because he seemed lost\"",
                "         (the antecedent is the one noun that agrees with the pronoun)",
                "  agreement  subject-verb agreement with attractors: \"is\" or \"are\"? e.g.",
                "         \"the key to the old cabinets [VERB] here .\" -> is",
                "         (a 6-layer encoder; accuracy by number of attractors)",
                "  induction  next-token prediction on random tokens with a repeated",
                "         segment: an attention-only causal model (2 layers) learns to copy",
                "         from the earlier occurrence (induction heads)",
                "  reverse, copy  sequence to sequence over 20 symbols, lengths 5..40:",
                "         \"c a t\" -> \"t a c\"; --arch gru or lstm (encoder-decoder, the",
                "         decoder starts from the encoder's last state), gru-attn or",
                "         lstm-attn (+ additive attention) or transformer",
                "         (encoder-decoder); exact-match",
                "         accuracy of greedy decoding by source length", "",
                "Writes into --out:",
                "  metrics.json            task, arch, layers, steps, seconds, loss, accuracy,",
                "                          heuristics, best head (agreement: accuracy by",
                "                          number of attractors)",
                "                          (reverse, copy: accuracy_by_length; induction:",
                "                          repeated_segment_accuracy, previous_token_score,",
                "                          prefix_matching_score)",
                "  probes.json, probes.bin the attention of fixed probe sentences every few",
                "                          steps (float16), with loss and accuracy",
                "                          (coref, agreement, induction)",
                "  checkpoint-NNNNNN/      config.json, model.safetensors, optimizer state",
                "Ctrl-C stops after the current step and leaves a valid checkpoint;",
                "--resume continues from it.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend train --task coref --out runs/coref",
                "  attend train --task coref --quick --out /tmp/smoke   (seconds, smaller model)",
                "  attend train --task agreement --out runs/agreement",
                "  attend train --task induction --layers 1 --out runs/induction-1",
                "  attend train --task reverse --arch gru-attn --out runs/reverse-attn",
                "  attend train --task coref --layers 1 --seed 7 --out runs/coref-1",
                "  attend train --task coref --resume runs/coref --steps 800 --out runs/coref"})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", paramLabel = "TASK", required = true, description = "The task: coref, agreement, induction, reverse or copy.")
    String task;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "transformer",
            description = "The model: transformer (post-LN, BERT layout; an encoder-decoder for reverse and copy),"
                    + " gru, gru-attn, lstm or lstm-attn (reverse and copy only). Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--layers", paramLabel = "N", description = "Transformer layers. Default: the task's (coref 2, agreement 6, induction 2, reverse/copy 2 per stack; a resumed run: the checkpoint's). GRUs and LSTMs have 1.")
    Integer layers;

    @Option(names = "--steps", paramLabel = "N",
            description = "Optimisation steps in all. Default: the task's (coref 500, agreement 600, induction 10000, reverse/copy 5000; --quick: 100, 60, 40, 20; a resumed run: the checkpoint's plan).")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights and the data stream. Default: 1.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for metrics, probes and checkpoints: new or empty (or the folder of the run --resume continues).")
    Path out;

    @Option(names = "--quick", description = "A seconds-long run of the whole pipeline with a smaller model and smaller held-out sets.")
    boolean quick;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue from a checkpoint folder, or a run folder's newest checkpoint.")
    Path resume;

    @Override
    public Integer call() {
        TrainingRun training = TrainingRun.of(new TrainOptions(task, arch, layers, steps, seed, out, quick, resume));
        CountDownLatch reported = new CountDownLatch(1);
        Thread stopOnCtrlC = new Thread(() -> {
            training.requestStop();
            try {
                reported.await(1, TimeUnit.MINUTES); // the run writes its checkpoint and metrics, then the summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "attend-train-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            JsonNode metrics;
            try (TrainingBars.Bar bar = new TrainingBars.Bar("train")) {
                metrics = training.run(bar);
            }
            printSummary(metrics);
            return 0;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and has been waiting for this summary
            }
        }
    }

    private void printSummary(JsonNode m) {
        String resumed = m.has("resumed_from_step") ? " (resumed at " + m.get("resumed_from_step").asInt() + ")" : "";
        System.out.printf(Locale.ROOT, "%s: %s accuracy %.1f%% (loss %.4f) after %d steps%s; trained %.1f s (%.1f steps/s, %.0f tokens/s)%n",
                m.get("task").asText(), m.get("measured_on").asText().startsWith("test") ? "test" : "training",
                100 * m.get("accuracy").asDouble(), m.get("loss").asDouble(), m.get("steps").asInt(), resumed,
                m.get("seconds").asDouble(), m.get("steps_per_second").asDouble(), m.get("tokens_per_second").asDouble());
        if (m.has("best_head_antecedent_accuracy")) {
            JsonNode h = m.get("heuristics");
            System.out.printf(Locale.ROOT, "heuristics: nearest noun %.1f%%, first noun %.1f%%, subject %.1f%%%n",
                    100 * h.get("nearest_noun").asDouble(), 100 * h.get("first_noun").asDouble(), 100 * h.get("subject").asDouble());
            JsonNode b = m.get("best_head");
            System.out.printf(Locale.ROOT, "best head: layer %d, head %d puts its strongest weight from the pronoun on the"
                            + " antecedent in %.1f%% of test sentences (chosen on validation)%n",
                    b.get("layer").asInt(), b.get("head").asInt(), 100 * b.get("test_antecedent_accuracy").asDouble());
        }
        if (m.has("accuracy_by_attractors")) {
            StringBuilder line = new StringBuilder("accuracy by attractors:");
            m.get("accuracy_by_attractors").properties().forEach(e ->
                    line.append(String.format(Locale.ROOT, " %s: %.1f%%", e.getKey(), 100 * e.getValue().asDouble())));
            JsonNode h = m.get("heuristics");
            System.out.println(line);
            System.out.printf(Locale.ROOT, "heuristics: nearest noun %.1f%%, first noun %.1f%%, majority of nouns %.1f%%%n",
                    100 * h.get("nearest_noun").asDouble(), 100 * h.get("first_noun").asDouble(),
                    100 * h.get("majority_of_nouns").asDouble());
        }
        if (m.has("repeated_segment_accuracy")) {
            System.out.printf(Locale.ROOT, "repeated segment: accuracy %.1f%% (loss %.3f; chance %.3f); best previous-token"
                            + " score (layer 0) %.2f, best prefix-matching score (layer %d) %.2f%n",
                    100 * m.get("repeated_segment_accuracy").asDouble(), m.get("repeated_segment_loss").asDouble(),
                    m.get("chance_loss").asDouble(), m.get("previous_token_score").asDouble(),
                    m.get("prefix_matching_layer").asInt(), m.get("prefix_matching_score").asDouble());
        }
        if (m.has("accuracy_by_length")) {
            StringBuilder line = new StringBuilder("exact match by source length:");
            m.get("accuracy_by_length").properties().forEach(e ->
                    line.append(String.format(Locale.ROOT, " %s: %.0f%%", e.getKey(), 100 * e.getValue().asDouble())));
            System.out.println(line);
        }
        if (m.get("interrupted").asBoolean()) {
            System.out.println("stopped at step " + m.get("steps").asInt() + " of " + m.get("planned_steps").asInt()
                    + "; continue with --resume " + out);
        }
        System.out.println(written(out, m));
    }

    /** The files the run left in {@code out}: probe snapshots only where a task records them (not reverse/copy). */
    static String written(Path out, JsonNode metrics) {
        String probes = Files.exists(out.resolve("probes.json")) ? out.resolve("probes.json") + " + probes.bin, " : "";
        return "wrote " + out.resolve("metrics.json") + ", " + probes + out.resolve(metrics.get("checkpoint").asText());
    }
}

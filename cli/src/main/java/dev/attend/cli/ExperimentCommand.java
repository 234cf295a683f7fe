package dev.attend.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.model.InputException;
import dev.attend.train.experiment.AgreementExperiment;
import dev.attend.train.experiment.CorefExperiment;
import dev.attend.train.experiment.ExperimentProgress;
import dev.attend.train.experiment.InductionExperiment;
import dev.attend.train.experiment.RnnVsAttentionExperiment;
import dev.attend.train.experiment.SqrtDExperiment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run a study end to end: train the models it compares, write numbers and plots.", "",
                "Each experiment writes into --out (a new or empty folder): results.json (the",
                "numbers behind the plots), CSV tables, PNG + SVG plots, summary.md, and runs/",
                "with every training run's metrics, probe snapshots and checkpoint. --quick is",
                "a seconds-long smoke run with tiny settings (its numbers mean nothing).", ""},
        subcommands = {ExperimentCommand.Coref.class, ExperimentCommand.Agreement.class, ExperimentCommand.Induction.class,
                ExperimentCommand.SqrtD.class, ExperimentCommand.RnnVsAttention.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend experiment coref --out runs/exp-coref          (~1 min, idle cores)",
                "  attend experiment agreement --out runs/exp-agreement  (~2 min)",
                "  attend experiment induction --out runs/exp-induction  (~5-7 min)",
                "  attend experiment sqrt-d --out runs/exp-sqrt-d        (~5-12 min)",
                "  attend experiment rnn-vs-attention --out runs/exp-rnn (~10-20 min)",
                "  attend experiment induction --quick --out /tmp/smoke"})
public final class ExperimentCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** --out and --quick, shared by every experiment. */
    static final class Output {
        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "Folder for results.json, CSV, plots, summary.md and runs/: new or empty.")
        Path out;

        @Option(names = "--quick", description = "A seconds-long smoke run with tiny settings.")
        boolean quick;
    }

    /** One study: runs it with progress bars, prints its summary and says where the results are. */
    abstract static class Study implements Callable<Integer> {
        @CommandLine.Mixin Output output;

        abstract ObjectNode run(Path out, boolean quick, ExperimentProgress progress);

        @Override
        public Integer call() throws IOException {
            try (TrainingBars bars = new TrainingBars()) {
                run(output.out, output.quick, bars);
            }
            System.out.print(Files.readString(output.out.resolve("summary.md")));
            System.out.println("wrote " + output.out + " (results.json, CSV, plots, summary.md, runs/)");
            return 0;
        }
    }

    @Command(name = "coref", mixinStandardHelpOptions = true,
            description = {"Pronoun resolution, seeds 1-4.", "",
                    "Test accuracy, the best head's antecedent accuracy, and whether each",
                    "heuristic (nearest noun, first noun, subject) stays <= 60 %%.",
                    "Plots: loss, accuracy, heads (per-head antecedent accuracy)."})
    static final class Coref extends Study {
        @Override ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
            return CorefExperiment.run(out, quick, progress);
        }
    }

    @Command(name = "agreement", mixinStandardHelpOptions = true,
            description = {"Subject-verb agreement (6 layers), seeds 1 and 2.", "",
                    "Test accuracy by number of attractors beside the heuristics, accuracy by",
                    "attractors during training, the [VERB] -> subject heads. Plots: loss,",
                    "accuracy, attractors, attractors-during-training, heads."})
    static final class Agreement extends Study {
        @Override ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
            return AgreementExperiment.run(out, quick, progress);
        }
    }

    @Command(name = "induction", mixinStandardHelpOptions = true,
            description = {"Induction heads: attention-only, 1 vs 2 layers.", "",
                    "Random tokens with a repeated segment. Tracks the accuracy on the repeated",
                    "segment, the loss and the heads' previous-token and prefix-matching scores",
                    "through training. Plots: repeated-accuracy, loss, head-scores,",
                    "previous-token, prefix-matching."})
    static final class Induction extends Study {
        @Override ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
            return InductionExperiment.run(out, quick, progress);
        }
    }

    @Command(name = "sqrt-d", mixinStandardHelpOptions = true,
            description = {"Why attention divides by sqrt(d).", "",
                    "(1) On a real model's queries and keys over 24 shipped sentences: per layer",
                    "the variance of q.k with and without 1/sqrt(d) and how saturated the",
                    "softmax gets. (2) coref trained with one head of size d_k = 16, 64, 256,",
                    "with and without the scale. Plots: variance, saturation, entropy, loss,",
                    "final-accuracy."})
    static final class SqrtD extends Study {
        @CommandLine.Mixin ModelOption model;

        @Override ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
            if (model.trainedHere()) {
                throw new InputException(model.name + " is a model trained here (attend train); sqrt-d measures the "
                        + "queries and keys of a pretrained model on English sentences: use minilm, bge-small or a Hugging "
                        + "Face BERT folder");
            }
            return SqrtDExperiment.run(out, quick, model.name, progress);
        }
    }

    @Command(name = "rnn-vs-attention", mixinStandardHelpOptions = true,
            description = {"The RNN bottleneck: GRU and LSTM with and without attention, transformer.", "",
                    "Reverses sources of 5-40 symbols with GRU and LSTM encoder-decoders (the",
                    "decoder sees the source only through the encoder's last state), the same",
                    "with additive attention, and a transformer encoder-decoder; same hidden",
                    "size, steps, data. Exact match of greedy decoding by source length; the",
                    "attention models' alignment matrices (an anti-diagonal when they reverse).",
                    "Plots: accuracy-by-length, loss, alignment (gru-attn),",
                    "alignment-lstm-attn."})
    static final class RnnVsAttention extends Study {
        @Override ObjectNode run(Path out, boolean quick, ExperimentProgress progress) {
            return RnnVsAttentionExperiment.run(out, quick, progress);
        }
    }
}

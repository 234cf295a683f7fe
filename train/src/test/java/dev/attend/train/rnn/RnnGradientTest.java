package dev.attend.train.rnn;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.layers.SoftmaxCrossEntropyReference;
import dev.attend.train.seq2seq.Seq2SeqBatch;
import dev.attend.train.seq2seq.Seq2SeqConfig;
import dev.attend.train.seq2seq.SequenceData;
import dev.attend.train.seq2seq.SequenceTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static dev.attend.train.layers.GradientCheck.dot;
import static dev.attend.train.layers.GradientCheck.fastParameters;
import static dev.attend.train.layers.GradientCheck.normal;
import static dev.attend.train.layers.GradientCheck.numeric;
import static dev.attend.train.layers.GradientCheck.randomise;
import static dev.attend.train.layers.GradientCheck.relativeError;
import static dev.attend.train.layers.GradientCheck.require;
import static dev.attend.train.layers.GradientCheck.twinParameters;
import static dev.attend.train.layers.GradientCheck.widen;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recurrent engine: token embedding, GRU and LSTM (backpropagation through time, from a given initial state),
 * additive attention over padded memory, and whole GRU and LSTM encoder-decoders with and without attention on a padded batch with
 * cross-entropy. Twin vs central differences < 1e-6; float32 vs twin < 1e-3.
 */
class RnnGradientTest {

    private static double max(double... values) {
        double m = 0;
        for (double v : values) m = Math.max(m, v);
        return m;
    }

    @Test
    void tokenEmbedding() {
        SplittableRandom random = new SplittableRandom(1);
        int[] ids = {3, 0, 3, 5, 1, 3}; // repeated ids add up
        TokenEmbedding fast = new TokenEmbedding("embedding.weight", 6, 4, random, 1);
        float[] r = normal(random, ids.length * 4, 1);
        TokenEmbeddingReference twin = new TokenEmbeddingReference(fast);
        double[] rd = widen(r);
        double[] y = twin.forward(ids);
        twin.backward(rd);
        double twinError = twinParameters(twin.parameters(), () -> dot(rd, twin.forward(ids)));
        float[] yFast = fast.forward(ids);
        fast.backward(r);
        require("token embedding", twinError, Math.max(relativeError(yFast, y), fastParameters(fast.parameters(), twin.parameters())));
    }

    private static Recurrent recurrent(String cell, int in, int hidden, SplittableRandom random, double std) {
        return cell.equals("lstm") ? new Lstm("lstm", in, hidden, random, std) : new Gru("gru", in, hidden, random, std);
    }

    /**
     * Large weights (std 0.8) drive some gates into saturation; the initial state is a given one, and its gradient is
     * checked; the loss reads every step's output and every step's full state (an LSTM's cell too).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "lstm"})
    void recurrentThroughTime(String cell) {
        SplittableRandom random = new SplittableRandom(2);
        int steps = 5, batch = 3, in = 4, hidden = 6;
        Recurrent fast = recurrent(cell, in, hidden, random, 0.8);
        randomise(fast.parameters(), random, 0.8);
        int w = fast.stateWidth();
        float[] x = normal(random, steps * batch * in, 1.5), initial = normal(random, batch * w, 0.7);
        float[] r = normal(random, steps * batch * hidden, 1), rs = normal(random, steps * batch * w, 1);

        RecurrentReference twin = RecurrentReference.of(fast);
        double[] xd = widen(x), initialD = widen(initial), rd = widen(r), rsd = widen(rs);
        DoubleSupplier loss = () -> {
            double[] y = twin.forward(xd, steps, batch, initialD);
            return dot(rd, y) + dot(rsd, twin.states());
        };
        double[] y = twin.forward(xd, steps, batch, initialD);
        double[] states = twin.states();
        RecurrentReference.Gradients g = twin.backward(rd, rsd);
        double twinError = max(twinParameters(twin.parameters(), loss), relativeError(g.input(), numeric(xd, loss)),
                relativeError(g.initialState(), numeric(initialD, loss)));

        float[] yFast = fast.forward(x, steps, batch, initial);
        Recurrent.Gradients gFast = fast.backward(r, rs);
        require(cell + ", 5 steps from a given state", twinError, max(relativeError(yFast, y), relativeError(fast.states(), states),
                relativeError(gFast.input(), g.input()), relativeError(gFast.initialState(), g.initialState()),
                fastParameters(fast.parameters(), twin.parameters())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "lstm"})
    void stepByStepEqualsWholeSequence(String cell) {
        SplittableRandom random = new SplittableRandom(3);
        int steps = 4, batch = 2, in = 3, hidden = 5;
        Recurrent layer = recurrent(cell, in, hidden, random, 0.7);
        float[] x = normal(random, steps * batch * in, 1);
        float[] whole = layer.forward(x, steps, batch, null);
        float[] state = null;
        for (int t = 0; t < steps; t++) {
            float[] xt = java.util.Arrays.copyOfRange(x, t * batch * in, (t + 1) * batch * in);
            float[] out = layer.forward(xt, 1, batch, state);
            state = layer.states();
            assertThat(out).containsExactly(java.util.Arrays.copyOfRange(whole, t * batch * hidden, (t + 1) * batch * hidden));
        }
    }

    @Test
    void additiveAttentionOverPaddedMemory() {
        SplittableRandom random = new SplittableRandom(4);
        int steps = 3, memorySteps = 5, batch = 2, hidden = 4, size = 6;
        int[] lengths = {5, 2};
        AdditiveAttention fast = new AdditiveAttention("attention", hidden, size, random, 0.7);
        randomise(fast.parameters(), random, 0.7);
        float[] states = normal(random, steps * batch * hidden, 1), memory = normal(random, memorySteps * batch * hidden, 1);
        float[] r = normal(random, steps * batch * hidden, 1);

        AdditiveAttentionReference twin = new AdditiveAttentionReference(fast);
        double[] sd = widen(states), md = widen(memory), rd = widen(r);
        double[] y = twin.forward(sd, steps, md, memorySteps, batch, lengths);
        AdditiveAttentionReference.Gradients g = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(sd, steps, md, memorySteps, batch, lengths));
        double twinError = max(twinParameters(twin.parameters(), loss), relativeError(g.queries(), numeric(sd, loss)),
                relativeError(g.memory(), numeric(md, loss)));

        float[] yFast = fast.forward(states, steps, memory, memorySteps, batch, lengths);
        AdditiveAttention.Gradients gFast = fast.backward(r);
        require("additive attention, padded memory", twinError, max(relativeError(yFast, y), relativeError(gFast.queries(), g.queries()),
                relativeError(gFast.memory(), g.memory()), fastParameters(fast.parameters(), twin.parameters())));
        for (int j = lengths[1]; j < memorySteps; j++) { // item 1's padded positions: no weight, no gradient
            for (int i = 0; i < steps; i++) assertThat(fast.weights(1)[i * memorySteps + j]).isZero();
            for (int c = 0; c < hidden; c++) assertThat(gFast.memory()[(j * batch + 1) * hidden + c]).isZero();
        }
        for (int i = 0; i < steps; i++) {
            double rowSum = 0;
            for (int j = 0; j < memorySteps; j++) rowSum += fast.weights(1)[i * memorySteps + j];
            assertThat(rowSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "gru-attn", "lstm", "lstm-attn"})
    void wholeEncoderDecoder(String arch) {
        Seq2SeqConfig config = new Seq2SeqConfig(arch, SequenceTask.VOCABULARY, 5, 1, 1, 6);
        RnnSeq2Seq fast = new RnnSeq2Seq(config, 11);
        randomise(fast.parameters(), new SplittableRandom(12), 0.5);
        Seq2SeqBatch batch = SequenceData.batch(SequenceTask.REVERSE, List.of(new int[] {3, 7, 9, 4}, new int[] {5, 6},
                new int[] {8, 3, 22}));

        RnnSeq2SeqReference twin = new RnnSeq2SeqReference(fast);
        SoftmaxCrossEntropyReference twinLoss = new SoftmaxCrossEntropyReference();
        double loss = twinLoss.forward(twin.forward(batch), batch.targets(), config.vocabSize());
        twin.backward(twinLoss.backward());
        double twinError = twinParameters(twin.parameters(),
                () -> twinLoss.forward(twin.forward(batch), batch.targets(), config.vocabSize()));

        SoftmaxCrossEntropy fastLoss = new SoftmaxCrossEntropy();
        double lossFast = fastLoss.forward(fast.forward(batch), batch.targets(), config.vocabSize());
        fast.backward(fastLoss.backward());
        require("whole " + arch + " encoder-decoder, padded", twinError,
                Math.max(Math.abs(lossFast - loss) / loss, fastParameters(fast.parameters(), twin.parameters())));
    }
}

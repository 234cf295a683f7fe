package dev.attend.train.seq2seq;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.layers.SoftmaxCrossEntropyReference;
import org.junit.jupiter.api.Test;

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

/** The transformer encoder-decoder: one decoder block over padded memory, then the whole model on a padded batch. */
class TransformerSeq2SeqGradientTest {

    @Test
    void decoderBlock() {
        SplittableRandom random = new SplittableRandom(5);
        int batch = 2, tokens = 3, memoryTokens = 4, hidden = 6, heads = 2;
        int[] memoryLengths = {4, 2};
        DecoderBlock fast = new DecoderBlock(0, hidden, heads, 8, 1e-5f, random, 0.5);
        randomise(fast.parameters(), random, 0.5);
        float[] x = normal(random, batch * tokens * hidden, 1), memory = normal(random, batch * memoryTokens * hidden, 1);
        float[] r = normal(random, batch * tokens * hidden, 1);

        DecoderBlockReference twin = new DecoderBlockReference(fast);
        double[] xd = widen(x), md = widen(memory), rd = widen(r);
        double[] y = twin.forward(xd, tokens, md, memoryTokens, batch, memoryLengths);
        DecoderBlockReference.Gradients g = twin.backward(rd);
        DoubleSupplier loss = () -> dot(rd, twin.forward(xd, tokens, md, memoryTokens, batch, memoryLengths));
        double twinError = Math.max(twinParameters(twin.parameters(), loss),
                Math.max(relativeError(g.input(), numeric(xd, loss)), relativeError(g.memory(), numeric(md, loss))));

        float[] yFast = fast.forward(x, tokens, memory, memoryTokens, batch, memoryLengths);
        DecoderBlock.Gradients gFast = fast.backward(r);
        double fastError = Math.max(Math.max(relativeError(yFast, y), relativeError(gFast.input(), g.input())),
                Math.max(relativeError(gFast.memory(), g.memory()), fastParameters(fast.parameters(), twin.parameters())));
        require("decoder block, padded memory", twinError, fastError);
    }

    @Test
    void wholeEncoderDecoder() {
        Seq2SeqConfig config = new Seq2SeqConfig("transformer", SequenceTask.VOCABULARY, 8, 2, 2, 5);
        TransformerSeq2Seq fast = new TransformerSeq2Seq(config, 21);
        randomise(fast.parameters(), new SplittableRandom(22), 0.4);
        Seq2SeqBatch batch = SequenceData.batch(SequenceTask.REVERSE, List.of(new int[] {3, 7, 9, 4}, new int[] {5, 6},
                new int[] {8, 3, 22}));

        TransformerSeq2SeqReference twin = new TransformerSeq2SeqReference(fast);
        SoftmaxCrossEntropyReference twinLoss = new SoftmaxCrossEntropyReference();
        double loss = twinLoss.forward(twin.forward(batch), batch.targets(), config.vocabSize());
        twin.backward(twinLoss.backward());
        double twinError = twinParameters(twin.parameters(),
                () -> twinLoss.forward(twin.forward(batch), batch.targets(), config.vocabSize()));

        SoftmaxCrossEntropy fastLoss = new SoftmaxCrossEntropy();
        double lossFast = fastLoss.forward(fast.forward(batch), batch.targets(), config.vocabSize());
        fast.backward(fastLoss.backward());
        require("whole transformer encoder-decoder", twinError,
                Math.max(Math.abs(lossFast - loss) / loss, fastParameters(fast.parameters(), twin.parameters())));
    }
}

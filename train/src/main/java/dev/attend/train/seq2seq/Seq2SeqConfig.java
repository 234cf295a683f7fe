package dev.attend.train.seq2seq;

import dev.attend.model.InputException;
import dev.attend.train.rnn.RnnSeq2Seq;

import java.util.List;

/**
 * The shape of a sequence-to-sequence model: its architecture ({@code gru}, {@code lstm}: recurrent encoder-decoder,
 * the decoder starting from the encoder's last state; {@code gru-attn}, {@code lstm-attn}: the same with additive
 * attention over the encoder's states; {@code transformer}: post-LN encoder-decoder with cross-attention), the
 * vocabulary, the hidden size (the same for every architecture), the layers of each stack (recurrent models: 1),
 * attention heads (transformer) and the longest source.
 */
public record Seq2SeqConfig(String arch, int vocabSize, int hidden, int layers, int heads, int maxLength) {

    public static final List<String> ARCHITECTURES = List.of("gru", "gru-attn", "lstm", "lstm-attn", "transformer");

    public Seq2SeqConfig {
        if (!ARCHITECTURES.contains(arch)) {
            throw new InputException("--arch " + arch + " does not fit a sequence task; use one of " + String.join(", ", ARCHITECTURES));
        }
        if (!arch.equals("transformer") && layers != 1) {
            throw new InputException("--arch " + arch + " has one recurrent layer per side; leave --layers out (not " + layers + ")");
        }
        if (vocabSize < 2 || hidden < 1 || layers < 1 || heads < 1 || maxLength < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("bad sequence model sizes: vocab " + vocabSize + ", hidden " + hidden
                    + ", layers " + layers + ", heads " + heads + ", max length " + maxLength);
        }
    }

    /** The attend architecture name written as config.json's model_type. */
    public String modelType() {
        return switch (arch) {
            case "gru" -> "attend-gru-seq2seq";
            case "gru-attn" -> "attend-gru-additive-attention-seq2seq";
            case "lstm" -> "attend-lstm-seq2seq";
            case "lstm-attn" -> "attend-lstm-additive-attention-seq2seq";
            default -> "attend-transformer-seq2seq";
        };
    }

    /** The recurrent cell, "gru" or "lstm" (a transformer has none). */
    public String cell() {
        return arch.startsWith("lstm") ? "lstm" : arch.startsWith("gru") ? "gru" : "none";
    }

    /** Whether a recurrent decoder has additive attention over the encoder's states. */
    public boolean attention() {
        return arch.endsWith("-attn");
    }

    /** A new model of this shape, weights from {@code seed}. */
    public Seq2SeqModel create(long seed) {
        return arch.equals("transformer") ? new TransformerSeq2Seq(this, seed) : new RnnSeq2Seq(this, seed);
    }
}

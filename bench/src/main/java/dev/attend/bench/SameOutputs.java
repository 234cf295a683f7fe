package dev.attend.bench;

import dev.attend.model.AttentionModel;
import dev.attend.model.Capture;
import dev.attend.model.tokenize.TokenizedText;

import java.nio.FloatBuffer;

/** A speed comparison means nothing unless both engines compute the same thing: the check every race runs first. */
final class SameOutputs {
    static final double TOLERANCE = 1e-4;

    private SameOutputs() {}

    /** attend's last hidden state, without and with attention capture, must equal ORT's within {@value #TOLERANCE}. */
    static void require(AttentionModel model, TokenizedText text, FloatBuffer expected) {
        for (Capture capture : new Capture[] {Capture.none(), Capture.attention()}) {
            float[] actual = model.trace(text, capture).lastHiddenState();
            if (actual.length != expected.remaining()) {
                throw new IllegalStateException("last_hidden_state has " + actual.length + " values in attend, "
                        + expected.remaining() + " in ONNX Runtime");
            }
            double maxDifference = 0;
            for (int i = 0; i < actual.length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(actual[i] - expected.get(expected.position() + i)));
            }
            if (!(maxDifference <= TOLERANCE)) {
                throw new IllegalStateException("attend (" + capture + ") and ONNX Runtime differ at n = " + text.size()
                        + ": last_hidden_state max |Δ| = " + maxDifference + " > " + TOLERANCE);
            }
        }
    }
}

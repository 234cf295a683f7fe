package dev.attend.model;

import dev.attend.model.testing.BuiltInOnnx;
import dev.attend.model.testing.OrtReference;
import dev.attend.model.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The lesson's demo: in MiniLM, layer 5 head 11 (0-based), "it" puts its largest weight on "cat" (about 0.68). */
class SeedDemoTest {

    @Test
    void itLooksAtCat() {
        try (AttentionModel model = Models.load("minilm")) {
            AttentionTrace trace = model.trace("The cat sat on the mat because it was tired", Capture.attention());
            int it = trace.queryTokens().indexOf("it");
            int cat = trace.keyTokens().indexOf("cat");
            assertThat(trace.queryTokens()).containsExactly("[CLS]", "the", "cat", "sat", "on", "the", "mat", "because",
                    "it", "was", "tired", "[SEP]");
            float[] row = trace.headMatrix(5, 11)[it];
            int argmax = 0;
            for (int j = 1; j < row.length; j++) if (row[j] > row[argmax]) argmax = j;
            assertThat(argmax).isEqualTo(cat);
            assertThat(row[cat]).isCloseTo(0.68f, within(0.02f));

            // the same number from ONNX Runtime on the same file, an independent engine
            TokenizedText text = trace.text();
            float ort = OrtReference.of(BuiltInOnnx.minilm())
                    .run(OrtParityTest.row(text.ids()), OrtParityTest.row(OrtParityTest.ones(text.size())),
                            OrtParityTest.row(text.typeIds()))
                    .attentions()[0][5][11][it][cat];
            assertThat(row[cat]).isCloseTo(ort, within(1e-4f));
        }
    }
}

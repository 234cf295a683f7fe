package dev.attend.analysis.explain;

import dev.attend.model.AttentionModel;
import dev.attend.model.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SentencePairCosineTest {
    private static AttentionModel model;

    @BeforeAll
    static void load() {
        model = Models.load("minilm");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double cosine(String a, String b) {
        float[][] e = model.embed(List.of(a, b), 1);
        double s = 0;
        for (int c = 0; c < e[0].length; c++) s += (double) e[0][c] * e[1][c];
        return s;
    }

    /** Independent: the blanked sentence written out with the word "[MASK]" and embedded one at a time. */
    @Test
    void blankoutIsTheCosineChangeWithTheTokenMasked() {
        String a = "A cat is sleeping on the sofa.", b = "A kitten rests on the couch.";
        SentencePairCosine.Explained e = new SentencePairCosine(model).explain(a, b);
        assertThat(e.cosine()).isCloseTo(cosine(a, b), within(1e-5));
        assertThat(e.first().tokens()).containsExactly("[CLS]", "a", "cat", "is", "sleeping", "on", "the", "sofa", ".", "[SEP]");
        assertThat(e.first().blankout()[2]).isCloseTo(Math.abs(e.cosine() - cosine("A [MASK] is sleeping on the sofa.", b)), within(1e-5));
        assertThat(e.second().tokens().get(3)).isEqualTo("rests");
        assertThat(e.second().blankout()[3]).isCloseTo(Math.abs(e.cosine() - cosine(a, "A kitten [MASK] on the couch.")), within(1e-5));
        assertThat(e.first().blankout()[0]).as("[CLS] is not blanked").isZero();
        assertThat(e.first().scored()).containsExactly(false, true, true, true, true, true, true, true, true, false);
        assertThat(e.first().readout()[4]).as("MiniLM pools by the mean").isCloseTo(0.1, within(1e-15));
        assertThat(e.first().blankout()[2]).as("'cat' matters more than 'is'").isGreaterThan(e.first().blankout()[3]);
    }

    @Test
    void attentionIsTheHeadMeanOfTheSentencesOwnTrace() {
        String a = "Snow held up the train.", b = "The train was delayed by snow.";
        SentencePairCosine.Explained e = new SentencePairCosine(model).explain(a, b);
        var trace = model.trace(b, dev.attend.model.Capture.attention());
        double mean = 0;
        for (int h = 0; h < 12; h++) mean += trace.weight(5, h, 3, 1);
        assertThat(e.second().attention()[5][3][1]).isCloseTo(mean / 12, within(1e-6));
        assertThat(e.second().layers()).isEqualTo(6);
    }
}

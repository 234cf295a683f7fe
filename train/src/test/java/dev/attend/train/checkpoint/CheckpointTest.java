package dev.attend.train.checkpoint;

import dev.attend.model.ModelException;
import dev.attend.train.layers.Parameter;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.model.TransformerConfig;
import dev.attend.train.optim.AdamW;
import dev.attend.train.optim.AdamWSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    private static final TransformerConfig CONFIG = new TransformerConfig(9, 6, 8, 2, 2, 16, 3, false, 1e-5f);
    private static final List<String> VOCABULARY = List.of("[PAD]", "a", "b", "c", "d", "e", "f", "g", "h");
    private static final List<String> LABELS = List.of("x", "y", "z");

    /** A model and optimiser two steps into training, so that weights and moments are not at their initial values. */
    private static AdamW trained(Transformer model) {
        AdamW adam = new AdamW(AdamWSettings.DEFAULT, model.parameters());
        Batch batch = new Batch(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 0, 0}, 2, 6, new int[] {6, 4}, new int[] {1, 3}, new int[] {2, 0});
        for (int s = 0; s < 2; s++) {
            model.parameters().forEach(Parameter::zeroGrad);
            float[] logits = model.forward(batch);
            float[] d = new float[logits.length];
            for (int i = 0; i < d.length; i++) d[i] = logits[i] * 0.1f;
            model.backward(d);
            adam.step(model.parameters(), 1e-2);
        }
        return adam;
    }

    @Test
    void savedWeightsAndMomentsComeBackExactly(@TempDir Path run) throws IOException {
        Transformer model = new Transformer(CONFIG, 1);
        AdamW adam = trained(model);
        TrainerState state = new TrainerState("toy", "transformer", 2, 10, 1, false);
        Path folder = Checkpoint.save(run, model, adam, state, VOCABULARY, LABELS);
        assertThat(folder.getFileName().toString()).isEqualTo("checkpoint-000002");
        assertThat(Files.readAllLines(folder.resolve("vocab.txt"))).isEqualTo(VOCABULARY);
        assertThat(Files.readString(folder.resolve("config.json"))).contains("\"model_type\" : \"attend-transformer\"")
                .contains("\"num_hidden_layers\" : 2").contains("\"2\" : \"z\"");

        Checkpoint.Saved saved = Checkpoint.read(run);
        assertThat(saved.folder()).isEqualTo(folder);
        assertThat(saved.config()).isEqualTo(CONFIG);
        assertThat(saved.state()).isEqualTo(state);
        Transformer restored = new Transformer(CONFIG, 99);
        AdamW restoredAdam = new AdamW(AdamWSettings.DEFAULT, restored.parameters());
        Checkpoint.restore(saved, restored, restoredAdam);
        for (int i = 0; i < model.parameters().size(); i++) {
            assertThat(restored.parameters().get(i).value()).isEqualTo(model.parameters().get(i).value());
            assertThat(restoredAdam.firstMoment(i)).isEqualTo(adam.firstMoment(i));
            assertThat(restoredAdam.secondMoment(i)).isEqualTo(adam.secondMoment(i));
        }
        assertThat(restoredAdam.steps()).isEqualTo(2);
    }

    @Test
    void aNewCheckpointReplacesTheOldOne(@TempDir Path run) {
        Transformer model = new Transformer(CONFIG, 1);
        AdamW adam = trained(model);
        Checkpoint.save(run, model, adam, new TrainerState("toy", "transformer", 1, 10, 1, false), VOCABULARY, LABELS);
        Path second = Checkpoint.save(run, model, adam, new TrainerState("toy", "transformer", 12, 20, 1, false), VOCABULARY, LABELS);
        assertThat(Checkpoint.latest(run)).contains(second);
        assertThat(run.resolve("checkpoint-000001")).doesNotExist();
        assertThat(run.toFile().list()).containsExactly("checkpoint-000012");
    }

    @Test
    void aCorruptWeightsFileIsRejectedWithItsName(@TempDir Path run) throws IOException {
        Transformer model = new Transformer(CONFIG, 1);
        Path folder = Checkpoint.save(run, model, trained(model), new TrainerState("toy", "transformer", 2, 10, 1, false), VOCABULARY, LABELS);
        Files.write(folder.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Checkpoint.Saved saved = Checkpoint.read(folder);
        Transformer target = new Transformer(CONFIG, 1);
        assertThatThrownBy(() -> Checkpoint.restore(saved, target, new AdamW(AdamWSettings.DEFAULT, target.parameters())))
                .isInstanceOf(ModelException.class).hasMessageContaining("model.safetensors");
    }

    @Test
    void weightsOfAnotherModelAreRejected(@TempDir Path run, @TempDir Path other) throws IOException {
        Transformer model = new Transformer(CONFIG, 1);
        Path folder = Checkpoint.save(run, model, trained(model), new TrainerState("toy", "transformer", 2, 10, 1, false), VOCABULARY, LABELS);
        TransformerConfig oneLayer = new TransformerConfig(9, 6, 8, 1, 2, 16, 3, false, 1e-5f);
        Transformer small = new Transformer(oneLayer, 1);
        Path smallFolder = Checkpoint.save(other, small, trained(small), new TrainerState("toy", "transformer", 2, 10, 1, false), VOCABULARY, LABELS);
        Files.copy(smallFolder.resolve("model.safetensors"), folder.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Checkpoint.Saved saved = Checkpoint.read(folder);
        Transformer target = new Transformer(CONFIG, 1);
        assertThatThrownBy(() -> Checkpoint.restore(saved, target, new AdamW(AdamWSettings.DEFAULT, target.parameters())))
                .isInstanceOf(ModelException.class).hasMessageContaining("does not fit").hasMessageContaining("missing encoder.layer.1");
    }

    @Test
    void aFolderWithoutCheckpointIsRejected(@TempDir Path run) {
        assertThatThrownBy(() -> Checkpoint.read(run)).isInstanceOf(ModelException.class).hasMessageContaining("no checkpoint-* folder");
        assertThatThrownBy(() -> Checkpoint.read(run.resolve("missing"))).isInstanceOf(ModelException.class).hasMessageContaining("not a folder");
    }
}

package dev.attend.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SafetensorsWriterTest {

    /** Checkpoints of the same run are byte-identical files: the header may not follow a map's iteration order. */
    @Test
    void metadataIsWrittenInSortedKeyOrderWhateverTheMapsOrder(@TempDir Path dir) throws IOException {
        Map<String, String> stepFirst = new LinkedHashMap<>();
        stepFirst.put("step", "500");
        stepFirst.put("format", "pt");
        Map<String, String> formatFirst = new LinkedHashMap<>();
        formatFirst.put("format", "pt");
        formatFirst.put("step", "500");
        List<SafetensorsWriter.Tensor> tensors = List.of(new SafetensorsWriter.Tensor("w", new int[] {2}, new float[] {1, -2}));

        SafetensorsWriter.write(dir.resolve("a.safetensors"), stepFirst, tensors);
        SafetensorsWriter.write(dir.resolve("b.safetensors"), formatFirst, tensors);

        byte[] a = Files.readAllBytes(dir.resolve("a.safetensors"));
        assertThat(a).isEqualTo(Files.readAllBytes(dir.resolve("b.safetensors")));
        assertThat(new String(a, StandardCharsets.UTF_8)).contains("{\"__metadata__\":{\"format\":\"pt\",\"step\":\"500\"}");
    }
}

package dev.attend.model.onnx;

import dev.attend.model.bert.BertWeights;
import java.nio.file.Path;
import java.util.List;

/**
 * A BERT-family encoder read from an ONNX file: its weights and the names of the graph inputs the export
 * declares (e.g. input_ids, attention_mask, token_type_ids), so a runner knows which ones it may feed.
 */
public record ImportedBert(Path source, BertWeights weights, List<String> inputNames) {

    public ImportedBert {
        inputNames = List.copyOf(inputNames);
    }

    public boolean hasInput(String inputName) {
        return inputNames.contains(inputName);
    }
}

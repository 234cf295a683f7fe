package dev.attend.cli;

import dev.attend.model.AttentionModel;
import dev.attend.model.Models;
import picocli.CommandLine.Option;

/** The --model option of every command that runs a model: one description, one default. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = "minilm",
            description = "Built-in model (minilm, bge-small), a Hugging Face BERT folder (config.json, "
                    + "model.safetensors, tokenizer.json) or a BERT-family .onnx file with tokenizer.json beside it. "
                    + "Default: ${DEFAULT-VALUE}.")
    String name;

    AttentionModel load() {
        return Models.load(name);
    }
}

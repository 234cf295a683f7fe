package dev.attend.model.registry;

import java.nio.file.Path;

/** Where a model's weights and its Hugging Face tokenizer.json lie on disk. */
public record ModelFiles(Path onnx, Path tokenizer) {}

package dev.attend.model.hf;

import dev.attend.model.ModelException;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.registry.Pooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A local Hugging Face model folder as {@code save_pretrained} writes it: config.json, model.safetensors and
 * tokenizer.json, and for sentence-transformers models modules.json and 1_Pooling/config.json.
 *
 * @param name the config's {@code _name_or_path} if set, else the folder's name
 */
public record HfFolder(Path folder, String name, HfBertConfig config, Path configJson, Path safetensors, Path tokenizer,
                       Pooling pooling) {

    private static final String CONFIG = "config.json";
    private static final String SAFETENSORS = "model.safetensors";
    private static final String SHARDED_INDEX = "model.safetensors.index.json";
    private static final String PYTORCH_BIN = "pytorch_model.bin";
    private static final String TOKENIZER = "tokenizer.json";

    /**
     * Whether {@code path} should be read as a Hugging Face folder rather than as an ONNX model: a .safetensors
     * file, a folder with model.safetensors, or a folder with other Hugging Face files but no .onnx file.
     */
    public static boolean recognises(Path path) {
        if (Files.isRegularFile(path)) {
            return path.getFileName().toString().endsWith(".safetensors");
        }
        if (!Files.isDirectory(path)) {
            return false;
        }
        if (Files.isRegularFile(path.resolve(SAFETENSORS))) {
            return true;
        }
        boolean hasHfFiles = Stream.of(CONFIG, SHARDED_INDEX, PYTORCH_BIN).anyMatch(f -> Files.exists(path.resolve(f)));
        return hasHfFiles && !hasOnnx(path);
    }

    /** The folder at {@code path}, or the folder of the .safetensors file at {@code path}, checked for its files. */
    public static HfFolder open(Path path) {
        boolean isFolder = Files.isDirectory(path);
        Path folder = isFolder ? path : path.toAbsolutePath().getParent();
        Path safetensors = isFolder ? folder.resolve(SAFETENSORS) : path;
        Path configJson = folder.resolve(CONFIG);
        if (!Files.isRegularFile(configJson)) {
            throw new ModelException(folder + " has no " + CONFIG + "; a Hugging Face model folder needs " + CONFIG
                    + ", " + SAFETENSORS + " and " + TOKENIZER + " as save_pretrained writes them");
        }
        HfBertConfig config = HfBertConfig.read(configJson);
        if (!Files.isRegularFile(safetensors)) {
            throw new ModelException(missingWeights(folder));
        }
        Path tokenizer = folder.resolve(TOKENIZER);
        if (!Files.isRegularFile(tokenizer)) {
            throw new ModelException(folder + " has no " + TOKENIZER + "; save the fast tokenizer beside the model:"
                    + " AutoTokenizer.from_pretrained(folder).save_pretrained(folder) writes it (vocab.txt alone is not read)");
        }
        String name = config.nameOrPath().isBlank() ? folderName(folder) : config.nameOrPath();
        return new HfFolder(folder, name, config, configJson, safetensors, tokenizer, SentenceTransformersPooling.of(folder));
    }

    /** The weights in {@link #safetensors()}, shaped as {@link #config()} says. */
    public BertWeights readWeights() {
        return HfBertImporter.importWeights(config, configJson, safetensors);
    }

    private static String missingWeights(Path folder) {
        if (Files.exists(folder.resolve(SHARDED_INDEX))) {
            return folder + " holds sharded weights (" + SHARDED_INDEX + "), which are not supported yet; save the"
                    + " model as one " + SAFETENSORS + ": save_pretrained(folder, max_shard_size=\"100GB\")";
        }
        if (Files.exists(folder.resolve(PYTORCH_BIN))) {
            return folder + " has " + PYTORCH_BIN + " but no " + SAFETENSORS + "; attend does not read PyTorch .bin"
                    + " files (Python pickles): convert it with AutoModel.from_pretrained(folder).save_pretrained(folder),"
                    + " which writes " + SAFETENSORS;
        }
        return folder + " has no " + SAFETENSORS + "; a Hugging Face model folder needs " + CONFIG + ", " + SAFETENSORS
                + " and " + TOKENIZER;
    }

    private static boolean hasOnnx(Path folder) {
        if (Files.isRegularFile(folder.resolve("onnx").resolve("model.onnx"))) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".onnx"));
        } catch (IOException e) {
            throw new ModelException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }
}

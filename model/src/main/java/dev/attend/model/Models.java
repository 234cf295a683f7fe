package dev.attend.model;

import dev.attend.core.KernelWarmUp;
import dev.attend.model.bert.BertEncoder;
import dev.attend.model.bert.BertWeights;
import dev.attend.model.hf.HfFolder;
import dev.attend.model.onnx.BertOnnxImporter;
import dev.attend.model.registry.BuiltInModel;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.model.registry.ModelFiles;
import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Loads a model by registry key ("minilm", "bge-small") or by path: an .onnx file or a folder holding one, or a
 * Hugging Face folder (config.json, model.safetensors, tokenizer.json) of a BERT model.
 */
public final class Models {
    private Models() {}

    public static AttentionModel load(String nameOrPath) {
        KernelWarmUp.startInBackground(); // compiles the kernels while the weights are read
        Optional<BuiltInModel> builtIn = BuiltInModels.find(nameOrPath);
        if (builtIn.isPresent()) {
            BuiltInModel m = builtIn.get();
            ModelFiles files = BuiltInModels.files(m);
            return assemble(nameOrPath, m.modelName(), m.carrierArtifact() + ":" + m.carrierVersion(),
                    () -> onnxWeights(files.onnx()), files.tokenizer(), m.pooling());
        }
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path)) {
            BuiltInModels.require(nameOrPath); // throws: unknown name, lists the built-in ones
        }
        if (HfFolder.recognises(path)) {
            HfFolder folder = HfFolder.open(path);
            return assemble(nameOrPath, folder.name(), "local folder " + path.toAbsolutePath(), folder::readWeights,
                    folder.tokenizer(), folder.pooling());
        }
        Path onnx = Files.isDirectory(path) ? onnxInFolder(path) : path;
        Path tokenizer = tokenizerBeside(onnx, Files.isDirectory(path) ? path : onnx.getParent());
        String name = Files.isDirectory(path) ? path.getFileName().toString() : stem(onnx);
        return assemble(nameOrPath, name, "local file " + onnx.toAbsolutePath(), () -> onnxWeights(onnx), tokenizer,
                Pooling.MEAN);
    }

    private static BertWeights onnxWeights(Path onnx) {
        return BertOnnxImporter.importFile(onnx).weights();
    }

    /**
     * Reads tokenizer.json on a thread of its own while this one reads the weights: each is about half of a
     * model's load time (DJL's native library and the file's vocabulary against the weight matrices).
     */
    private static AttentionModel assemble(String key, String name, String source, Supplier<BertWeights> readWeights,
                                           Path tokenizerJson, Pooling pooling) {
        CompletableFuture<Tokenizer> loading = CompletableFuture.supplyAsync(
                () -> Tokenizer.load(tokenizerJson, name, Integer.MAX_VALUE), Models::onDaemonThread);
        BertWeights weights;
        try {
            weights = readWeights.get();
        } catch (RuntimeException e) {
            loading.thenAccept(Tokenizer::close);
            throw e;
        }
        Tokenizer tokenizer = joined(loading).limitedTo(weights.config().maxPositions());
        return new AttentionModel(key, name, source, tokenizer, new BertEncoder(weights), pooling);
    }

    private static void onDaemonThread(Runnable task) {
        Thread thread = new Thread(task, "attend-tokenizer-load");
        thread.setDaemon(true);
        thread.start();
    }

    private static Tokenizer joined(CompletableFuture<Tokenizer> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    private static Path onnxInFolder(Path folder) {
        for (Path candidate : List.of(folder.resolve("model.onnx"), folder.resolve("onnx").resolve("model.onnx"))) {
            if (Files.isRegularFile(candidate)) return candidate;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> onnx = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).toList();
            if (onnx.size() == 1) return onnx.get(0);
            throw new ModelException("model folder " + folder + " has " + (onnx.isEmpty() ? "no" : onnx.size())
                    + " .onnx files; expected model.onnx (or onnx/model.onnx) and tokenizer.json, or a Hugging Face"
                    + " folder: config.json, model.safetensors and tokenizer.json");
        } catch (IOException e) {
            throw new ModelException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path tokenizerBeside(Path onnx, Path folder) {
        Path dir = folder == null ? Path.of(".") : folder;
        List<Path> candidates = List.of(dir.resolve("tokenizer.json"), dir.resolve(stem(onnx) + "-tokenizer.json"),
                dir.getParent() == null ? dir.resolve("tokenizer.json") : dir.getParent().resolve("tokenizer.json"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new ModelException(
                "no tokenizer.json for " + onnx + "; put the model's Hugging Face tokenizer.json beside it (tried "
                        + candidates.get(0) + " and " + candidates.get(1) + ")"));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}

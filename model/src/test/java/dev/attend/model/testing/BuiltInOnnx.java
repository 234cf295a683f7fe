package dev.attend.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ONNX models and tokenizers shipped as classpath resources by the langchain4j embedding jars, copied to
 * temp files once per test JVM (and deleted on exit) so tests can read them as files.
 * Names: "minilm" (all-MiniLM-L6-v2) and "bge-small" (bge-small-en-v1.5).
 */
public final class BuiltInOnnx {

    private static final Map<String, String> RESOURCE_BASE = Map.of(
            "minilm", "all-minilm-l6-v2",
            "bge-small", "bge-small-en-v1.5");
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private BuiltInOnnx() {}

    public static Path minilm() {
        return model("minilm");
    }

    public static Path bgeSmall() {
        return model("bge-small");
    }

    /** The .onnx file of a built-in model. */
    public static Path model(String name) {
        return copy(base(name) + ".onnx");
    }

    /** The Hugging Face tokenizer.json of a built-in model. */
    public static Path tokenizer(String name) {
        return copy(base(name) + "-tokenizer.json");
    }

    private static String base(String name) {
        String base = RESOURCE_BASE.get(name);
        if (base == null) {
            throw new IllegalArgumentException("no built-in model " + name + "; known: " + RESOURCE_BASE.keySet());
        }
        return base;
    }

    private static Path copy(String resource) {
        return COPIES.computeIfAbsent(resource, BuiltInOnnx::copyToTempFile);
    }

    private static Path copyToTempFile(String resource) {
        try (InputStream in = BuiltInOnnx.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is not on the test classpath");
            }
            Path file = Files.createTempFile("attend-", "-" + resource);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy resource " + resource, e);
        }
    }
}

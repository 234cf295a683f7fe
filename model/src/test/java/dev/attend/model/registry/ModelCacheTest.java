package dev.attend.model.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCacheTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    @TempDir
    Path root;

    @Test
    void extractsBothFilesIntoAVersionedFolder() throws IOException {
        ModelFiles files = new ModelCache(root).files(BuiltInModel.MINILM);

        Path folder = root.resolve("models/all-MiniLM-L6-v2/1.19.0-beta29");
        assertThat(files.onnx()).isEqualTo(folder.resolve("all-minilm-l6-v2.onnx"));
        assertThat(files.tokenizer()).isEqualTo(folder.resolve("all-minilm-l6-v2-tokenizer.json"));
        assertThat(Files.size(files.onnx())).isEqualTo(resourceSize("all-minilm-l6-v2.onnx"));
        assertThat(Files.readAllBytes(files.tokenizer())).isEqualTo(resourceBytes("all-minilm-l6-v2-tokenizer.json"));
    }

    @Test
    void aSecondCallAndASecondCacheReuseTheFilesWithoutRewriting() throws IOException {
        ModelFiles first = new ModelCache(root).files(BuiltInModel.MINILM);
        Files.setLastModifiedTime(first.onnx(), LONG_AGO);
        Files.setLastModifiedTime(first.tokenizer(), LONG_AGO);
        Object onnxFileKey = fileKey(first.onnx());

        ModelCache cache = new ModelCache(root);
        cache.files(BuiltInModel.MINILM);
        ModelFiles again = cache.files(BuiltInModel.MINILM);

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again.onnx())).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(again.tokenizer())).isEqualTo(LONG_AGO);
        assertThat(fileKey(again.onnx())).isEqualTo(onnxFileKey);
    }

    @Test
    void aCachedFileOfTheWrongSizeIsExtractedAgain() throws IOException {
        Path folder = Files.createDirectories(root.resolve("models/all-MiniLM-L6-v2/1.19.0-beta29"));
        Files.writeString(folder.resolve("all-minilm-l6-v2-tokenizer.json"), "{\"truncated");

        ModelFiles files = new ModelCache(root).files(BuiltInModel.MINILM);

        assertThat(Files.readAllBytes(files.tokenizer())).isEqualTo(resourceBytes("all-minilm-l6-v2-tokenizer.json"));
    }

    @Test
    void concurrentExtractionsLeaveWholeFilesAndNoTemporaryOnes() throws Exception {
        int extractors = 4;
        CyclicBarrier start = new CyclicBarrier(extractors);
        Callable<ModelFiles> extract = () -> {
            ModelCache cache = new ModelCache(root);
            start.await();
            return cache.files(BuiltInModel.MINILM);
        };

        try (ExecutorService pool = Executors.newFixedThreadPool(extractors)) {
            List<Future<ModelFiles>> results = IntStream.range(0, extractors).mapToObj(i -> pool.submit(extract)).toList();
            for (Future<ModelFiles> result : results) {
                ModelFiles files = result.get();
                assertThat(Files.size(files.onnx())).isEqualTo(resourceSize("all-minilm-l6-v2.onnx"));
                assertThat(Files.readAllBytes(files.tokenizer())).isEqualTo(resourceBytes("all-minilm-l6-v2-tokenizer.json"));
            }
        }
        try (Stream<Path> left = Files.list(root.resolve("models/all-MiniLM-L6-v2/1.19.0-beta29"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json");
        }
    }

    @Test
    void bgeSmallIsExtractedUnderItsOwnNameAndVersion() throws IOException {
        ModelFiles files = new ModelCache(root).files(BuiltInModel.BGE_SMALL);

        assertThat(files.onnx()).isEqualTo(root.resolve("models/bge-small-en-v1.5/0.36.2/bge-small-en-v1.5.onnx"));
        assertThat(Files.size(files.onnx())).isEqualTo(resourceSize("bge-small-en-v1.5.onnx"));
        assertThat(Files.size(files.tokenizer())).isEqualTo(resourceSize("bge-small-en-v1.5-tokenizer.json"));
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static long resourceSize(String resource) throws IOException {
        try (InputStream in = ModelCacheTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static byte[] resourceBytes(String resource) throws IOException {
        try (InputStream in = ModelCacheTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}

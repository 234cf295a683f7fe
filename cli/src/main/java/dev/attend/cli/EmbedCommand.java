package dev.attend.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.attend.analysis.CorpusLines;
import dev.attend.cli.output.NpyWriter;
import dev.attend.cli.output.StandardOutput;
import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "embed", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Sentence embeddings: one unit-length vector per text.", "",
                "Pooled the way each model is meant to be used (minilm: mean over tokens;",
                "bge-small: the [CLS] token). The dot product of two embeddings is their",
                "cosine similarity.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend embed \"The cat sat on the mat\" \"A cat is sitting on a rug\"",
                "  attend embed --model bge-small --input lines.txt --format npy --out e.npy"})
public final class EmbedCommand implements Callable<Integer> {

    enum Format { json, npy }

    @Mixin
    ModelOption model;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--input", paramLabel = "FILE", description = "Texts, one per line (UTF-8).")
        Path input;

        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Texts to embed (each argument is one text).")
        List<String> texts;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json or npy (float32 [texts, dimension]). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Texts per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output (needed for npy).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) throw new InputException("--batch must be at least 1, not " + batch);
        if (format == Format.npy && out == null) throw new InputException("--format npy writes binary data; give --out FILE");
        List<String> texts = source.input != null ? readLines(source.input) : source.texts;
        float[][] embeddings;
        String name;
        String pooling;
        try (AttentionModel m = model.loadPretrained("embed pools sentence embeddings of English text, and it "
                + "knows only its task's synthetic words; use a pretrained model (minilm, bge-small, a Hugging Face BERT folder), "
                + "or attend attention --model " + model.name + " to see its attention")) {
            for (int k = 0; k < texts.size(); k++) {
                if (texts.get(k).isBlank()) {
                    throw new InputException((source.input != null ? "line " : "text ") + (k + 1) + " is empty; every text needs words");
                }
            }
            embeddings = m.embed(texts, batch);
            name = m.name();
            pooling = m.pooling().name().toLowerCase();
        }
        try (OutputStream stream = StandardOutput.open(out)) {
            if (format == Format.npy) {
                NpyWriter.write(stream, new int[] {embeddings.length, embeddings[0].length}, Arrays.asList(embeddings));
            } else {
                writeJson(stream, name, pooling, embeddings);
            }
        }
        return 0;
    }

    private static List<String> readLines(Path file) {
        List<String> lines = new ArrayList<>();
        try (CorpusLines corpus = new CorpusLines(file)) {
            for (String line; (line = corpus.next()) != null; ) lines.add(line);
        }
        if (lines.isEmpty()) throw new InputException(file + " is empty; give one text per line");
        return lines;
    }

    private void writeJson(OutputStream stream, String name, String pooling, float[][] embeddings) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("model", model.name);
            g.writeStringField("name", name);
            g.writeStringField("pooling", pooling);
            g.writeNumberField("dimension", embeddings[0].length);
            g.writeArrayFieldStart("embeddings");
            for (float[] e : embeddings) {
                g.writeStartArray();
                for (float v : e) g.writeNumber(v);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}

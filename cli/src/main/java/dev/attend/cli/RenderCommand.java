package dev.attend.cli;

import dev.attend.model.AttentionTrace;
import dev.attend.model.InputException;
import dev.attend.model.registry.BuiltInModels;
import dev.attend.web.AttendServer;
import dev.attend.web.ServerOptions;
import dev.attend.web.export.HeadlessChromium;
import dev.attend.web.export.PageRenderer;
import dev.attend.web.export.StandaloneHtml;
import dev.attend.web.export.ViewRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Writes the visualizer's line view of TEXT to a file.", "",
                "Where one query token looks in one layer and head (or all heads, one colour",
                "each), with provenance",
                "(attend and model versions, text, layer, head). --out's extension decides:",
                "  .html  one page that works offline (click tokens, switch heads; float16)",
                "  .svg   drawn by the visualizer's own code in headless Chromium",
                "  .png   the same at 2x scale (both need: apt-get install chromium)", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend render --out view.html \"The cat sat on the mat because it was tired\"",
                "  attend render --head 11 --token 5 --out it.svg \"The cat sat as it was tired\"",
                "      MiniLM's last layer (5), head 11: where \"it\" (token 5) looks",
                "  attend render --head all --pair \"On a mat.\" --out all.png \"Where is it?\"",
                "  attend render --model runs/agreement --token 5 --out agr.svg \\",
                "      \"the keys to the cabinet [VERB] here .\"    (a model of attend train)"})
public final class RenderCommand implements Callable<Integer> {
    private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(120);

    private enum Format { html, svg, png }

    @Mixin
    ModelOption model;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The file to write: .html, .svg or .png.")
    Path out;

    @Option(names = "--layer", paramLabel = "L", description = "Layer, 0-based. Default: the last.")
    Integer layer;

    @Option(names = "--head", paramLabel = "H|all",
            description = "Head, 0-based, or all. Default: the layer's most focused head.")
    String head;

    @Option(names = "--token", paramLabel = "I",
            description = "Query token, 0-based ([CLS] is 0). Default: 1, the first token of the text.")
    Integer token;

    @Option(names = {"--pair", "--text-b"}, paramLabel = "TEXT_B",
            description = "A second text, encoded as [CLS] TEXT [SEP] TEXT_B [SEP].")
    String pair;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text (several words are joined with spaces).")
    List<String> text = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Format format = formatOf(out);
        String joined = String.join(" ", text);
        ViewRequest view;
        String modelName;
        if (format == Format.html) {
            ModelOption.Traced traced = model.trace(joined, pair);
            view = view(traced.trace(), model.name, joined);
            modelName = traced.trace().modelName();
            Files.writeString(out, StandaloneHtml.of(traced.trace(), view, traced.source()), StandardCharsets.UTF_8);
        } else {
            HeadlessChromium chromium = HeadlessChromium.find();
            boolean builtIn = BuiltInModels.find(model.name).isPresent();
            List<Path> dirs = builtIn ? List.of() : List.of(Path.of(model.name));
            // the page draws the view on a server of this process, whose model also checks the indices here
            try (AttendServer server = AttendServer.start(ServerOptions.defaults().withPort(0).withModelDirs(dirs))) {
                String key = builtIn ? model.name : server.modelKey(Path.of(model.name));
                AttentionTrace trace = server.trace(key, joined, pair);
                view = view(trace, key, joined);
                modelName = trace.modelName();
                PageRenderer renderer = new PageRenderer(server, chromium, CHROMIUM_TIMEOUT);
                Files.write(out, renderer.render(view, PageRenderer.Kind.valueOf(format.name())));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("attend: wrote " + out + " (" + modelName + ", layer " + view.layer() + ", head " + view.headKey()
                + ", token " + view.token() + ")");
        err.flush();
        return 0;
    }

    private ViewRequest view(AttentionTrace trace, String modelKey, String joined) {
        int l = layer != null ? checked("--layer", layer, trace.layers(), "layers") : trace.layers() - 1;
        int h;
        if (head == null) {
            h = AttentionCommand.mostPeakedHead(trace, l);
        } else if (head.equalsIgnoreCase("all")) {
            h = ViewRequest.ALL_HEADS;
        } else {
            h = checked("--head", parse("--head", head), trace.heads(), "heads");
        }
        int t = token != null ? checked("--token", token, trace.queries(), "tokens") : Math.min(1, trace.queries() - 1);
        return new ViewRequest(modelKey, joined, pair == null ? "" : pair, l, h, t);
    }

    private static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Format f : Format.values()) if (name.endsWith("." + f.name())) return f;
        throw new InputException("--out " + file + ": the file name must end in .html, .svg or .png");
    }

    private static int parse(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InputException(option + " " + value + " is not a number (or all)");
        }
    }

    private static int checked(String option, int value, int count, String what) {
        if (value < 0 || value >= count) {
            throw new InputException(option + " " + value + " is out of range: there are " + count + " " + what
                    + " (0.." + (count - 1) + ")");
        }
        return value;
    }
}

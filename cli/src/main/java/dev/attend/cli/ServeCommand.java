package dev.attend.cli;

import dev.attend.model.InputException;
import dev.attend.web.AttendServer;
import dev.attend.web.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Starts the visualizer: a page that shows attention in every layer and head.", "",
                "For a text you type, with MiniLM loaded. It works offline and answers only",
                "to its own address. The JSON and binary API it uses is described in",
                "docs/api.md.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend serve",
                "      open http://127.0.0.1:7860",
                "  attend serve --port 0",
                "      any free port; the line it prints says which",
                "  attend serve --model-dir ~/models/my-bert --model-dir ~/models/other-bert",
                "      offers two more models (Hugging Face BERT or ONNX folders), named by",
                "      their folder",
                "  attend serve --model-dir runs/agreement",
                "      a model trained here (attend train --task coref|agreement|induction),",
                "      traced on texts of its task's words, e.g. the keys to the cabinet [VERB]",
                "      here . ; the prune toggle shows how its prediction changes",
                "  attend train --task coref --out runs/coref && attend serve",
                "      the Training view replays how the run's attention formed (./runs is",
                "      the default --runs)"})
public final class ServeCommand implements Callable<Integer> {
    private static final String DEFAULT_RUNS = "runs";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); "
                    + "0.0.0.0 also serves the local network, with no authentication.")
    String host;

    @Option(names = "--model-dir", paramLabel = "PATH",
            description = "A model folder to offer beside the built-in models (repeatable): a Hugging Face BERT "
                    + "folder (config.json, model.safetensors, tokenizer.json), model.onnx with tokenizer.json, or a "
                    + "transformer trained by attend train --task coref|agreement|induction (its run folder, i.e. the "
                    + "newest checkpoint, or a checkpoint-N folder; its text is the task's words separated by spaces).")
    List<Path> modelDirs = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Training runs for the Training view: a folder of `attend train --out` folders, or one "
                    + "such folder. Default: ./runs when it exists.")
    Path runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) throw new InputException("--port " + port + " is not a port (0 to 65535)");
        for (Path dir : modelDirs) {
            if (!Files.isDirectory(dir)) throw new InputException("--model-dir " + dir + " is not a folder");
        }
        if (runs != null && !Files.isDirectory(runs)) {
            throw new InputException("--runs " + runs + " is not a folder; give the folder of your `attend train --out` runs");
        }
        Path runsDir = runs != null ? runs : Files.isDirectory(Path.of(DEFAULT_RUNS)) ? Path.of(DEFAULT_RUNS) : null;
        AttendServer server = AttendServer.start(ServerOptions.defaults().withHost(host).withPort(port)
                .withModelDirs(modelDirs).withRunsDir(runsDir));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "attend-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("attend is serving " + server.url() + " (Ctrl-C to stop)");
        out.flush();
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            server.stop();
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

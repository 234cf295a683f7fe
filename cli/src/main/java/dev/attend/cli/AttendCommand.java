package dev.attend.cli;

import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "attend", mixinStandardHelpOptions = true, version = "attend 0.1.0",
        description = {"See, measure and learn attention in transformers.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  attend attention \"The cat sat on the mat because it was tired\"",
                "  attend attention --layer 5 --head 11 --words \"The cat sat on the mat\"",
                "  attend attention --model bge-small --format json \"Hello\" > attention.json",
                "  attend embed \"A cat sat on a mat\" \"A dog lay on a rug\"   (sentence embeddings)",
                "  attend heads --input corpus.txt      (statistics and roles of every head)",
                "  attend analyze explain --out runs/x  (does attention explain the output?)",
                "  attend serve                         (the visualizer at http://127.0.0.1:7860)",
                "  attend render --out view.svg \"Hi\"    (a file of the view; also .html, .png)",
                "  attend train --task coref --out runs/coref  (watch attention form)",
                "  attend bench                         (attend against ONNX Runtime)",
                "  attend experiment induction --out runs/ind  (a study: results.json, plots)",
                "  attend analyze prune --out runs/prune       (which heads matter)",
                "  attend help attention",
                "",
                "Exit codes: 0 done, 2 bad input (the message says what to change),",
                "1 internal error."})
public final class AttendCommand implements Runnable {
    private static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, AttentionCommand.class,
            EmbedCommand.class, HeadsCommand.class, RenderCommand.class, BenchCommand.class, ServeCommand.class,
            TrainCommand.class, ExperimentCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; bad input gives exit code 2 and one line on stderr, never a stack trace. */
    static int run(String... args) {
        CommandLine cli = commandLine(args.length == 0 ? null : args[0]);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("attend: " + ex.getMessage() + " (see: attend " + commandPath(ex.getCommandLine()) + "--help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputException || ex instanceof ModelException) {
                err.println("attend: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("attend: " + io);
                return 2;
            }
            err.println("attend: internal error: " + ex + " (set ATTEND_DEBUG=1 for the stack trace)");
            if (System.getenv("ATTEND_DEBUG") != null) ex.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * The command line with every subcommand, or with only {@code first} when that names one: picocli reads the
     * annotations of every command it is given, ~80 ms of a 1.2 s start-up for all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new AttendCommand());
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
            cli.addSubcommand(subcommand);
        }
        if (named.isEmpty()) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        return cli;
    }

    private static String commandPath(CommandLine c) {
        StringBuilder path = new StringBuilder();
        for (CommandLine p = c; p.getParent() != null; p = p.getParent()) path.insert(0, p.getCommandName() + " ");
        return path.toString();
    }

    @Override
    public void run() {
        commandLine(null).usage(System.out);
    }
}

package dev.attend.web;

import dev.attend.analysis.importance.ContrastiveImportance;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.SentencePairs;
import dev.attend.model.AttentionModel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * GET /api/models/{key}/importance: head importance I_h = E|∂L/∂ξ_h| (Michel et al. 2019, analysis' importance
 * package), computed once per model on one background thread and kept; until it is done a request gets its progress.
 * A BERT model's L is the contrastive objective on the first {@link #SENTENCES} sentences of the importance split of
 * the shipped sample corpus (seed 1), in batches of {@link #BATCH}; a classifier trained here uses its task's loss.
 */
final class ImportanceJobs implements AutoCloseable {
    static final int SENTENCES = 32;
    static final int BATCH = 8;
    static final double TEMPERATURE = 0.05;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("attend-importance").daemon().factory());
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** One model's computation: its progress, and its result once done. */
    private record Job(AtomicInteger done, int total, String computedOn, CompletableFuture<Done> result) {}

    /** A finished computation and how long it took. */
    private record Done(HeadImportance importance, double seconds) {}

    /** The state of a model's importance: running (importance null) or done. */
    record Status(String model, String state, int done, int total, String computedOn, String loss,
                  double[][] importance, double[][] importanceRaw, Double seconds) {}

    /** What to compute: how many samples, said how, and the computation given a progress callback. */
    record Computation(int total, String computedOn, Function<IntConsumer, HeadImportance> compute) {}

    /** A BERT model under the contrastive objective on the sample sentences. */
    static Computation of(AttentionModel model) {
        List<SentencePairs.Pair> pairs = SentencePairs.sample(BATCH, 1).importance().subList(0, SENTENCES);
        String on = SENTENCES + " sentences of attend's sample corpus in " + SENTENCES / BATCH + " batches of " + BATCH
                + ": each sentence must pick its perturbed copy (short words dropped) over the batch's other copies and "
                + "its own shuffled words";
        return new Computation(SENTENCES, on, done -> ContrastiveImportance.compute(model, pairs, BATCH, TEMPERATURE, done));
    }

    /** A classifier trained here under its task's cross-entropy on the task's validation sentences. */
    static Computation of(ClassifierModel model) {
        return new Computation(model.importanceExamples(), "the first " + model.importanceExamples() + " sentences of the "
                + model.task() + " task's validation set (held out from training), one example at a time", model::importance);
    }

    /** Starts the model's computation if none is running or done; its state now. A failed one is rethrown once. */
    Status status(String key, Computation computation) {
        Job job = jobs.computeIfAbsent(key, k -> start(computation));
        if (!job.result().isDone()) {
            return new Status(key, "running", job.done().get(), job.total(), job.computedOn(), null, null, null, null);
        }
        Done d;
        try {
            d = job.result().join();
        } catch (RuntimeException e) {
            jobs.remove(key, job); // the next request tries again
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        HeadImportance imp = d.importance();
        return new Status(key, "done", job.total(), job.total(), job.computedOn(), imp.loss(), imp.normalised(),
                imp.raw(), d.seconds());
    }

    private Job start(Computation computation) {
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<Done> result = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            HeadImportance imp = computation.compute().apply(done::set);
            return new Done(imp, (System.nanoTime() - started) / 1e9);
        }, worker);
        return new Job(done, computation.total(), computation.computedOn(), result);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

package dev.attend.web;

import dev.attend.model.AttendVersion;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.WordAttention;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The JSON and binary API under /api (docs/api.md). */
final class ApiRoutes {
    private final ModelCatalog models;
    private final TraceCache traces;
    private final ForwardPassGate gate;
    private final ImportanceJobs importance;

    ApiRoutes(ModelCatalog models, TraceCache traces, ForwardPassGate gate, ImportanceJobs importance) {
        this.models = models;
        this.traces = traces;
        this.gate = gate;
        this.importance = importance;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/health", ctx -> Json.send(ctx, 200, Map.of("status", "ok", "version", AttendVersion.get())));
        routes.get("/api/models", ctx -> Json.send(ctx, 200, models.describe()));
        routes.get("/api/models/{key}/importance", this::importance);
        routes.post("/api/trace", this::trace);
        routes.get("/api/trace/{id}/attention", this::attention);
        routes.get("/api/trace/{id}/qkv", this::headVectors);
        routes.post("/api/trace/{id}/prune", this::prune);
        routes.get("/api/trace/{id}/aggregate", this::aggregate);
        routes.get("/api/trace/{id}/explain", this::explain);
        routes.post("/api/attention", this::fullAttention);
    }

    /** Runs the text, keeps the trace (weights and per-head vectors), answers its metadata. */
    private void trace(Context ctx) {
        TextRequest request = TextRequest.parse(ctx.bodyAsBytes(), models.defaultKey());
        AttentionTrace trace = gate.run(() -> run(request, Capture.attention().withVectors()));
        Json.send(ctx, 200, TraceMetadata.of(traces.put(request.model(), trace)));
    }

    private void attention(Context ctx) {
        AttentionTrace trace = traces.get(ctx.pathParam("id")).trace();
        AttentionSlice slice = AttentionSlice.parse(trace, ctx.queryParam("layer"), ctx.queryParam("head"),
                ctx.queryParam("query"));
        FloatResponse.send(ctx, slice.shape(trace), slice.littleEndianFloats(trace));
    }

    private void headVectors(Context ctx) {
        AttentionTrace trace = traces.get(ctx.pathParam("id")).trace();
        if (trace.vectors() == null) {
            throw new ApiException(422, "no per-head vectors are kept for a classifier trained here; use a BERT model");
        }
        int layer = IndexParameter.required("layer", ctx.queryParam("layer"), trace.layers());
        int head = IndexParameter.required("head", ctx.queryParam("head"), trace.heads());
        Json.send(ctx, 200, HeadVectorsResponse.of(trace, layer, head));
    }

    /** Every layer's heads combined: mean, rollout or flow (flow through the gate: it may take seconds). */
    private void aggregate(Context ctx) {
        AttentionTrace trace = traces.get(ctx.pathParam("id")).trace();
        Aggregation aggregation = Aggregation.parse(trace, ctx.queryParam("kind"), ctx.queryParam("query"));
        float[] values = aggregation.costly() ? gate.run(() -> aggregation.values(trace)) : aggregation.values(trace);
        FloatResponse.send(ctx, aggregation.shape(trace), values);
    }

    /** Head importance of a model: 202 with the progress while it is computed in the background, then 200. */
    private void importance(Context ctx) {
        String key = ctx.pathParam("key");
        ClassifierModel classifier = models.classifier(key);
        ImportanceJobs.Status status = importance.status(key, classifier != null ? ImportanceJobs.of(classifier)
                : ImportanceJobs.of(models.get(key)));
        Json.send(ctx, status.state().equals("done") ? 200 : 202, status);
    }

    /** Attention next to attribution for the kept pair's cosine: forward and backward passes, admitted like a run. */
    private void explain(Context ctx) {
        CachedTrace kept = traces.get(ctx.pathParam("id"));
        ClassifierModel classifier = models.classifier(kept.modelKey());
        if (classifier != null) {
            Json.send(ctx, 200, gate.run(() -> Explanation.of(kept.modelKey(), classifier, kept.trace())));
            return;
        }
        AttentionModel model = models.get(kept.modelKey());
        Json.send(ctx, 200, gate.run(() -> Explanation.of(kept.modelKey(), model, kept.trace())));
    }

    /** Runs the kept trace's text again with some heads switched off and says what changed. */
    private void prune(Context ctx) {
        CachedTrace kept = traces.get(ctx.pathParam("id"));
        List<int[]> heads = PruneRequest.parse(ctx.bodyAsBytes(), kept.trace().layers(), kept.trace().heads());
        ClassifierModel classifier = models.classifier(kept.modelKey());
        if (classifier != null) {
            Json.send(ctx, 200, gate.run(() -> HeadPruning.of(classifier, kept.trace(), heads)));
            return;
        }
        AttentionModel model = models.get(kept.modelKey());
        Json.send(ctx, 200, gate.run(() -> HeadPruning.of(model, kept.trace(), heads)));
    }

    /** The JSON of {@code attend attention --format json}, streamed while the pass still holds its place. */
    private void fullAttention(Context ctx) {
        TextRequest request = TextRequest.parse(ctx.bodyAsBytes(), models.defaultKey());
        models.classifier(request.model()); // an unknown model is a 404 before the pass is admitted
        gate.run(() -> {
            AttentionTrace trace = run(request, Capture.attention());
            WordAttention words = request.words() ? new WordAttention(trace.queryTokens(), trace.text().wordIds()) : null;
            ctx.contentType("application/json");
            try {
                AttentionJsonWriter.write(ctx.outputStream(), request.model(), trace, words);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return trace;
        });
    }

    /** The request's text through its model: a BERT model, or a model trained here (one text of its words). */
    private AttentionTrace run(TextRequest request, Capture capture) {
        return models.trace(request.model(), request.text(), request.textB(), capture);
    }
}

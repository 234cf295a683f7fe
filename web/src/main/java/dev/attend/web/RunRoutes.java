package dev.attend.web;

import io.javalin.config.RoutesConfig;

/** The training runs under /api/runs (docs/api.md): the listing, one run's index, its attention over the snapshots. */
final class RunRoutes {
    private final TrainingRuns runs;

    RunRoutes(TrainingRuns runs) {
        this.runs = runs;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/runs", ctx -> Json.send(ctx, 200, runs.list()));
        routes.get("/api/runs/{run}", ctx -> Json.send(ctx, 200, runs.detail(ctx.pathParam("run"))));
        routes.get("/api/runs/{run}/attention", ctx -> {
            TrainingRuns.Series series = runs.attention(ctx.pathParam("run"), ctx.queryParam("probe"),
                    ctx.queryParam("layer"), ctx.queryParam("head"));
            FloatResponse.send(ctx, series.shape(), series.values());
        });
    }
}

package dev.attend.web;

import java.util.List;

/** GET /api/models: the model used when a request names none, the loaded models, and those that failed to load. */
record ModelList(String defaultModel, List<ModelSummary> models, List<UnavailableModel> unavailable) {}

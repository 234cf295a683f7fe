package dev.attend.model.registry;

import dev.attend.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltInModelsTest {

    @Test
    void minilmIsTheDefaultAndListedFirst() {
        assertThat(BuiltInModels.defaultModel()).isEqualTo(BuiltInModel.MINILM);
        assertThat(BuiltInModels.keys()).containsExactly("minilm", "bge-small");
    }

    @Test
    void modelsAreFoundByKeyOrOwnNameIgnoringCase() {
        assertThat(BuiltInModels.find("minilm")).contains(BuiltInModel.MINILM);
        assertThat(BuiltInModels.find("BGE-Small")).contains(BuiltInModel.BGE_SMALL);
        assertThat(BuiltInModels.find("all-MiniLM-L6-v2")).contains(BuiltInModel.MINILM);
        assertThat(BuiltInModels.find("bge-small-en-v1.5")).contains(BuiltInModel.BGE_SMALL);
        assertThat(BuiltInModels.find("foo")).isEmpty();
    }

    @Test
    void anUnknownKeyIsAModelErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> BuiltInModels.require("foo"))
                .isInstanceOf(ModelException.class)
                .hasMessage("unknown model 'foo'; built-in models: minilm, bge-small; "
                        + "or give a path to an .onnx file or a Hugging Face model folder");
    }

    @Test
    void eachModelPoolsItsOwnWay() {
        assertThat(BuiltInModel.MINILM.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(BuiltInModel.BGE_SMALL.pooling()).isEqualTo(Pooling.CLS);
        assertThat(BuiltInModel.MINILM.modelName()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(BuiltInModel.BGE_SMALL.modelName()).isEqualTo("bge-small-en-v1.5");
    }

    @ParameterizedTest
    @EnumSource(BuiltInModel.class)
    void theCarrierVersionIsTheVersionOfTheJarOnTheClasspath(BuiltInModel model) throws IOException {
        String[] groupAndArtifact = model.carrierArtifact().split(":");
        String pomProperties = "META-INF/maven/" + groupAndArtifact[0] + "/" + groupAndArtifact[1] + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(pomProperties)) {
            assertThat(in).as(pomProperties).isNotNull();
            properties.load(in);
        }

        assertThat(model.carrierVersion()).isEqualTo(properties.getProperty("version"));
        assertThat(getClass().getClassLoader().getResource(model.onnxResource())).isNotNull();
        assertThat(getClass().getClassLoader().getResource(model.tokenizerResource())).isNotNull();
    }
}

package dev.attend.train.rnn;

import dev.attend.train.layers.LinearReference;
import dev.attend.train.layers.ReferenceParameter;

import java.util.ArrayList;
import java.util.List;

/** The double-precision copy of a cell's {@link RecurrentWeights}, for the twins. */
record RecurrentWeightsReference(LinearReference inputMap, ReferenceParameter recurrentWeight, ReferenceParameter recurrentBias) {

    static RecurrentWeightsReference of(RecurrentWeights fast) {
        return new RecurrentWeightsReference(new LinearReference(fast.inputMap()), ReferenceParameter.of(fast.recurrentWeight()),
                ReferenceParameter.of(fast.recurrentBias()));
    }

    List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(inputMap.parameters());
        all.add(recurrentWeight);
        all.add(recurrentBias);
        return all;
    }
}

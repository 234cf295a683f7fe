package dev.attend.train.rnn;

import dev.attend.train.layers.Linear;
import dev.attend.train.layers.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The weights of a recurrent cell with G gate blocks (GRU 3, LSTM 4): the input map x → [G·H] (W_ih [G·H, in], b_ih),
 * the recurrent weight W_hh [G·H, H] and its bias b_hh [G·H]. Names {@code prefix.input.weight},
 * {@code prefix.input.bias}, {@code prefix.recurrent.weight}, {@code prefix.recurrent.bias}; the biases start at 0.
 */
record RecurrentWeights(Linear inputMap, Parameter recurrentWeight, Parameter recurrentBias) {

    static RecurrentWeights of(String prefix, int gates, int in, int hidden, RandomGenerator random, double std) {
        return new RecurrentWeights(new Linear(prefix + ".input", in, gates * hidden, random, std),
                Parameter.matrix(prefix + ".recurrent.weight", gates * hidden, hidden, random, std),
                Parameter.vector(prefix + ".recurrent.bias", gates * hidden, 0f));
    }

    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(inputMap.parameters());
        all.add(recurrentWeight);
        all.add(recurrentBias);
        return all;
    }
}

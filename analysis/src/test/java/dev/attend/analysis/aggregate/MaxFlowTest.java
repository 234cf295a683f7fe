package dev.attend.analysis.aggregate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MaxFlowTest {

    /** CLRS figure 26.1: the flow network of the Lucky Puck Company, maximum flow 23. */
    @Test
    void textbookNetwork() {
        MaxFlow g = new MaxFlow(6); // s=0, v1..v4 = 1..4, t=5
        g.addEdge(0, 1, 16);
        g.addEdge(0, 2, 13);
        g.addEdge(2, 1, 4);
        g.addEdge(1, 3, 12);
        g.addEdge(3, 2, 9);
        g.addEdge(2, 4, 14);
        g.addEdge(4, 3, 7);
        g.addEdge(3, 5, 20);
        g.addEdge(4, 5, 4);
        assertThat(g.maxFlow(0, 5)).isCloseTo(23, within(1e-12));
        assertThat(g.maxFlow(0, 5)).as("a second call starts from zero flow").isCloseTo(23, within(1e-12));
        assertThat(g.maxFlow(5, 0)).as("no edge leaves the sink").isZero();
    }

    /** A flow that must undo an earlier greedy choice through a reverse edge: s→a→b→t is taken first. */
    @Test
    void needsAReverseEdge() {
        MaxFlow g = new MaxFlow(4); // s=0, a=1, b=2, t=3
        g.addEdge(0, 1, 1);
        g.addEdge(0, 2, 1);
        g.addEdge(1, 2, 1);
        g.addEdge(1, 3, 1);
        g.addEdge(2, 3, 1);
        assertThat(g.maxFlow(0, 3)).isCloseTo(2, within(1e-12));
    }

    /** Parallel edges add up; fractional capacities like attention weights. */
    @Test
    void parallelAndFractionalEdges() {
        MaxFlow g = new MaxFlow(3);
        g.addEdge(0, 1, 0.25);
        g.addEdge(0, 1, 0.5);
        g.addEdge(1, 2, 0.6);
        g.addEdge(0, 2, 0.125);
        assertThat(g.maxFlow(0, 2)).isCloseTo(0.725, within(1e-12));
    }

    /** Max-flow equals min-cut: on small random graphs, the cheapest of all 2^(nodes−2) cuts, by brute force. */
    @Test
    void equalsTheMinimumCutOnRandomGraphs() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int nodes = 2 + random.nextInt(7);
            double[][] cap = new double[nodes][nodes];
            MaxFlow g = new MaxFlow(nodes);
            for (int u = 0; u < nodes; u++) {
                for (int v = 0; v < nodes; v++) {
                    if (u != v && random.nextDouble() < 0.5) {
                        double c = random.nextDouble();
                        cap[u][v] += c;
                        g.addEdge(u, v, c);
                    }
                }
            }
            double minCut = Double.POSITIVE_INFINITY;
            for (int mask = 0; mask < 1 << (nodes - 2); mask++) {
                boolean[] sourceSide = new boolean[nodes];
                sourceSide[0] = true;
                for (int k = 0; k < nodes - 2; k++) sourceSide[k + 1] = (mask >> k & 1) == 1;
                double cut = 0;
                for (int u = 0; u < nodes; u++) for (int v = 0; v < nodes; v++) if (sourceSide[u] && !sourceSide[v]) cut += cap[u][v];
                minCut = Math.min(minCut, cut);
            }
            assertThat(g.maxFlow(0, nodes - 1)).as("trial " + trial).isCloseTo(minCut, within(1e-9));
        }
    }

    @Test
    void badEdgesAreRefused() {
        MaxFlow g = new MaxFlow(2);
        assertThatThrownBy(() -> g.addEdge(0, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.addEdge(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.addEdge(0, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.maxFlow(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

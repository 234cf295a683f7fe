package dev.attend.analysis.aggregate;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Maximum flow on a directed graph with real capacities (Dinic's algorithm: breadth-first levels, then blocking
 * flows along level-increasing edges). Build the graph once with {@link #addEdge}; every {@link #maxFlow} starts
 * from zero flow, so one graph answers many source/sink pairs.
 */
public final class MaxFlow {
    /** Residual capacities at or below this count as saturated (capacities here are attention weights ≤ 1). */
    static final double EPSILON = 1e-12;

    private final int nodes;
    private int edges;
    private int[] head, next, to;      // adjacency lists: head[node] → first edge, next[edge] → next edge of its tail
    private double[] capacity, residual;
    private final int[] level, cursor;

    public MaxFlow(int nodes) {
        this.nodes = nodes;
        this.head = new int[nodes];
        Arrays.fill(head, -1);
        this.next = new int[16];
        this.to = new int[16];
        this.capacity = new double[16];
        this.level = new int[nodes];
        this.cursor = new int[nodes];
    }

    public int nodes() {
        return nodes;
    }

    /** An edge from → to of the given capacity (its reverse residual edge is added with capacity 0). */
    public void addEdge(int from, int toNode, double cap) {
        if (from < 0 || from >= nodes || toNode < 0 || toNode >= nodes) {
            throw new IllegalArgumentException("edge " + from + " → " + toNode + " outside " + nodes + " nodes");
        }
        if (!(cap >= 0) || Double.isInfinite(cap)) throw new IllegalArgumentException("capacity " + cap + " of edge " + from + " → " + toNode);
        if (edges + 2 > to.length) {
            int size = to.length * 2;
            next = Arrays.copyOf(next, size);
            to = Arrays.copyOf(to, size);
            capacity = Arrays.copyOf(capacity, size);
        }
        link(from, toNode, cap);
        link(toNode, from, 0);
    }

    private void link(int from, int toNode, double cap) {
        to[edges] = toNode;
        capacity[edges] = cap;
        next[edges] = head[from];
        head[from] = edges++;
    }

    /** The value of a maximum flow from source to sink. */
    public double maxFlow(int source, int sink) {
        if (source == sink) throw new IllegalArgumentException("source and sink are both node " + source);
        residual = Arrays.copyOf(capacity, edges);
        double total = 0;
        while (levels(source, sink)) {
            System.arraycopy(head, 0, cursor, 0, nodes);
            for (double pushed; (pushed = push(source, sink, Double.POSITIVE_INFINITY)) > EPSILON; ) total += pushed;
        }
        return total;
    }

    private boolean levels(int source, int sink) {
        Arrays.fill(level, -1);
        level[source] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(source);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = head[u]; e >= 0; e = next[e]) {
                if (residual[e] > EPSILON && level[to[e]] < 0) {
                    level[to[e]] = level[u] + 1;
                    queue.add(to[e]);
                }
            }
        }
        return level[sink] >= 0;
    }

    private double push(int u, int sink, double limit) {
        if (u == sink) return limit;
        for (; cursor[u] >= 0; cursor[u] = next[cursor[u]]) {
            int e = cursor[u];
            int v = to[e];
            if (residual[e] > EPSILON && level[v] == level[u] + 1) {
                double pushed = push(v, sink, Math.min(limit, residual[e]));
                if (pushed > EPSILON) {
                    residual[e] -= pushed;
                    residual[e ^ 1] += pushed;
                    return pushed;
                }
            }
        }
        return 0;
    }
}

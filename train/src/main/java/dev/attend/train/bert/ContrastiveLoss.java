package dev.attend.train.bert;

/**
 * InfoNCE with in-batch negatives, in double: anchors z [B, C] and candidates z' [M, C] (unit rows, M ≥ B), the
 * first B of which are the anchors' positives (candidate i belongs to anchor i; the rest, e.g. hard negatives,
 * belong to none). Logits s_ij = z_i · z'_j / τ, L = (1/B) Σ_i (log Σ_j exp s_ij − s_ii): each anchor must pick its
 * own positive among all candidates. τ = 0.05 by default, the scale 20 of sentence-transformers' MultipleNegativesRankingLoss,
 * with which MiniLM was trained. Backward: with p_ij = softmax_j(s_ij), ∂L/∂s_ij = (p_ij − [i = j]) / B, so
 * dz_i = Σ_j ∂L/∂s_ij z'_j / τ and dz'_j = Σ_i ∂L/∂s_ij z_i / τ.
 */
public final class ContrastiveLoss {
    public static final double DEFAULT_TEMPERATURE = 0.05;

    /** The loss and its gradients with respect to the anchors [B, C] and the candidates [M, C]. */
    public record Result(double loss, double[] dAnchors, double[] dCandidates) {}

    private ContrastiveLoss() {}

    public static Result compute(double[] anchors, double[] positives, int batch, int hidden, double temperature) {
        int candidates = positives.length / hidden;
        double[] dA = new double[anchors.length], dP = new double[positives.length];
        double loss = 0;
        for (int i = 0; i < batch; i++) {
            double[] d = new double[candidates]; // s_ij − s_ii
            for (int j = 0; j < candidates; j++) {
                for (int c = 0; c < hidden; c++) d[j] += anchors[i * hidden + c] * (positives[j * hidden + c] - positives[i * hidden + c]);
                d[j] /= temperature;
            }
            double[] p = new double[candidates];
            double others = rowLoss(d, i, p);
            loss += others;
            double pOthers = 0;
            for (int j = 0; j < candidates; j++) {
                if (j != i) pOthers += p[j];
            }
            for (int j = 0; j < candidates; j++) {
                // p_ii − 1 written as −Σ_{j≠i} p_ij: exact when the loss is nearly 0
                double dS = (j == i ? -pOthers : p[j]) / batch / temperature;
                for (int c = 0; c < hidden; c++) {
                    dA[i * hidden + c] += dS * positives[j * hidden + c];
                    dP[j * hidden + c] += dS * anchors[i * hidden + c];
                }
            }
        }
        return new Result(loss / batch, dA, dP);
    }

    /**
     * log Σ_j exp(d_j) with d_i = 0, and the softmax p_j of d; when d_i is the largest it is log1p(Σ_{j≠i} exp d_j),
     * which keeps its digits when the loss is tiny (a saturated batch).
     */
    private static double rowLoss(double[] d, int i, double[] p) {
        double max = 0;
        for (double v : d) max = Math.max(max, v);
        double sum = 0, others = 0;
        for (int j = 0; j < d.length; j++) {
            p[j] = Math.exp(d[j] - max);
            sum += p[j];
            if (j != i) others += p[j];
        }
        for (int j = 0; j < d.length; j++) p[j] /= sum;
        return max == 0 ? Math.log1p(others) : max + Math.log(sum);
    }
}

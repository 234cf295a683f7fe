package dev.attend.core;

/**
 * The blocked GEMM that both {@link Gemm} entry points run: {@code C (+)= op(A) · B} with B packed into column
 * panels. Loops, outermost first: k blocks of at most {@value #K_BLOCK} (the A block and the B panel block stay
 * in cache), row blocks of {@value #ROW_BLOCK} (A packed into row tiles), B panels, then 8-row tiles, each one
 * micro-kernel call. The epilogue (bias, GELU) runs on each tile right after its last k block, while it is in L1.
 *
 * <p>Threads split the longer of the two tile dimensions (row tiles or column panels) into contiguous ranges, so
 * every output element is computed in the same order whatever the thread count.
 */
final class GemmDriver {
    private GemmDriver() {}

    /** Rows of C per micro-kernel tile. */
    static final int TILE_ROWS = 8;
    private static final int K_BLOCK = 256;
    private static final int ROW_BLOCK = 16 * TILE_ROWS;
    /** Below this much work per thread the GEMM stays on the calling thread. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 21;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread buffers, reused across calls. */
    private static final class Scratch {
        final float[] packedA = new float[ROW_BLOCK * K_BLOCK]; // [ROW_BLOCK / TILE_ROWS][kc][TILE_ROWS]
        final float[] edgeTile = new float[TILE_ROWS * Kernels.PANEL_WIDTH];
        float[] packedB = new float[0];
    }

    /** Packs op(B) into the calling thread's scratch, for one general GEMM call. */
    static PackedMatrix packScratch(MatrixView b, boolean transposeB, int k, int n) {
        Scratch scratch = SCRATCH.get();
        int length = PackedMatrix.packedLength(k, n);
        if (scratch.packedB.length < length) {
            scratch.packedB = new float[length];
        }
        return PackedMatrix.packScratch(b, transposeB, scratch.packedB);
    }

    /** {@code C[m, n] (+)= op(A)[m, k] · B[k, n]}, then the epilogue. Shapes are already checked. */
    static void multiply(MatrixView a, boolean transposeA, PackedMatrix b, MatrixView c, boolean accumulate,
                         Epilogue epilogue) {
        int m = c.rows();
        int n = c.cols();
        int k = b.rows();
        if (m == 0 || n == 0) {
            return;
        }
        boolean vector = Kernels.vectorised();
        if (k == 0) {
            emptyProduct(c, accumulate, epilogue, vector);
            return;
        }
        int kBlocks = (k + K_BLOCK - 1) / K_BLOCK;
        int kc = (k + kBlocks - 1) / kBlocks;
        int panels = b.panelCount();
        int rowTiles = (m + TILE_ROWS - 1) / TILE_ROWS;
        long tileFlops = 2L * TILE_ROWS * b.panelWidth() * k;
        if (panels >= rowTiles) {
            Parallel.forRange(panels, grain(tileFlops * rowTiles), (from, to) ->
                    block(a, transposeA, b, c, accumulate, epilogue, vector, kc, 0, m, from, to));
        } else {
            Parallel.forRange(rowTiles, grain(tileFlops * panels), (from, to) ->
                    block(a, transposeA, b, c, accumulate, epilogue, vector, kc,
                            from * TILE_ROWS, Math.min(m, to * TILE_ROWS), 0, panels));
        }
    }

    private static int grain(long flopsPerUnit) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (MIN_FLOPS_PER_THREAD + flopsPerUnit - 1) / flopsPerUnit));
    }

    /** C rows [rowFrom, rowTo) × panels [panelFrom, panelTo). */
    private static void block(MatrixView a, boolean transposeA, PackedMatrix b, MatrixView c, boolean accumulate,
                              Epilogue epilogue, boolean vector, int kc,
                              int rowFrom, int rowTo, int panelFrom, int panelTo) {
        Scratch scratch = SCRATCH.get();
        int k = b.rows();
        int n = c.cols();
        int w = b.panelWidth();
        float[] cData = c.data();
        int cStride = c.stride();
        boolean epilogueWork = epilogue.bias() != null || epilogue.activation() != Epilogue.Activation.NONE;
        // full vector tiles start their first k block from the bias; edge tiles and the scalar path add it after
        boolean biasInKernel = vector && epilogue.bias() != null;
        Epilogue afterBiasInKernel = new Epilogue(null, epilogue.activation());
        for (int k0 = 0; k0 < k; k0 += kc) {
            int kLength = Math.min(kc, k - k0);
            boolean addToC = accumulate || k0 > 0;
            boolean lastK = k0 + kLength == k;
            for (int i0 = rowFrom; i0 < rowTo; i0 += ROW_BLOCK) {
                int rows = Math.min(ROW_BLOCK, rowTo - i0);
                packA(a, transposeA, i0, rows, k0, kLength, scratch.packedA, vector);
                for (int panel = panelFrom; panel < panelTo; panel++) {
                    int col0 = panel * w;
                    int width = Math.min(w, n - col0);
                    int bOffset = b.panelOffset(panel, k0);
                    for (int t = 0; t < rows; t += TILE_ROWS) {
                        int height = Math.min(TILE_ROWS, rows - t);
                        int aOffset = t * kLength;
                        int cOffset = c.offset() + (i0 + t) * cStride + col0;
                        boolean full = height == TILE_ROWS && width == w;
                        if (full) {
                            float[] bias = biasInKernel && k0 == 0 ? epilogue.bias() : null;
                            tile(vector, scratch, aOffset, b, bOffset, kLength, bias, col0, cData, cOffset, cStride,
                                    addToC);
                        } else {
                            tile(vector, scratch, aOffset, b, bOffset, kLength, null, 0, scratch.edgeTile, 0, w, false);
                            mergeEdge(scratch.edgeTile, w, cData, cOffset, cStride, height, width, addToC);
                        }
                        Epilogue rest = full && biasInKernel ? afterBiasInKernel : epilogue;
                        if (lastK && epilogueWork && (rest.bias() != null || rest.activation() != Epilogue.Activation.NONE)) {
                            for (int r = 0; r < height; r++) {
                                applyEpilogue(vector, rest, cData, cOffset + r * cStride, width, col0);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void tile(boolean vector, Scratch scratch, int aOffset, PackedMatrix b, int bOffset, int kc,
                             float[] bias, int biasOffset, float[] c, int cOffset, int cStride, boolean accumulate) {
        if (vector) {
            VectorGemm.tile(scratch.packedA, aOffset, b.panels(), bOffset, kc, bias, biasOffset, c, cOffset, cStride,
                    accumulate);
        } else {
            ScalarGemm.tile(scratch.packedA, aOffset, b.panels(), bOffset, kc, b.panelWidth(), c, cOffset, cStride,
                    accumulate);
        }
    }

    /**
     * Packs op(A) rows [i0, i0 + rows) × k [k0, k0 + kLength) into row tiles: tile t (rows t·8 ..) is a dense
     * [kLength][TILE_ROWS] block at t·8·kLength; rows past the end of A are zeros.
     */
    private static void packA(MatrixView a, boolean transposeA, int i0, int rows, int k0, int kLength,
                              float[] packed, boolean vector) {
        float[] src = a.data();
        int stride = a.stride();
        for (int t = 0; t < rows; t += TILE_ROWS) {
            int height = Math.min(TILE_ROWS, rows - t);
            int base = t * kLength;
            if (transposeA) {
                // stored [k, m]: the 8 values of one k step are contiguous
                for (int p = 0; p < kLength; p++) {
                    int s = a.offset() + (k0 + p) * stride + i0 + t;
                    int d = base + p * TILE_ROWS;
                    for (int r = 0; r < height; r++) {
                        packed[d + r] = src[s + r];
                    }
                }
            } else {
                int s0 = a.offset() + (i0 + t) * stride + k0;
                int vectorSteps = vector && height == TILE_ROWS && VectorPack.fits() ? kLength - kLength % VectorMath.LANES : 0;
                if (vectorSteps > 0) {
                    VectorPack.rowTile(src, s0, stride, vectorSteps, packed, base);
                }
                for (int r = 0; r < height; r++) {
                    int s = s0 + r * stride;
                    int d = base + r;
                    for (int p = vectorSteps; p < kLength; p++) {
                        packed[d + p * TILE_ROWS] = src[s + p];
                    }
                }
            }
            for (int r = height; r < TILE_ROWS; r++) {
                for (int p = 0; p < kLength; p++) {
                    packed[base + p * TILE_ROWS + r] = 0f;
                }
            }
        }
    }

    /** Copies (or adds) the valid [height, width] corner of a full edge tile into C. */
    private static void mergeEdge(float[] tile, int tileStride, float[] c, int cOffset, int cStride,
                                  int height, int width, boolean accumulate) {
        for (int r = 0; r < height; r++) {
            int o = cOffset + r * cStride;
            int s = r * tileStride;
            for (int j = 0; j < width; j++) {
                c[o + j] = accumulate ? c[o + j] + tile[s + j] : tile[s + j];
            }
        }
    }

    private static void applyEpilogue(boolean vector, Epilogue epilogue, float[] y, int offset, int length, int col0) {
        boolean gelu = epilogue.activation() == Epilogue.Activation.GELU;
        if (vector) {
            VectorMath.addBiasActivate(y, offset, length, epilogue.bias(), col0, gelu);
        } else {
            ScalarGemm.addBiasActivate(y, offset, length, epilogue.bias(), col0, gelu);
        }
    }

    /** k = 0: the product is all zeros. */
    private static void emptyProduct(MatrixView c, boolean accumulate, Epilogue epilogue, boolean vector) {
        for (int r = 0; r < c.rows(); r++) {
            int o = c.offset() + r * c.stride();
            if (!accumulate) {
                java.util.Arrays.fill(c.data(), o, o + c.cols(), 0f);
            }
            applyEpilogue(vector, epilogue, c.data(), o, c.cols(), 0);
        }
    }
}

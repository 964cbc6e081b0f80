/*
 * rnnlab's product with a prepared right-hand operand: C = alpha A op(B) + beta C, where op(B)
 * (k x n) was laid out once, outside the Java heap (a direct buffer aligned to 64 bytes, see
 * PackedProducts.java), as panels of 8 columns, panel p holding op(B)[kk][8p..8p+7] for
 * kk = 0..k-1, the last panel padded with zeros. A recurrent weight matrix is such an operand:
 * every step of a window multiplies by it.
 *
 * Each element of C is one chain of fused multiply-adds over kk = 0..k-1 in order, started at
 * zero, then scaled and added to C: the same sum whatever the number of rows m, so a share of
 * 16 rows gives the bits of the same rows in a product of 32 (two threads give one thread's
 * bits). The rows go through in tiles of 16, 8, 4, 2 and 1; a tile's A is first copied
 * k-major, so a step of kk reads its 16 numbers from one or two cache lines instead of 16
 * rows a page apart.
 *
 * Only with AVX-512 (checked at run time); elsewhere rnnlab keeps to the BLAS.
 */
#include <jni.h>
#include <immintrin.h>
#include <stdlib.h>

#define PANEL 8

static __thread double *tile_buffer;
static __thread size_t tile_capacity;

static double *tile_space(size_t doubles) {
    if (doubles > tile_capacity) {
        free(tile_buffer);
        tile_buffer = aligned_alloc(64, ((doubles * sizeof(double) + 63) / 64) * 64);
        tile_capacity = tile_buffer == NULL ? 0 : doubles;
    }
    return tile_buffer;
}

/* One tile of R rows (A already k-major in tile: tile[kk * R + i]) against every panel. */
#define DEFINE_TILE(R)                                                                                  \
__attribute__((target("avx512f"), always_inline)) static inline void tile_##R(                          \
        int n, int k, const double *tile, const double *packed, double alpha, double beta,             \
        double *c, int ldc) {                                                                           \
    int panels = (n + PANEL - 1) / PANEL;                                                               \
    for (int p = 0; p < panels; p++) {                                                                  \
        const double *b = packed + (size_t) p * k * PANEL;                                              \
        __m512d acc[R];                                                                                 \
        _Pragma("GCC unroll 16")                                                                        \
        for (int i = 0; i < R; i++) acc[i] = _mm512_setzero_pd();                                       \
        for (int kk = 0; kk < k; kk++) {                                                                \
            __m512d column = _mm512_loadu_pd(b + (size_t) kk * PANEL);                                   \
            _Pragma("GCC unroll 16")                                                                    \
            for (int i = 0; i < R; i++)                                                                 \
                acc[i] = _mm512_fmadd_pd(_mm512_set1_pd(tile[(size_t) kk * R + i]), column, acc[i]);    \
        }                                                                                               \
        int width = n - p * PANEL < PANEL ? n - p * PANEL : PANEL;                                      \
        __mmask8 mask = (__mmask8) ((1u << width) - 1u);                                                \
        __m512d a = _mm512_set1_pd(alpha), s = _mm512_set1_pd(beta);                                    \
        for (int i = 0; i < R; i++) {                                                                   \
            double *row = c + (size_t) i * ldc + p * PANEL;                                             \
            __m512d product = _mm512_mul_pd(a, acc[i]);                                                 \
            __m512d sum = beta == 0.0 ? product                                                         \
                    : _mm512_add_pd(_mm512_mul_pd(s, _mm512_maskz_loadu_pd(mask, row)), product);       \
            _mm512_mask_storeu_pd(row, mask, sum);                                                      \
        }                                                                                               \
    }                                                                                                   \
}
DEFINE_TILE(16)
DEFINE_TILE(8)
DEFINE_TILE(4)
DEFINE_TILE(2)
DEFINE_TILE(1)

__attribute__((target("avx512f")))
static void multiply(int m, int n, int k, double alpha, const double *a, int lda, const double *packed,
        double beta, double *c, int ldc, double *tile) {
    int first = 0;
    while (first < m) {
        int rows = m - first >= 16 ? 16 : m - first >= 8 ? 8 : m - first >= 4 ? 4 : m - first >= 2 ? 2 : 1;
        for (int kk = 0; kk < k; kk++)
            for (int i = 0; i < rows; i++)
                tile[(size_t) kk * rows + i] = a[(size_t) (first + i) * lda + kk];
        double *target = c + (size_t) first * ldc;
        switch (rows) {
            case 16: tile_16(n, k, tile, packed, alpha, beta, target, ldc); break;
            case 8: tile_8(n, k, tile, packed, alpha, beta, target, ldc); break;
            case 4: tile_4(n, k, tile, packed, alpha, beta, target, ldc); break;
            case 2: tile_2(n, k, tile, packed, alpha, beta, target, ldc); break;
            default: tile_1(n, k, tile, packed, alpha, beta, target, ldc); break;
        }
        first += rows;
    }
}

JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_supported(JNIEnv *env, jclass type) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? JNI_TRUE : JNI_FALSE;
}

/* Lays out op(B) (k x n) of the row-major B at offset with row stride ldb into panels. */
JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_packPanels(JNIEnv *env, jclass type,
        jboolean transposed, jint n, jint k, jdoubleArray b, jint offset, jint ldb, jobject panels) {
    double *target = (*env)->GetDirectBufferAddress(env, panels);
    double *source = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (target != NULL && source != NULL) {
        const double *base = source + offset;
        int count = (n + PANEL - 1) / PANEL;
        for (int p = 0; p < count; p++) {
            double *panel = target + (size_t) p * k * PANEL;
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j < PANEL; j++) {
                    int column = p * PANEL + j;
                    /* op(B)[kk][column] is B[column][kk] when transposed, else B[kk][column] */
                    panel[(size_t) kk * PANEL + j] = column >= n ? 0.0
                            : transposed ? base[(size_t) column * ldb + kk] : base[(size_t) kk * ldb + column];
                }
            }
        }
    }
    if (source != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, source, JNI_ABORT);
    return target != NULL && source != NULL;
}

JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_multiplyPanels(JNIEnv *env, jclass type,
        jint m, jint n, jint k, jdouble alpha, jdoubleArray a, jint aOffset, jint lda, jobject panels,
        jdouble beta, jdoubleArray c, jint cOffset, jint ldc) {
    double *tile = tile_space((size_t) 16 * k);
    const double *packed = (*env)->GetDirectBufferAddress(env, panels);
    if (tile == NULL || packed == NULL) {
        return JNI_FALSE;
    }
    double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    double *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
    if (pa != NULL && pc != NULL) {
        multiply(m, n, k, alpha, pa + aOffset, lda, packed, beta, pc + cOffset, ldc, tile);
    }
    if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return pa != NULL && pc != NULL;
}

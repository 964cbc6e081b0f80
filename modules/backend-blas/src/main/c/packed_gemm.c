/*
 * rnnlab's products with a prepared right-hand operand: C = alpha A op(B) + beta C, where op(B)
 * (k x n) was laid out once, outside the Java heap (a direct buffer aligned to 64 bytes, see
 * PackedProducts.java), as panels as wide as one AVX-512 register, panel p holding
 * op(B)[kk][w p .. w p + w - 1] for kk = 0..k-1, the last panel padded with zeros: w = 8 doubles,
 * or w = 16 floats for precision=single. A recurrent weight matrix is such an operand: every step
 * of a window multiplies by it.
 *
 * Each element of C is one chain of fused multiply-adds over kk = 0..k-1 in order, started at
 * zero, then scaled and added to C: the same sum whatever the number of rows m, so a share of
 * 16 rows gives the bits of the same rows in a product of 32 (two threads give one thread's
 * bits). The rows go through in tiles of 16, 8, 4, 2 and 1; a tile's A is first copied
 * k-major, so a step of kk reads its 16 numbers from one or two cache lines instead of 16
 * rows a page apart.
 *
 * In single precision A, C, alpha and beta stay double, as the trainer keeps them: A is rounded
 * to float as the tile is copied, the chain runs in float, alpha scales it in float (as sgemm's
 * alpha does), and the result is widened and added to beta C in double. That is what the
 * trainer's other float32 path computes around the BLAS's sgemm, without its copies.
 *
 * Only with AVX-512 (checked at run time); elsewhere rnnlab keeps to the BLAS.
 */
#include <jni.h>
#include <immintrin.h>
#include <pthread.h>
#include <stdlib.h>

#define PANEL 8
#define FLOAT_PANEL 16

/* Each thread's tile copy of A, freed when the thread ends. */
static pthread_key_t tile_key;
static int tile_key_made; /* 0 if the key could not be made: the buffers then live as long as the process */
static pthread_once_t tile_key_once = PTHREAD_ONCE_INIT;
static __thread void *tile_buffer;
static __thread size_t tile_capacity;

static void make_tile_key(void) {
    tile_key_made = pthread_key_create(&tile_key, free) == 0;
}

static void *tile_space(size_t bytes) {
    if (bytes > tile_capacity) {
        pthread_once(&tile_key_once, make_tile_key);
        free(tile_buffer);
        tile_buffer = aligned_alloc(64, ((bytes + 63) / 64) * 64);
        tile_capacity = tile_buffer == NULL ? 0 : bytes;
        if (tile_key_made) pthread_setspecific(tile_key, tile_buffer);
    }
    return tile_buffer;
}

/* The rows of the tile in C: beta C + the product, masked to the panel's width. */
#define STORE_DOUBLE(row, mask, product, s, beta)                                                       \
    _mm512_mask_storeu_pd(row, mask, beta == 0.0 ? product                                              \
            : _mm512_add_pd(_mm512_mul_pd(s, _mm512_maskz_loadu_pd(mask, row)), product))

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
            STORE_DOUBLE(row, mask, _mm512_mul_pd(a, acc[i]), s, beta);                                 \
        }                                                                                               \
    }                                                                                                   \
}
DEFINE_TILE(16)
DEFINE_TILE(8)
DEFINE_TILE(4)
DEFINE_TILE(2)
DEFINE_TILE(1)

/* The float32 tile: 16 columns a register, each half widened to 8 doubles for C. */
#define DEFINE_FLOAT_TILE(R)                                                                            \
__attribute__((target("avx512f,avx512dq"), always_inline)) static inline void float_tile_##R(          \
        int n, int k, const float *tile, const float *packed, float alpha, double beta,                \
        double *c, int ldc) {                                                                           \
    int panels = (n + FLOAT_PANEL - 1) / FLOAT_PANEL;                                                   \
    for (int p = 0; p < panels; p++) {                                                                  \
        const float *b = packed + (size_t) p * k * FLOAT_PANEL;                                         \
        __m512 acc[R];                                                                                  \
        _Pragma("GCC unroll 16")                                                                        \
        for (int i = 0; i < R; i++) acc[i] = _mm512_setzero_ps();                                       \
        for (int kk = 0; kk < k; kk++) {                                                                \
            __m512 column = _mm512_loadu_ps(b + (size_t) kk * FLOAT_PANEL);                               \
            _Pragma("GCC unroll 16")                                                                    \
            for (int i = 0; i < R; i++)                                                                 \
                acc[i] = _mm512_fmadd_ps(_mm512_set1_ps(tile[(size_t) kk * R + i]), column, acc[i]);    \
        }                                                                                               \
        int width = n - p * FLOAT_PANEL < FLOAT_PANEL ? n - p * FLOAT_PANEL : FLOAT_PANEL;              \
        int low = width < PANEL ? width : PANEL;                                                        \
        __mmask8 lowMask = (__mmask8) ((1u << low) - 1u);                                               \
        __mmask8 highMask = (__mmask8) ((1u << (width - low)) - 1u);                                    \
        __m512 a = _mm512_set1_ps(alpha);                                                               \
        __m512d s = _mm512_set1_pd(beta);                                                               \
        for (int i = 0; i < R; i++) {                                                                   \
            double *row = c + (size_t) i * ldc + p * FLOAT_PANEL;                                       \
            __m512 product = _mm512_mul_ps(a, acc[i]);                                                  \
            STORE_DOUBLE(row, lowMask, _mm512_cvtps_pd(_mm512_castps512_ps256(product)), s, beta);      \
            if (highMask != 0) {                                                                        \
                STORE_DOUBLE(row + PANEL, highMask, _mm512_cvtps_pd(_mm512_extractf32x8_ps(product, 1)), \
                        s, beta);                                                                       \
            }                                                                                           \
        }                                                                                               \
    }                                                                                                   \
}
DEFINE_FLOAT_TILE(16)
DEFINE_FLOAT_TILE(8)
DEFINE_FLOAT_TILE(4)
DEFINE_FLOAT_TILE(2)
DEFINE_FLOAT_TILE(1)

static int tile_rows(int left) {
    return left >= 16 ? 16 : left >= 8 ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
}

/* C for m rows of A: tiles of 16, 8, 4, 2 and 1 rows, each copied k-major (and rounded to T) first. */
#define DEFINE_MULTIPLY(NAME, T, TILE, TARGET)                                                          \
__attribute__((target(TARGET)))                                                                        \
static void NAME(int m, int n, int k, T alpha, const double *a, int lda, const T *packed,              \
        double beta, double *c, int ldc, T *tile) {                                                     \
    for (int first = 0, rows; first < m; first += rows) {                                               \
        rows = tile_rows(m - first);                                                                    \
        for (int kk = 0; kk < k; kk++)                                                                  \
            for (int i = 0; i < rows; i++)                                                              \
                tile[(size_t) kk * rows + i] = (T) a[(size_t) (first + i) * lda + kk];                  \
        double *target = c + (size_t) first * ldc;                                                      \
        switch (rows) {                                                                                 \
            case 16: TILE##16(n, k, tile, packed, alpha, beta, target, ldc); break;                     \
            case 8: TILE##8(n, k, tile, packed, alpha, beta, target, ldc); break;                       \
            case 4: TILE##4(n, k, tile, packed, alpha, beta, target, ldc); break;                       \
            case 2: TILE##2(n, k, tile, packed, alpha, beta, target, ldc); break;                       \
            default: TILE##1(n, k, tile, packed, alpha, beta, target, ldc); break;                      \
        }                                                                                               \
    }                                                                                                   \
}
DEFINE_MULTIPLY(multiply, double, tile_, "avx512f")
DEFINE_MULTIPLY(multiply_floats, float, float_tile_, "avx512f,avx512dq")

JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_supported(JNIEnv *env, jclass type) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") ? JNI_TRUE : JNI_FALSE;
}

/*
 * Lays out op(B) (k x n) of the row-major B at offset with row stride ldb into panels of doubles,
 * or with single of floats (each rounded to nearest).
 */
JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_packPanels(JNIEnv *env, jclass type,
        jboolean single, jboolean transposed, jint n, jint k, jdoubleArray b, jint offset, jint ldb, jobject panels) {
    void *target = (*env)->GetDirectBufferAddress(env, panels);
    double *source = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (target != NULL && source != NULL) {
        const double *base = source + offset;
        int width = single ? FLOAT_PANEL : PANEL;
        int count = (n + width - 1) / width;
        for (int p = 0; p < count; p++) {
            for (int kk = 0; kk < k; kk++) {
                size_t at = ((size_t) p * k + kk) * width;
                for (int j = 0; j < width; j++) {
                    int column = p * width + j;
                    /* op(B)[kk][column] is B[column][kk] when transposed, else B[kk][column] */
                    double value = column >= n ? 0.0
                            : transposed ? base[(size_t) column * ldb + kk] : base[(size_t) kk * ldb + column];
                    if (single) ((float *) target)[at + j] = (float) value;
                    else ((double *) target)[at + j] = value;
                }
            }
        }
    }
    if (source != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, source, JNI_ABORT);
    return target != NULL && source != NULL;
}

JNIEXPORT jboolean JNICALL Java_org_rnnlab_backend_blas_PackedProducts_multiplyPanels(JNIEnv *env, jclass type,
        jboolean single, jint m, jint n, jint k, jdouble alpha, jdoubleArray a, jint aOffset, jint lda,
        jobject panels, jdouble beta, jdoubleArray c, jint cOffset, jint ldc) {
    void *tile = tile_space((size_t) 16 * k * (single ? sizeof(float) : sizeof(double)));
    const void *packed = (*env)->GetDirectBufferAddress(env, panels);
    if (tile == NULL || packed == NULL) {
        return JNI_FALSE;
    }
    double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    double *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
    if (pa != NULL && pc != NULL) {
        if (single) {
            multiply_floats(m, n, k, (float) alpha, pa + aOffset, lda, packed, beta, pc + cOffset, ldc, tile);
        } else {
            multiply(m, n, k, alpha, pa + aOffset, lda, packed, beta, pc + cOffset, ldc, tile);
        }
    }
    if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return pa != NULL && pc != NULL;
}

/* pyhash.c: CPython 3.11's hashing primitives: the modular numeric hash of floats (modulus
 * 2**61 - 1), pointer hashing, and SipHash-1-3 over bytes with a 128-bit key taken from
 * PYTHONHASHSEED (unset or "random": the OS; 0: all-zero key; N: CPython's LCG stream). */

#include "pyrs/config.h"
#include "pyrs/hash.h"

#include "Python.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/random.h>
#include <unistd.h>


_Py_HashSecret_t _Py_HashSecret;
static long hash_seed = -1;
static int hash_ready;

Py_hash_t
_Py_HashDouble(PyObject *inst, double v)
{
    if (!isfinite(v)) {
        if (isinf(v)) {
            return v > 0 ? _PyHASH_INF : -_PyHASH_INF;
        }
        return _Py_HashPointer(inst);
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    /* Consume the mantissa 28 bits at a time, reducing modulo 2**61 - 1 as we go; shifting
     * left by k bits modulo a Mersenne prime is a rotation within 61 bits. */
    Py_uhash_t x = 0;
    while (m) {
        x = ((x << 28) & _PyHASH_MODULUS) | x >> (_PyHASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        Py_uhash_t y = (Py_uhash_t)m;
        m -= (double)y;
        x += y;
        if (x >= _PyHASH_MODULUS) {
            x -= _PyHASH_MODULUS;
        }
    }
    /* Now multiply by 2**e modulo the prime, i.e. rotate by e mod 61. */
    e = e >= 0 ? e % _PyHASH_BITS : _PyHASH_BITS - 1 - ((-1 - e) % _PyHASH_BITS);
    x = ((x << e) & _PyHASH_MODULUS) | x >> (_PyHASH_BITS - e);
    x = x * (Py_uhash_t)sign;
    if (x == (Py_uhash_t)-1) {
        x = (Py_uhash_t)-2;
    }
    return (Py_hash_t)x;
}

Py_hash_t
_Py_HashPointerRaw(const void *ptr)
{
    size_t y = (size_t)ptr;
    /* The low 4 bits are always zero for aligned objects; rotate them to the top. */
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    return (Py_hash_t)y;
}

Py_hash_t
_Py_HashPointer(const void *ptr)
{
    Py_hash_t x = _Py_HashPointerRaw(ptr);
    return x == -1 ? -2 : x;
}

#define ROTL64(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIP_HALF_ROUND(a, b, c, d, s, t)                                                           \
    a += b;                                                                                        \
    c += d;                                                                                        \
    b = ROTL64(b, s) ^ a;                                                                          \
    d = ROTL64(d, t) ^ c;                                                                          \
    a = ROTL64(a, 32);

#define SIP_ROUND(v0, v1, v2, v3)                                                                  \
    SIP_HALF_ROUND(v0, v1, v2, v3, 13, 16);                                                        \
    SIP_HALF_ROUND(v2, v1, v0, v3, 17, 21);

static uint64_t
load_le64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8); /* x86-64 is little-endian, as SipHash wants */
    return w;
}

/* SipHash-1-3: one compression round per 8-byte word, three finalisation rounds. */
static uint64_t
siphash13(uint64_t k0, uint64_t k1, const uint8_t *src, size_t len)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;
    uint64_t b = (uint64_t)len << 56;
    while (len >= 8) {
        uint64_t m = load_le64(src);
        v3 ^= m;
        SIP_ROUND(v0, v1, v2, v3);
        v0 ^= m;
        src += 8;
        len -= 8;
    }
    uint64_t t = 0;
    for (size_t i = 0; i < len; i++) {
        t |= (uint64_t)src[i] << (8 * i);
    }
    b |= t;
    v3 ^= b;
    SIP_ROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    return (v0 ^ v1) ^ (v2 ^ v3);
}

Py_hash_t
_Py_HashBytes(const void *src, Py_ssize_t len)
{
    if (len <= 0) {
        return 0;
    }
    uint64_t x = siphash13(_Py_HashSecret.siphash.k0, _Py_HashSecret.siphash.k1,
                           (const uint8_t *)src, (size_t)len);
    Py_hash_t h = (Py_hash_t)x;
    return h == -1 ? -2 : h;
}

uint64_t
pyrs_hash_keyed(uint64_t key, const void *src, Py_ssize_t len)
{
    return siphash13(key, 0, (const uint8_t *)src, len > 0 ? (size_t)len : 0);
}

static Py_hash_t
hash_bytes_def(const void *src, Py_ssize_t len)
{
    return _Py_HashBytes(src, len);
}

static PyHash_FuncDef siphash13_def = {hash_bytes_def, "siphash13", 64, 128};

PyHash_FuncDef *
PyHash_GetFuncDef(void)
{
    return &siphash13_def;
}

/* CPython's key stream for a fixed seed: the MSVC rand() LCG, one byte per step. */
static void
lcg_fill(unsigned long seed, unsigned char *buf, size_t size)
{
    uint32_t x = (uint32_t)seed;
    for (size_t i = 0; i < size; i++) {
        x = x * 214013u + 2531011u;
        buf[i] = (unsigned char)((x >> 16) & 0xff);
    }
}

static int
urandom_fill(unsigned char *buf, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = getrandom(buf + done, size - done, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

/* Parses PYTHONHASHSEED: 1 with *seed set for an integer, 0 for random, -1 if invalid. */
static int
parse_seed(const char *text, unsigned long *seed)
{
    if (text == NULL || text[0] == '\0' || strcmp(text, "random") == 0) {
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (*end != '\0' || errno != 0 || v > 4294967295ULL || text[0] == '-') {
        return -1;
    }
    *seed = (unsigned long)v;
    return 1;
}

void
pyrs_hash_set_seed(long seed)
{
    hash_seed = seed;
    if (seed == 0) {
        memset(&_Py_HashSecret, 0, sizeof(_Py_HashSecret));
    } else {
        lcg_fill((unsigned long)seed, _Py_HashSecret.uc, sizeof(_Py_HashSecret));
    }
}

int
pyrs_hash_init(void)
{
    if (hash_ready) {
        return 0;
    }
    unsigned long seed = 0;
    int kind =
        parse_seed(pyrs_config.hash_random ? NULL : pyrs_config_getenv("PYTHONHASHSEED"), &seed);
    if (kind < 0) {
        fprintf(stderr, "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be "
                        "\"random\" or an integer in range [0; 4294967295]\n");
        return -1;
    }
    if (kind == 1) {
        pyrs_hash_set_seed((long)seed);
    } else if (urandom_fill(_Py_HashSecret.uc, sizeof(_Py_HashSecret)) < 0) {
        fprintf(stderr, "Fatal Python error: failed to get random numbers to initialize "
                        "Python\n");
        return -1;
    }
    hash_ready = 1;
    return 0;
}

long
pyrs_hash_seed(void)
{
    return hash_seed;
}

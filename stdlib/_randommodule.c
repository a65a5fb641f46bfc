/* The _random module: the Random base type with the MT19937 Mersenne Twister, seeded exactly as
 * CPython 3.11's _random.Random.seed does (absolute value of an int split into 32-bit words and
 * fed to init_by_array; the hash of anything else; urandom for None), so random.py reproduces
 * CPython's sequences; random(), getrandbits(k), getstate()/setstate() with 625-int tuples. */
#include "Python.h"
#include "pyrs/call.h"

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define N          624
#define M          397
#define MATRIX_A   0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

typedef struct {
    PyObject_HEAD
    int index;         /* next word of state to temper, N when a refill is due */
    uint32_t state[N]; /* the twister's state */
} RandomObject;

/* The Random type: a heap type as in CPython 3.11 (so, like there, its attributes can be set);
 * created by the first module exec and shared by later ones. */
static PyTypeObject *Random_Type;

/* ---- the generator -------------------------------------------------------------------------- */

static uint32_t
genrand_uint32(RandomObject *self)
{
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    uint32_t y, *mt = self->state;
    if (self->index >= N) {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
        self->index = 0;
    }
    y = mt[self->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

static void
init_genrand(RandomObject *self, uint32_t s)
{
    uint32_t *mt = self->state;
    mt[0] = s;
    for (int i = 1; i < N; i++) {
        mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    }
    self->index = N;
}

static void
init_by_array(RandomObject *self, const uint32_t *key, size_t key_length)
{
    uint32_t *mt = self->state;
    size_t i = 1, j = 0, k;
    init_genrand(self, 19650218U);
    for (k = (N > key_length ? N : key_length); k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= N) {
            mt[0] = mt[N - 1];
            i = 1;
        }
        if (j >= key_length) {
            j = 0;
        }
    }
    for (k = N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= N) {
            mt[0] = mt[N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U;
}

/* ---- seeding -------------------------------------------------------------------------------- */

static int
seed_urandom(RandomObject *self)
{
    uint32_t key[N];
    size_t done = 0;
    while (done < sizeof(key)) {
        ssize_t n = getrandom((char *)key + done, sizeof(key) - done, 0);
        if (n <= 0) {
            return -1;
        }
        done += (size_t)n;
    }
    init_by_array(self, key, N);
    return 0;
}

static void
seed_time_pid(RandomObject *self)
{
    struct timespec ts;
    uint32_t key[5];
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = (uint32_t)ts.tv_sec;
    key[1] = (uint32_t)((uint64_t)ts.tv_sec >> 32);
    key[2] = (uint32_t)getpid();
    clock_gettime(CLOCK_MONOTONIC, &ts);
    key[3] = (uint32_t)ts.tv_nsec;
    key[4] = (uint32_t)ts.tv_sec;
    init_by_array(self, key, Py_ARRAY_LENGTH(key));
}

/* Seeds SELF from ARG (NULL or None: OS randomness); 0, or -1 with an exception. */
static int
random_seed(RandomObject *self, PyObject *arg)
{
    PyObject *n = NULL;
    if (arg == NULL || arg == Py_None) {
        if (seed_urandom(self) < 0) {
            seed_time_pid(self);
        }
        return 0;
    }
    if (PyLong_Check(arg)) {
        /* int.__abs__ itself, not a subclass override */
        n = PyLong_Type.tp_as_number->nb_absolute(arg);
    } else {
        Py_hash_t hash = PyObject_Hash(arg);
        if (hash == -1) {
            return -1;
        }
        n = PyLong_FromSize_t((size_t)hash);
    }
    if (n == NULL) {
        return -1;
    }
    size_t bits = _PyLong_NumBits(n);
    if (bits == (size_t)-1 && PyErr_Occurred()) {
        Py_DECREF(n);
        return -1;
    }
    size_t keyused = bits == 0 ? 1 : (bits - 1) / 32 + 1;
    uint32_t *key = PyMem_Malloc(keyused * 4);
    if (key == NULL) {
        Py_DECREF(n);
        PyErr_NoMemory();
        return -1;
    }
    unsigned char *bytes = (unsigned char *)key;
    int rc = _PyLong_AsByteArray((PyLongObject *)n, bytes, keyused * 4, 1, 0);
    Py_DECREF(n);
    if (rc < 0) {
        PyMem_Free(key);
        return -1;
    }
    /* the words are little-endian byte groups; x86-64 reads them as is */
    init_by_array(self, key, keyused);
    PyMem_Free(key);
    return 0;
}

/* ---- methods -------------------------------------------------------------------------------- */

static PyObject *
random_random(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    RandomObject *self = (RandomObject *)op;
    uint32_t a = genrand_uint32(self) >> 5, b = genrand_uint32(self) >> 6;
    return PyFloat_FromDouble((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static PyObject *
random_seed_method(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("seed", nargs, 0, 1)) {
        return NULL;
    }
    if (random_seed((RandomObject *)op, nargs ? args[0] : NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
random_getstate(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    RandomObject *self = (RandomObject *)op;
    PyObject *state = PyTuple_New(N + 1);
    if (state == NULL) {
        return NULL;
    }
    for (int i = 0; i < N; i++) {
        PyObject *v = PyLong_FromUnsignedLong(self->state[i]);
        if (v == NULL) {
            Py_DECREF(state);
            return NULL;
        }
        PyTuple_SET_ITEM(state, i, v);
    }
    PyObject *v = PyLong_FromLong(self->index);
    if (v == NULL) {
        Py_DECREF(state);
        return NULL;
    }
    PyTuple_SET_ITEM(state, N, v);
    return state;
}

static PyObject *
random_setstate(PyObject *op, PyObject *state)
{
    RandomObject *self = (RandomObject *)op;
    uint32_t new_state[N];
    if (!PyTuple_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state vector must be a tuple");
        return NULL;
    }
    if (PyTuple_GET_SIZE(state) != N + 1) {
        PyErr_SetString(PyExc_ValueError, "state vector is the wrong size");
        return NULL;
    }
    for (int i = 0; i < N; i++) {
        unsigned long e = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(state, i));
        if (e == (unsigned long)-1 && PyErr_Occurred()) {
            return NULL;
        }
        new_state[i] = (uint32_t)e;
    }
    long index = PyLong_AsLong(PyTuple_GET_ITEM(state, N));
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (index < 0 || index > N) {
        PyErr_SetString(PyExc_ValueError, "invalid state");
        return NULL;
    }
    self->index = (int)index;
    memcpy(self->state, new_state, sizeof(new_state));
    Py_RETURN_NONE;
}

/* The non-negative int whose 32-bit words, least significant first, are W[0..n): regrouped
 * straight into 30-bit digits. New reference or NULL. */
static PyObject *
long_from_words(const uint32_t *w, size_t n)
{
    size_t nd = (n * 32 + PyLong_SHIFT - 1) / PyLong_SHIFT;
    PyLongObject *r = _PyLong_New((Py_ssize_t)nd);
    if (r == NULL) {
        return NULL;
    }
    uint64_t acc = 0;
    int bits = 0;
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        acc |= (uint64_t)w[i] << bits;
        bits += 32;
        while (bits >= PyLong_SHIFT) {
            r->ob_digit[d++] = (digit)(acc & PyLong_MASK);
            acc >>= PyLong_SHIFT;
            bits -= PyLong_SHIFT;
        }
    }
    if (bits > 0) {
        r->ob_digit[d++] = (digit)acc;
    }
    while (d > 0 && r->ob_digit[d - 1] == 0) {
        d--;
    }
    if (d <= 2) {
        /* small values go through the constructor so they come from its cache */
        unsigned long long v = d == 0 ? 0 : r->ob_digit[0];
        if (d == 2) {
            v |= (unsigned long long)r->ob_digit[1] << PyLong_SHIFT;
        }
        Py_SET_SIZE(r, 0);
        Py_DECREF(r);
        return PyLong_FromUnsignedLongLong(v);
    }
    Py_SET_SIZE(r, (Py_ssize_t)d);
    return (PyObject *)r;
}

static PyObject *
random_getrandbits(PyObject *op, PyObject *arg)
{
    RandomObject *self = (RandomObject *)op;
    int k = _PyLong_AsInt(arg);
    if (k == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (k < 0) {
        PyErr_SetString(PyExc_ValueError, "number of bits must be non-negative");
        return NULL;
    }
    if (k == 0) {
        return PyLong_FromLong(0);
    }
    if (k <= 32) {
        return PyLong_FromUnsignedLong(genrand_uint32(self) >> (32 - k));
    }
    if (k <= 64) {
        /* two words, least significant first, as the general path below builds them */
        uint64_t lo = genrand_uint32(self), hi = genrand_uint32(self) >> (64 - k);
        return PyLong_FromUnsignedLongLong((hi << 32) | lo);
    }
    size_t words = (size_t)(k - 1) / 32 + 1;
    uint32_t *w = PyMem_Malloc(words * 4);
    if (w == NULL) {
        return PyErr_NoMemory();
    }
    /* least significant word first */
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t r = genrand_uint32(self);
        if (k < 32) {
            r >>= (32 - k);
        }
        w[i] = r;
    }
    PyObject *res = long_from_words(w, words);
    PyMem_Free(w);
    return res;
}

static int
random_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    if ((Py_IS_TYPE(op, Random_Type) || Py_TYPE(op)->tp_init == Random_Type->tp_init) &&
        !_PyArg_NoKeywords("Random", kwds)) {
        return -1;
    }
    if (PyTuple_GET_SIZE(args) > 1) {
        PyErr_SetString(PyExc_TypeError, "Random() requires 0 or 1 argument");
        return -1;
    }
    return random_seed((RandomObject *)op,
                       PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0) : NULL);
}

static PyMethodDef random_methods[] = {
    {"random", random_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", (PyCFunction)(void (*)(void))random_seed_method, METH_FASTCALL,
     "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\n"
     "of the current time and the process identifier."},
    {"getstate", random_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, METH_O,
     "getrandbits(k) -> x.  Generates an int with k "
     "random bits."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot random_type_slots[] = {
    {Py_tp_doc,
     (void *)"Random() -> create a random number generator with its own internal state."},
    {Py_tp_methods, random_methods},
    {Py_tp_init, (void *)random_init},
    {Py_tp_new, (void *)PyType_GenericNew},
    {0, NULL},
};

static PyType_Spec random_type_spec = {
    .name = "_random.Random",
    .basicsize = sizeof(RandomObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = random_type_slots,
};

static int
random_exec(PyObject *m)
{
    if (Random_Type == NULL) {
        Random_Type = (PyTypeObject *)PyType_FromSpec(&random_type_spec);
        if (Random_Type == NULL) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(m, "Random", (PyObject *)Random_Type);
}

static PyModuleDef_Slot random_slots[] = {
    {Py_mod_exec, (void *)random_exec},
    {0, NULL},
};

static PyModuleDef random_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_random",
    .m_doc = "Module implements the Mersenne Twister random number generator.",
    .m_size = 0,
    .m_slots = random_slots,
};

PyMODINIT_FUNC PyInit__random(void);

/* The _random module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit__random(void)
{
    return PyModuleDef_Init(&random_module);
}

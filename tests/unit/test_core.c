/* test_core.c: unit tests of the runtime foundation: allocators and fault injection, hashing
 * against values recorded from the oracle (core_expect.h, gen_core_expect.py), thread state,
 * recursion accounting and the PyErr_* API. */
#include <errno.h>
#include <math.h>

#include "Python.h"
#include "harness.h"
#include "pyrs/hash.h"
#include "pyrs/lifecycle.h"
#include "pyrs/mem.h"
#include "pyrs/state.h"

#include "core_expect.h"

static void
test_raw_and_mem_allocators(void)
{
    void *a = PyMem_RawMalloc(0), *b = PyMem_RawMalloc(0);
    CHECK(a != NULL && b != NULL && a != b);
    PyMem_RawFree(a);
    PyMem_RawFree(b);
    char *p = PyMem_Malloc(10);
    CHECK(p != NULL);
    memcpy(p, "123456789", 10);
    p = PyMem_Realloc(p, 100000);
    CHECK(p != NULL && strcmp(p, "123456789") == 0);
    PyMem_Free(p);
    unsigned char *z = PyMem_Calloc(100, 10);
    int zero = z != NULL;
    for (int i = 0; z != NULL && i < 1000; i++) {
        zero &= z[i] == 0;
    }
    CHECK(zero);
    PyMem_Free(z);
    CHECK(PyMem_Malloc((size_t)PY_SSIZE_T_MAX + 1) == NULL);
    CHECK(PyMem_Calloc((size_t)1 << 40, (size_t)1 << 40) == NULL);
    CHECK(PyMem_RawRealloc(NULL, (size_t)-1) == NULL);
    int *arr = PyMem_New(int, (size_t)PY_SSIZE_T_MAX);
    CHECK(arr == NULL);
    void *o = PyObject_Malloc(0);
    CHECK(o != NULL);
    o = PyObject_Realloc(o, 64);
    CHECK(o != NULL);
    PyObject_Free(o);
    PyObject_Free(NULL);
    PyMem_Free(NULL);
    char *dup = _PyMem_Strdup("pyrs");
    CHECK_EQ_STR(dup, "pyrs");
    PyMem_Free(dup);
}

static void
test_allocator_swap(void)
{
    PyMemAllocatorEx saved, got;
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &saved);
    CHECK(saved.malloc != NULL && saved.free != NULL);
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &saved);
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &got);
    CHECK(got.malloc == saved.malloc && got.realloc == saved.realloc);
}

static void
test_fault_injection(void)
{
    long before = pyrs_mem_failed_count();
    pyrs_mem_fail_after(2);
    void *first = PyObject_Malloc(16);
    void *second = PyObject_Malloc(16);
    void *third = PyObject_Malloc(16);
    CHECK(first != NULL);
    CHECK(second == NULL);
    CHECK(third != NULL);
    CHECK_EQ_INT(pyrs_mem_failed_count(), before + 1);
    PyObject_Free(first);
    PyObject_Free(third);
    /* Raw allocations are never failed by the hook. */
    pyrs_mem_fail_after(1);
    void *raw = PyMem_RawMalloc(8);
    CHECK(raw != NULL);
    PyMem_RawFree(raw);
    void *mem = PyMem_Malloc(8);
    CHECK(mem == NULL);
    pyrs_mem_fail_after(0);
}

/* A minimal non-GC type to allocate through PyObject_New. */
typedef struct {
    PyObject_HEAD
    long payload; /* test data */
} Blob;

static PyTypeObject Blob_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "test.Blob",
    .tp_basicsize = sizeof(Blob),
    .tp_itemsize = 8,
};

/* Fail allocation N = 1, 2, ... until the operation succeeds: every failure must be a clean
 * MemoryError and the eventual success must be a valid object. */
static void
test_fail_nth_until_success(void)
{
    int failures = 0, ok = 0;
    for (long n = 1; n < 50 && !ok; n++) {
        pyrs_mem_fail_after(n);
        PyVarObject *v = _PyObject_NewVar(&Blob_Type, 5);
        pyrs_mem_fail_after(0);
        if (v == NULL) {
            failures++;
            CHECK(PyErr_ExceptionMatches(PyExc_MemoryError));
            PyErr_Clear();
            continue;
        }
        ok = 1;
        CHECK_EQ_INT(Py_SIZE(v), 5);
        CHECK(Py_TYPE(v) == &Blob_Type);
        CHECK_EQ_INT(Py_REFCNT(v), 1);
        PyObject_Free(v);
    }
    CHECK(ok);
    CHECK_EQ_INT(failures, 1);
    Blob *b = PyObject_New(Blob, &Blob_Type);
    CHECK(b != NULL);
    b->payload = 42;
    CHECK_EQ_INT(b->payload, 42);
    PyObject_Free(b);
    CHECK(_PyObject_NewVar(&Blob_Type, -1) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_MemoryError));
    PyErr_Clear();
}

/* An operation with several allocations (message str, args tuple, exception instance, its
 * normalisation): failing allocation N = 1, 2, ... must raise MemoryError cleanly each time
 * until the operation completes. */
static void
test_fail_nth_exception_creation(void)
{
    int failures = 0, ok = 0;
    for (long n = 1; n < 200 && !ok; n++) {
        pyrs_mem_fail_after(n);
        PyErr_SetString(PyExc_ValueError, "a message long enough to need the heap");
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        pyrs_mem_fail_after(0);
        if (type == PyExc_ValueError && value != NULL &&
            PyObject_TypeCheck(value, (PyTypeObject *)PyExc_ValueError)) {
            ok = 1;
        } else {
            failures++;
            CHECK(type == PyExc_MemoryError);
        }
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    CHECK(ok);
    CHECK(failures >= 2);
    CHECK(PyErr_Occurred() == NULL);
}

/* MemoryError instances come from a free list: creating one needs no allocation. */
static void
test_memory_error_without_memory(void)
{
    long before = pyrs_mem_failed_count();
    pyrs_mem_fail_after(1);
    PyObject *exc = PyObject_CallNoArgs(PyExc_MemoryError);
    long failed = pyrs_mem_failed_count() - before;
    pyrs_mem_fail_after(0);
    CHECK(exc != NULL);
    CHECK_EQ_INT(failed, 0);
    if (exc != NULL) {
        CHECK(Py_IS_TYPE(exc, (PyTypeObject *)PyExc_MemoryError));
        CHECK_EQ_INT(PyTuple_GET_SIZE(((PyBaseExceptionObject *)exc)->args), 0);
        Py_DECREF(exc);
    }
    /* PyErr_NoMemory + normalisation under a failing allocator still yields MemoryError. */
    pyrs_mem_fail_after(1);
    PyErr_NoMemory();
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    pyrs_mem_fail_after(0);
    CHECK(t == PyExc_MemoryError);
    CHECK(v != NULL && Py_IS_TYPE(v, (PyTypeObject *)PyExc_MemoryError));
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

static void
test_hash_bytes_against_oracle(void)
{
    long current = -2;
    int mismatches = 0;
    for (size_t i = 0; i < Py_ARRAY_LENGTH(hash_cases); i++) {
        const HashCase *c = &hash_cases[i];
        if (c->seed != current) {
            pyrs_hash_set_seed(c->seed);
            current = c->seed;
        }
        Py_hash_t h = _Py_HashBytes(c->data, c->len);
        if (h != c->hash) {
            fprintf(stderr, "  seed %ld case %zu: got %lld want %lld\n", c->seed, i, (long long)h,
                    c->hash);
            mismatches++;
        }
    }
    CHECK_EQ_INT(mismatches, 0);
    CHECK_EQ_INT(pyrs_hash_seed(), current);
    pyrs_hash_set_seed(0);
}

/* The text area hashes str data with _Py_HashBytes: check the end-to-end contract. */
static void
test_hash_str_end_to_end(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(str_hash_cases); i++) {
        const StrHashCase *c = &str_hash_cases[i];
        pyrs_hash_set_seed(c->seed);
        PyObject *s = PyUnicode_FromString(c->utf8);
        CHECK(s != NULL);
        if (s != NULL) {
            CHECK_EQ_INT(PyObject_Hash(s), c->hash);
            Py_DECREF(s);
        }
    }
    pyrs_hash_set_seed(0);
}

static void
test_hash_double_against_oracle(void)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(float_hash_cases); i++) {
        CHECK_EQ_INT(_Py_HashDouble(NULL, float_hash_cases[i].value), float_hash_cases[i].hash);
    }
    PyObject *anchor = (PyObject *)&Blob_Type;
    CHECK_EQ_INT(_Py_HashDouble(anchor, NAN), _Py_HashPointer(anchor));
}

static void
test_hash_pointer_and_info(void)
{
    uintptr_t addr = 0x7f0012345670;
    CHECK_EQ_INT(_Py_HashPointer((void *)addr), (Py_hash_t)((addr >> 4) | (addr << 60)));
    CHECK(_Py_HashPointer((void *)(uintptr_t)0xfffffffffffffff0ULL) != -1);
    CHECK_EQ_INT(8 * sizeof(Py_hash_t), EXPECT_HASH_WIDTH);
    CHECK((unsigned long long)_PyHASH_MODULUS == EXPECT_HASH_MODULUS);
    CHECK_EQ_INT(_PyHASH_INF, EXPECT_HASH_INF);
    CHECK_EQ_INT(_PyHASH_IMAG, EXPECT_HASH_IMAG);
    PyHash_FuncDef *def = PyHash_GetFuncDef();
    CHECK_EQ_STR(def->name, EXPECT_HASH_ALGORITHM);
    CHECK_EQ_INT(def->hash_bits, EXPECT_HASH_BITS);
    CHECK_EQ_INT(def->seed_bits, EXPECT_SEED_BITS);
    CHECK_EQ_INT(Py_HASH_CUTOFF, EXPECT_HASH_CUTOFF);
}

static void
test_thread_state(void)
{
    PyThreadState *t = PyThreadState_Get();
    CHECK(t != NULL);
    CHECK(_PyThreadState_UncheckedGet() == t);
    CHECK(t->interp == PyInterpreterState_Get());
    CHECK(PyInterpreterState_Main() == t->interp);
    CHECK(t->exc_info == &t->exc_state);
    CHECK_EQ_INT(t->recursion_limit, EXPECT_RECURSION_LIMIT);
    CHECK_EQ_INT(Py_GetRecursionLimit(), EXPECT_RECURSION_LIMIT);
    CHECK(PyInterpreterState_ThreadHead(t->interp) == t);
    CHECK(PyGILState_Check());
    PyGILState_STATE st = PyGILState_Ensure();
    PyGILState_Release(st);
    PyThreadState *saved = PyEval_SaveThread();
    CHECK(_PyThreadState_UncheckedGet() == NULL);
    PyEval_RestoreThread(saved);
    CHECK(PyThreadState_Get() == t);
    CHECK(PyThreadState_GetID(t) > 0);
    /* The ABI offsets extensions and _PyRuntime readers rely on. */
    CHECK_EQ_INT(offsetof(PyThreadState, interp), 16);
    CHECK_EQ_INT(offsetof(PyThreadState, recursion_remaining), 32);
    CHECK_EQ_INT(offsetof(PyThreadState, curexc_type), 96);
    CHECK_EQ_INT(offsetof(PyThreadState, exc_info), 120);
    CHECK_EQ_INT(offsetof(PyThreadState, exc_state), 320);
    CHECK_EQ_INT(sizeof(PyThreadState), 360);
    /* lib-dynload modules read the current thread state out of _PyRuntime. */
    CHECK(*(PyThreadState **)((unsigned char *)&_PyRuntime + 576) == t);
    CHECK(*(PyInterpreterState **)((unsigned char *)&_PyRuntime + 56) == t->interp);
    PyThreadState *prev = PyThreadState_Swap(NULL);
    CHECK(*(PyThreadState **)((unsigned char *)&_PyRuntime + 576) == NULL);
    PyThreadState_Swap(prev);
    CHECK(*(PyThreadState **)((unsigned char *)&_PyRuntime + 576) == t);
}

static void
test_recursion_limit(void)
{
    int depth = 0, failed = 0;
    while (depth < 5000) {
        if (Py_EnterRecursiveCall(" while testing")) {
            failed = 1;
            break;
        }
        depth++;
    }
    CHECK(failed);
    CHECK_EQ_INT(depth, EXPECT_RECURSION_LIMIT);
    CHECK(PyErr_ExceptionMatches(PyExc_RecursionError));
    while (depth-- > 0) {
        Py_LeaveRecursiveCall();
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *s = value != NULL ? PyObject_Str(value) : NULL;
    CHECK_EQ_STR(s != NULL ? PyUnicode_AsUTF8(s) : NULL,
                 "maximum recursion depth exceeded while testing");
    Py_XDECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    CHECK_EQ_INT(PyThreadState_Get()->recursion_remaining, EXPECT_RECURSION_LIMIT);
    Py_SetRecursionLimit(50);
    CHECK_EQ_INT(Py_GetRecursionLimit(), 50);
    Py_SetRecursionLimit(EXPECT_RECURSION_LIMIT);
}

static void
test_error_basics(void)
{
    CHECK(PyErr_Occurred() == NULL);
    PyErr_SetString(PyExc_ValueError, "bad value");
    CHECK(PyErr_Occurred() == PyExc_ValueError);
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    CHECK(PyErr_ExceptionMatches(PyExc_Exception));
    CHECK(!PyErr_ExceptionMatches(PyExc_TypeError));
    PyObject *tuple = PyTuple_Pack(2, PyExc_TypeError, PyExc_ValueError);
    CHECK(PyErr_ExceptionMatches(tuple));
    Py_DECREF(tuple);
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    CHECK(PyErr_Occurred() == NULL);
    CHECK(type == PyExc_ValueError);
    CHECK(value != NULL && PyUnicode_Check(value));
    PyErr_NormalizeException(&type, &value, &tb);
    CHECK(PyObject_TypeCheck(value, (PyTypeObject *)PyExc_ValueError));
    PyObject *s = PyObject_Str(value);
    CHECK_EQ_STR(PyUnicode_AsUTF8(s), "bad value");
    Py_DECREF(s);
    PyErr_Restore(type, value, tb);
    CHECK(PyErr_Occurred() == PyExc_ValueError);
    PyErr_Clear();
    CHECK(PyErr_Occurred() == NULL);

    CHECK(PyErr_Format(PyExc_TypeError, "%s takes %d", "f", 3) == NULL);
    PyErr_Fetch(&type, &value, &tb);
    CHECK(type == PyExc_TypeError);
    s = PyObject_Str(value);
    CHECK_EQ_STR(PyUnicode_AsUTF8(s), "f takes 3");
    Py_DECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);

    CHECK(PyErr_NoMemory() == NULL);
    CHECK(PyErr_Occurred() == PyExc_MemoryError);
    PyErr_Clear();
    PyErr_BadInternalCall();
    CHECK(PyErr_Occurred() == PyExc_SystemError);
    PyErr_Clear();
    CHECK(PyErr_BadArgument() == 0);
    CHECK(PyErr_Occurred() == PyExc_TypeError);
    PyErr_Clear();
    /* Matching a non-exception given and a NULL. */
    CHECK(!PyErr_GivenExceptionMatches(NULL, PyExc_Exception));
    CHECK(PyErr_GivenExceptionMatches(PyExc_KeyError, PyExc_LookupError));
    CHECK(!PyErr_GivenExceptionMatches(PyExc_LookupError, PyExc_KeyError));
}

static void
test_error_set_object_not_exception(void)
{
    PyErr_SetObject(Py_None, NULL);
    CHECK(PyErr_Occurred() == PyExc_SystemError);
    PyErr_Clear();
}

static void
test_errno(void)
{
    errno = ENOENT;
    CHECK(PyErr_SetFromErrnoWithFilename(PyExc_OSError, "missing.txt") == NULL);
    CHECK(PyErr_Occurred() == PyExc_FileNotFoundError);
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *s = PyObject_Str(value);
    CHECK_EQ_STR(s ? PyUnicode_AsUTF8(s) : NULL,
                 "[Errno 2] No such file or directory: 'missing.txt'");
    Py_XDECREF(s);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    PyErr_Clear();
    errno = EACCES;
    PyErr_SetFromErrno(PyExc_OSError);
    CHECK(PyErr_Occurred() == PyExc_PermissionError);
    PyErr_Clear();
}

static void
test_handled_exception(void)
{
    CHECK(PyErr_GetHandledException() == NULL);
    PyObject *exc = PyObject_CallOneArg(PyExc_KeyError, Py_None);
    CHECK(exc != NULL);
    PyErr_SetHandledException(exc);
    PyObject *got = PyErr_GetHandledException();
    CHECK(got == exc);
    Py_XDECREF(got);
    PyObject *t, *v, *tb;
    PyErr_GetExcInfo(&t, &v, &tb);
    CHECK(t == PyExc_KeyError && v == exc && tb == Py_None);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    /* Raising while handling chains the handled exception as __context__. */
    PyErr_SetString(PyExc_ValueError, "inner");
    PyObject *rt, *rv, *rtb;
    PyErr_Fetch(&rt, &rv, &rtb);
    CHECK(rv != NULL && PyExceptionInstance_Check(rv));
    PyObject *ctx = rv != NULL ? PyException_GetContext(rv) : NULL;
    CHECK(ctx == exc);
    Py_XDECREF(ctx);
    Py_XDECREF(rt);
    Py_XDECREF(rv);
    Py_XDECREF(rtb);
    PyErr_SetHandledException(NULL);
    CHECK(PyErr_GetHandledException() == NULL);
    Py_DECREF(exc);
}

/* _PyErr_FormatFromCause: the pending error becomes __cause__ (and __context__) of the new
 * one; _PyErr_ChainExceptions: a saved error becomes __context__ of the pending one. */
static void
test_chaining_helpers(void)
{
    PyErr_SetString(PyExc_KeyError, "inner");
    CHECK(_PyErr_FormatFromCause(PyExc_RuntimeError, "outer %d", 7) == NULL);
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    CHECK(t == PyExc_RuntimeError);
    PyObject *cause = v != NULL ? PyException_GetCause(v) : NULL;
    PyObject *ctx = v != NULL ? PyException_GetContext(v) : NULL;
    CHECK(cause != NULL && Py_IS_TYPE(cause, (PyTypeObject *)PyExc_KeyError));
    CHECK(ctx == cause);
    CHECK(v != NULL && ((PyBaseExceptionObject *)v)->suppress_context);
    PyObject *s = v != NULL ? PyObject_Str(v) : NULL;
    CHECK_EQ_STR(s != NULL ? PyUnicode_AsUTF8(s) : NULL, "outer 7");
    Py_XDECREF(s);
    Py_XDECREF(cause);
    Py_XDECREF(ctx);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);

    PyErr_SetString(PyExc_KeyError, "saved");
    PyErr_Fetch(&t, &v, &tb);
    PyErr_SetString(PyExc_ValueError, "current");
    _PyErr_ChainExceptions(t, v, tb);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    CHECK(t2 == PyExc_ValueError);
    ctx = v2 != NULL ? PyException_GetContext(v2) : NULL;
    CHECK(ctx != NULL && Py_IS_TYPE(ctx, (PyTypeObject *)PyExc_KeyError));
    Py_XDECREF(ctx);
    Py_XDECREF(t2);
    Py_XDECREF(v2);
    Py_XDECREF(tb2);
    /* With nothing pending the saved error is simply restored. */
    PyErr_SetString(PyExc_KeyError, "alone");
    PyErr_Fetch(&t, &v, &tb);
    _PyErr_ChainExceptions(t, v, tb);
    CHECK(PyErr_Occurred() == PyExc_KeyError);
    PyErr_Clear();
}

static void
test_new_exception(void)
{
    PyObject *cls = PyErr_NewException("mymod.MyError", NULL, NULL);
    CHECK(cls != NULL && PyExceptionClass_Check(cls));
    if (cls != NULL) {
        CHECK(PyType_IsSubtype((PyTypeObject *)cls, (PyTypeObject *)PyExc_Exception));
        PyObject *mod = PyObject_GetAttrString(cls, "__module__");
        CHECK_EQ_STR(mod ? PyUnicode_AsUTF8(mod) : NULL, "mymod");
        Py_XDECREF(mod);
        Py_DECREF(cls);
    }
    PyErr_Clear();
    CHECK(PyErr_NewException("nodot", NULL, NULL) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
}

static void
run_tests(void)
{
    /* Seed 0 at start-up, so that re-keying back to 0 after the hash tests restores the key
     * every cached str hash was computed with. */
    setenv("PYTHONHASHSEED", "0", 1);
    CHECK_EQ_INT(pyrs_runtime_init(), 0);
    CHECK_EQ_INT(pyrs_runtime_init(), 0); /* idempotent */
    CHECK_EQ_INT(pyrs_hash_seed(), 0);
    test_raw_and_mem_allocators();
    test_allocator_swap();
    test_fault_injection();
    test_fail_nth_until_success();
    test_fail_nth_exception_creation();
    test_memory_error_without_memory();
    test_hash_bytes_against_oracle();
    test_hash_str_end_to_end();
    test_hash_double_against_oracle();
    test_hash_pointer_and_info();
    test_thread_state();
    test_recursion_limit();
    test_error_basics();
    test_error_set_object_not_exception();
    test_errno();
    test_handled_exception();
    test_chaining_helpers();
    test_new_exception();
    CHECK(PyErr_Occurred() == NULL);
}

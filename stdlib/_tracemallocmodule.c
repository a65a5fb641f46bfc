/* _tracemallocmodule.c: the _tracemalloc module behind tracemalloc (CPython 3.11's API):
 * start(nframe) hooks the PyMem and PyObject allocator domains and records, per live block,
 * its size and the Python frames (filename, line) that allocated it, most recent first;
 * get_traced_memory, reset_peak, clear_traces, _get_traces, _get_object_traceback read the
 * records. The raw domain is not traced (it may be used without the GIL). */
#include "Python.h"
#include "pyrs/frame.h"
#include "pyrs/gc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NFRAME 65535

typedef struct {
    PyObject *filename; /* owned str */
    int lineno;
} TraceFrame;

typedef struct {
    uintptr_t ptr; /* 0: empty slot; 1: deleted slot */
    size_t size;
    unsigned domain;
    int nframe;         /* frames kept */
    int total_nframe;   /* frames the stack had */
    TraceFrame *frames; /* malloc'ed array of nframe */
} Trace;

#define SLOT_EMPTY   ((uintptr_t)0)
#define SLOT_DELETED ((uintptr_t)1)

static struct {
    int tracing;
    int nframe_limit;
    int reentrant; /* inside the tracer: allocations made here are not traced */
    Trace *slots;  /* open addressing on the block address */
    size_t capacity, used, live;
    size_t traced, peak, own_memory;
    PyMemAllocatorEx saved[2]; /* the MEM and OBJ allocators found by start() */
} tm = {.nframe_limit = 1};

static size_t
slot_index(uintptr_t ptr)
{
    uint64_t h = (uint64_t)ptr * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (tm.capacity - 1);
}

static void
trace_release(Trace *t)
{
    for (int i = 0; i < t->nframe; i++) {
        Py_XDECREF(t->frames[i].filename);
    }
    free(t->frames);
    tm.own_memory -= sizeof(TraceFrame) * (size_t)t->nframe;
    tm.traced -= t->size;
    t->frames = NULL;
    t->ptr = SLOT_DELETED;
    tm.live--;
}

static Trace *
trace_find(uintptr_t ptr)
{
    if (tm.capacity == 0) {
        return NULL;
    }
    for (size_t i = slot_index(ptr);; i = (i + 1) & (tm.capacity - 1)) {
        if (tm.slots[i].ptr == ptr) {
            return &tm.slots[i];
        }
        if (tm.slots[i].ptr == SLOT_EMPTY) {
            return NULL;
        }
    }
}

/* Rebuilds the table with twice the capacity (or the first one); 0, or -1 out of memory. */
static int
table_grow(void)
{
    size_t cap = tm.capacity ? tm.capacity * 2 : 1024;
    while (tm.live * 3 >= cap * 2) {
        cap *= 2;
    }
    Trace *slots = calloc(cap, sizeof(Trace));
    if (slots == NULL) {
        return -1;
    }
    Trace *old = tm.slots;
    size_t old_cap = tm.capacity;
    tm.slots = slots;
    tm.capacity = cap;
    tm.used = tm.live;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].ptr > SLOT_DELETED) {
            size_t j = slot_index(old[i].ptr);
            while (slots[j].ptr != SLOT_EMPTY) {
                j = (j + 1) & (cap - 1);
            }
            slots[j] = old[i];
        }
    }
    free(old);
    tm.own_memory += (cap - old_cap) * sizeof(Trace);
    return 0;
}

/* The running Python frames, innermost first, up to the limit, into T. */
static void
capture_frames(Trace *t)
{
    int total = 0;
    for (PyrsFrame *f = pyrs_frame_top(); f != NULL; f = pyrs_frame_back(f)) {
        total++;
    }
    int n = total < tm.nframe_limit ? total : tm.nframe_limit;
    t->total_nframe = total;
    t->nframe = n > 0 ? n : 1;
    t->frames = malloc(sizeof(TraceFrame) * (size_t)t->nframe);
    if (t->frames == NULL) {
        t->nframe = 0;
        return;
    }
    tm.own_memory += sizeof(TraceFrame) * (size_t)t->nframe;
    if (n == 0) { /* no Python code running: CPython's "<unknown>" frame */
        t->frames[0].filename = PyUnicode_InternFromString("<unknown>");
        t->frames[0].lineno = 0;
        return;
    }
    PyrsFrame *f = pyrs_frame_top();
    for (int i = 0; i < n; i++, f = pyrs_frame_back(f)) {
        t->frames[i].filename = Py_NewRef(f->code->co_filename);
        t->frames[i].lineno = pyrs_frame_line(f);
    }
}

static void
trace_add(unsigned domain, void *ptr, size_t size)
{
    if (ptr == NULL || tm.reentrant) {
        return;
    }
    tm.reentrant = 1;
    Trace *old = trace_find((uintptr_t)ptr);
    if (old != NULL) {
        trace_release(old);
    }
    if ((tm.used + 1) * 3 < tm.capacity * 2 || table_grow() == 0) {
        size_t i = slot_index((uintptr_t)ptr);
        while (tm.slots[i].ptr > SLOT_DELETED) {
            i = (i + 1) & (tm.capacity - 1);
        }
        Trace *t = &tm.slots[i];
        if (t->ptr == SLOT_EMPTY) {
            tm.used++;
        }
        t->ptr = (uintptr_t)ptr;
        t->size = size;
        t->domain = domain;
        capture_frames(t);
        tm.live++;
        tm.traced += size;
        if (tm.traced > tm.peak) {
            tm.peak = tm.traced;
        }
    }
    tm.reentrant = 0;
}

static void
trace_remove(void *ptr)
{
    Trace *t = ptr != NULL ? trace_find((uintptr_t)ptr) : NULL;
    if (t != NULL) {
        trace_release(t);
    }
}

/* The hooks: CTX is the saved allocator of the domain (index 0: MEM, 1: OBJ). */
static unsigned
domain_of(void *ctx)
{
    return ctx == &tm.saved[0] ? PYMEM_DOMAIN_MEM : PYMEM_DOMAIN_OBJ;
}

static void *
hook_malloc(void *ctx, size_t size)
{
    PyMemAllocatorEx *a = ctx;
    void *p = a->malloc(a->ctx, size);
    trace_add(domain_of(ctx), p, size);
    return p;
}

static void *
hook_calloc(void *ctx, size_t n, size_t size)
{
    PyMemAllocatorEx *a = ctx;
    void *p = a->calloc(a->ctx, n, size);
    trace_add(domain_of(ctx), p, n * size);
    return p;
}

static void *
hook_realloc(void *ctx, void *old, size_t size)
{
    PyMemAllocatorEx *a = ctx;
    void *p = a->realloc(a->ctx, old, size);
    if (p != NULL) {
        trace_remove(old);
        trace_add(domain_of(ctx), p, size);
    }
    return p;
}

static void
hook_free(void *ctx, void *p)
{
    PyMemAllocatorEx *a = ctx;
    trace_remove(p);
    a->free(a->ctx, p);
}

static void
clear_all(void)
{
    for (size_t i = 0; i < tm.capacity; i++) {
        if (tm.slots[i].ptr > SLOT_DELETED) {
            trace_release(&tm.slots[i]);
        }
    }
    free(tm.slots);
    tm.own_memory -= tm.capacity * sizeof(Trace);
    tm.slots = NULL;
    tm.capacity = tm.used = tm.live = 0;
    tm.traced = tm.peak = 0;
}

/* The C-API for blocks extensions allocate themselves (numpy's array data): 0, or -2 while
 * tracemalloc is not tracing, as CPython's. May be called without the GIL. */
PyAPI_FUNC(int) PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);

int
PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size)
{
    if (!tm.tracing) {
        return -2;
    }
    PyGILState_STATE g = PyGILState_Ensure();
    trace_add(domain, (void *)ptr, size);
    PyGILState_Release(g);
    return 0;
}

int
PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr)
{
    if (!tm.tracing) {
        return -2;
    }
    PyGILState_STATE g = PyGILState_Ensure();
    Trace *t = trace_find(ptr);
    if (t != NULL && t->domain == domain) {
        trace_release(t);
    }
    PyGILState_Release(g);
    return 0;
}

static PyObject *
tm_start(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("start", nargs, 0, 1)) {
        return NULL;
    }
    int nframe = 1;
    if (nargs == 1) {
        nframe = _PyLong_AsInt(args[0]);
        if (nframe == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (nframe < 1 || nframe > MAX_NFRAME) {
        PyErr_Format(PyExc_ValueError, "the number of frames must be in range [1; %d]", MAX_NFRAME);
        return NULL;
    }
    tm.nframe_limit = nframe;
    if (tm.tracing) {
        Py_RETURN_NONE;
    }
    static const PyMemAllocatorDomain domains[2] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
    for (int i = 0; i < 2; i++) {
        PyMem_GetAllocator(domains[i], &tm.saved[i]);
        PyMemAllocatorEx hook = {&tm.saved[i], hook_malloc, hook_calloc, hook_realloc, hook_free};
        PyMem_SetAllocator(domains[i], &hook);
    }
    tm.tracing = 1;
    Py_RETURN_NONE;
}

static PyObject *
tm_stop(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    if (tm.tracing) {
        PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &tm.saved[0]);
        PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &tm.saved[1]);
        tm.tracing = 0;
        clear_all();
    }
    Py_RETURN_NONE;
}

static PyObject *
tm_is_tracing(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(tm.tracing);
}

static PyObject *
tm_clear_traces(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    if (tm.tracing) {
        tm.reentrant = 1;
        clear_all();
        tm.reentrant = 0;
    }
    Py_RETURN_NONE;
}

static PyObject *
tm_get_traced_memory(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(nn)", (Py_ssize_t)tm.traced, (Py_ssize_t)tm.peak);
}

static PyObject *
tm_reset_peak(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    tm.peak = tm.traced;
    Py_RETURN_NONE;
}

static PyObject *
tm_get_traceback_limit(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(tm.nframe_limit);
}

static PyObject *
tm_get_tracemalloc_memory(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSize_t(tm.own_memory);
}

/* ((filename, lineno), ...) of trace T, innermost first. */
static PyObject *
frames_tuple(const Trace *t)
{
    PyObject *tuple = PyTuple_New(t->nframe);
    for (int i = 0; tuple != NULL && i < t->nframe; i++) {
        PyObject *frame = Py_BuildValue("(Oi)", t->frames[i].filename, t->frames[i].lineno);
        if (frame == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SET_ITEM(tuple, i, frame);
    }
    return tuple;
}

static PyObject *
tm_get_traces(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(0);
    if (list == NULL || !tm.tracing) {
        return list;
    }
    /* Snapshot the records first: building the result allocates (and is traced). */
    size_t n = 0, cap = tm.live;
    Trace *copy = malloc(sizeof(Trace) * (cap ? cap : 1));
    if (copy == NULL) {
        Py_DECREF(list);
        return PyErr_NoMemory();
    }
    tm.reentrant = 1;
    for (size_t i = 0; i < tm.capacity && n < cap; i++) {
        if (tm.slots[i].ptr > SLOT_DELETED) {
            copy[n] = tm.slots[i];
            for (int k = 0; k < copy[n].nframe; k++) {
                Py_INCREF(copy[n].frames[k].filename);
            }
            n++;
        }
    }
    tm.reentrant = 0;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        PyObject *frames = failed ? NULL : frames_tuple(&copy[i]);
        PyObject *item = frames != NULL
                             ? Py_BuildValue("(InNi)", copy[i].domain, (Py_ssize_t)copy[i].size,
                                             frames, copy[i].total_nframe)
                             : NULL;
        if (item == NULL || PyList_Append(list, item) < 0) {
            failed = 1;
        }
        Py_XDECREF(item);
        for (int k = 0; k < copy[i].nframe; k++) {
            Py_DECREF(copy[i].frames[k].filename);
        }
    }
    free(copy);
    if (failed) {
        Py_CLEAR(list);
    }
    return list;
}

static PyObject *
tm_get_object_traceback(PyObject *Py_UNUSED(m), PyObject *obj)
{
    if (!tm.tracing) {
        Py_RETURN_NONE;
    }
    /* The block starts at the pre-header (GC head, managed dict pointers) of the object. */
    uintptr_t ptr = (uintptr_t)obj - pyrs_gc_preheader_size(Py_TYPE(obj));
    Trace *t = trace_find(ptr);
    if (t == NULL) {
        t = trace_find((uintptr_t)obj);
    }
    if (t == NULL) {
        Py_RETURN_NONE;
    }
    Trace copy = *t;
    return frames_tuple(&copy);
}

static PyMethodDef tm_methods[] = {
    {"start", (PyCFunction)(void (*)(void))tm_start, METH_FASTCALL,
     "start($module, nframe=1, /)\n--\n\nStart tracing Python memory allocations."},
    {"stop", tm_stop, METH_NOARGS,
     "stop($module, /)\n--\n\nStop tracing Python memory allocations."},
    {"is_tracing", tm_is_tracing, METH_NOARGS,
     "is_tracing($module, /)\n--\n\nReturn True if tracemalloc is tracing memory allocations."},
    {"clear_traces", tm_clear_traces, METH_NOARGS,
     "clear_traces($module, /)\n--\n\nClear the traces of memory blocks."},
    {"get_traced_memory", tm_get_traced_memory, METH_NOARGS,
     "get_traced_memory($module, /)\n--\n\nGet the current and peak size of traced blocks."},
    {"reset_peak", tm_reset_peak, METH_NOARGS,
     "reset_peak($module, /)\n--\n\nSet the peak size of traced blocks to the current size."},
    {"get_traceback_limit", tm_get_traceback_limit, METH_NOARGS,
     "get_traceback_limit($module, /)\n--\n\nGet the maximum number of frames of a trace."},
    {"get_tracemalloc_memory", tm_get_tracemalloc_memory, METH_NOARGS,
     "get_tracemalloc_memory($module, /)\n--\n\nGet the memory used by the tracer itself."},
    {"_get_traces", tm_get_traces, METH_NOARGS,
     "_get_traces($module, /)\n--\n\nGet the traces of all traced memory blocks."},
    {"_get_object_traceback", tm_get_object_traceback, METH_O,
     "_get_object_traceback($module, obj, /)\n--\n\nGet the traceback where obj was allocated."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef tm_module = {
    PyModuleDef_HEAD_INIT,
    "_tracemalloc",
    "Debug module to trace memory blocks allocated by Python.",
    -1,
    tm_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__tracemalloc(void);

PyMODINIT_FUNC
PyInit__tracemalloc(void)
{
    return PyModule_Create(&tm_module);
}

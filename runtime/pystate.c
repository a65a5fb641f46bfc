/* pystate.c: the main interpreter and the thread states (CPython 3.11's PyThreadState
 * layout, extended by PyrsThreadState), the current-thread pointer, the thread-state list and
 * recursion-depth accounting (RecursionError "maximum recursion depth exceeded%s" with 50
 * calls of headroom). The GIL itself is runtime/ceval_gil.c. */
#include "pyrs/state.h"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pyrs/frame.h"
#include "pyrs/frameobject.h"
#include "pyrs/gil.h"
#include "pyrs/lifecycle.h"

static struct _is main_interp = {.recursion_limit = PY_MAX_RECURSION_LIMIT_DEFAULT};
static PyrsThreadState main_tstate;
static __thread PyThreadState *this_thread; /* the calling OS thread's thread state */
/* Guards the interpreter's thread-state list: PyGILState_Ensure creates thread states on
 * threads that do not hold the GIL. */
static pthread_mutex_t head_lock = PTHREAD_MUTEX_INITIALIZER;
__attribute__((aligned(64))) PyrsRuntimeState _PyRuntime;
_Static_assert(sizeof(PyrsRuntimeState) == PYRS_RUNTIME_SIZE, "_PyRuntime size");
_Static_assert(offsetof(PyrsRuntimeState, tstate_current) == PYRS_RUNTIME_TSTATE_OFFSET,
               "gilstate.tstate_current offset");

static void
tstate_setup(PyThreadState *tstate, PyInterpreterState *interp)
{
    memset(tstate, 0, sizeof(PyrsThreadState));
    tstate->interp = interp;
    tstate->recursion_limit = interp->recursion_limit;
    tstate->recursion_remaining = interp->recursion_limit;
    tstate->exc_info = &tstate->exc_state;
    tstate->cframe = &tstate->root_cframe;
    tstate->gilstate_counter = 1;
    tstate->thread_id = (unsigned long)pthread_self();
    tstate->native_thread_id = (unsigned long)syscall(SYS_gettid);
    pthread_mutex_lock(&head_lock);
    tstate->id = ++interp->next_tstate_id;
    tstate->next = interp->tstate_head;
    if (interp->tstate_head != NULL) {
        interp->tstate_head->prev = tstate;
    }
    interp->tstate_head = tstate;
    pthread_mutex_unlock(&head_lock);
    tstate->_initialized = 1;
}

/* Takes TSTATE out of its interpreter's list (under the list lock). */
static void
tstate_unlink(PyThreadState *tstate)
{
    PyInterpreterState *interp = tstate->interp;
    pthread_mutex_lock(&head_lock);
    if (tstate->prev != NULL) {
        tstate->prev->next = tstate->next;
    } else if (interp->tstate_head == tstate) {
        interp->tstate_head = tstate->next;
    }
    if (tstate->next != NULL) {
        tstate->next->prev = tstate->prev;
    }
    tstate->prev = tstate->next = NULL;
    pthread_mutex_unlock(&head_lock);
}

/* Unlinks TSTATE and frees its memory and frame arena (no references are released). */
static void
tstate_free(PyThreadState *tstate)
{
    tstate_unlink(tstate);
    PyrsThreadState *ext = (PyrsThreadState *)tstate;
    pyrs_frame_stack_free(ext->frame_chunk);
    ext->frame_chunk = NULL;
    if (!tstate->_static) {
        PyMem_RawFree(tstate);
    }
}

PyThreadState *
pyrs_state_this_thread(void)
{
    return this_thread;
}

void
pyrs_state_bind(PyThreadState *tstate)
{
    this_thread = tstate;
    if (tstate != NULL) {
        tstate->thread_id = (unsigned long)pthread_self();
        tstate->native_thread_id = (unsigned long)syscall(SYS_gettid);
    }
}

PyThreadState *
pyrs_state_main(void)
{
    return &main_tstate.base;
}

void
pyrs_state_delete(PyThreadState *tstate)
{
    tstate_free(tstate);
}

void
pyrs_state_delete_others(PyThreadState *tstate)
{
    /* _thread._count(): only the forking thread survives, counted when _thread started it */
    main_interp.num_threads = tstate != &main_tstate.base;
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER; /* a dead thread may have held it */
    head_lock = fresh;
    PyThreadState *t = main_interp.tstate_head;
    while (t != NULL) {
        PyThreadState *next = t->next;
        if (t != tstate) {
            /* frame objects may still point into its frames: the arena is left allocated */
            ((PyrsThreadState *)t)->frame_chunk = NULL;
            tstate_free(t);
        }
        t = next;
    }
}

int
pyrs_state_init(void)
{
    if (pyrs_state_current != NULL) {
        return 0;
    }
    tstate_setup(&main_tstate.base, &main_interp);
    main_tstate.base._static = 1;
    _PyRuntime.main_interp = &main_interp;
    this_thread = &main_tstate.base;
    pyrs_gil_init(&main_tstate.base);
    pyrs_state_current = &main_tstate.base;
    return 0;
}

PyThreadState *
_PyThreadState_UncheckedGet(void)
{
    return pyrs_state_current;
}

PyThreadState *
PyThreadState_Get(void)
{
    if (pyrs_state_current == NULL) {
        pyrs_fatal("PyThreadState_Get: the function must be called with the GIL held, "
                   "but the GIL is released (the current Python thread state is NULL)");
    }
    return pyrs_state_current;
}

PyThreadState *
PyThreadState_Swap(PyThreadState *tstate)
{
    PyThreadState *old = pyrs_state_current;
    pyrs_state_current = tstate;
    return old;
}

PyObject *
PyThreadState_GetDict(void)
{
    PyThreadState *tstate = pyrs_state_current;
    if (tstate == NULL) {
        return NULL;
    }
    if (tstate->dict == NULL) {
        tstate->dict = PyDict_New();
        if (tstate->dict == NULL) {
            PyErr_Clear();
        }
    }
    return tstate->dict;
}

PyObject *
_PyThreadState_GetDict(PyThreadState *tstate)
{
    if (tstate->dict == NULL) {
        tstate->dict = PyDict_New();
    }
    return tstate->dict;
}

PyInterpreterState *
PyThreadState_GetInterpreter(PyThreadState *tstate)
{
    return tstate->interp;
}

uint64_t
PyThreadState_GetID(PyThreadState *tstate)
{
    return tstate->id;
}

struct _frame *
PyThreadState_GetFrame(PyThreadState *tstate)
{
    PyrsFrame *f = pyrs_frame_of(tstate->cframe->current_frame);
    if (f == NULL) {
        return NULL;
    }
    PyObject *fo = pyrs_frameobj_get(f); /* a new reference, made on first use */
    if (fo == NULL) {
        PyErr_Clear();
    }
    return (struct _frame *)fo;
}

PyThreadState *
PyThreadState_New(PyInterpreterState *interp)
{
    PyThreadState *tstate = PyMem_RawMalloc(sizeof(PyrsThreadState));
    if (tstate != NULL) {
        tstate_setup(tstate, interp);
    }
    return tstate;
}

void
PyThreadState_Clear(PyThreadState *tstate)
{
    Py_CLEAR(tstate->dict);
    Py_CLEAR(tstate->async_exc);
    Py_CLEAR(tstate->curexc_type);
    Py_CLEAR(tstate->curexc_value);
    Py_CLEAR(tstate->curexc_traceback);
    Py_CLEAR(tstate->exc_state.exc_value);
    Py_CLEAR(tstate->c_profileobj);
    Py_CLEAR(tstate->c_traceobj);
    Py_CLEAR(tstate->async_gen_firstiter);
    Py_CLEAR(tstate->async_gen_finalizer);
    Py_CLEAR(tstate->context);
    Py_CLEAR(((PyrsThreadState *)tstate)->repr_list);
    Py_CLEAR(((PyrsThreadState *)tstate)->start_func);
    if (tstate->on_delete != NULL) {
        void (*hook)(void *) = tstate->on_delete;
        tstate->on_delete = NULL;
        hook(tstate->on_delete_data);
    }
}

void
PyThreadState_Delete(PyThreadState *tstate)
{
    if (pyrs_state_current == tstate) {
        pyrs_fatal("PyThreadState_Delete: tstate is still current");
    }
    if (this_thread == tstate) {
        this_thread = NULL;
    }
    tstate_free(tstate);
}

int
PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc)
{
    int count = 0;
    for (PyThreadState *t = main_interp.tstate_head; t != NULL; t = t->next) {
        if (t->thread_id == id) {
            Py_XINCREF(exc);
            Py_XSETREF(t->async_exc, exc);
            count++;
        }
    }
    pyrs_gil_recompute();
    return count;
}

void
PyThreadState_EnterTracing(PyThreadState *tstate)
{
    tstate->tracing++;
    tstate->cframe->use_tracing = 0;
}

void
PyThreadState_LeaveTracing(PyThreadState *tstate)
{
    tstate->tracing--;
    tstate->cframe->use_tracing = (tstate->c_tracefunc != NULL || tstate->c_profilefunc != NULL);
}

PyThreadState *
PyInterpreterState_ThreadHead(PyInterpreterState *interp)
{
    return interp->tstate_head;
}

PyThreadState *
PyThreadState_Next(PyThreadState *tstate)
{
    return tstate->next;
}

PyInterpreterState *
PyInterpreterState_Get(void)
{
    return PyThreadState_Get()->interp;
}

PyInterpreterState *
PyInterpreterState_Main(void)
{
    return &main_interp;
}

PyInterpreterState *
PyInterpreterState_Head(void)
{
    return &main_interp;
}

PyInterpreterState *
PyInterpreterState_Next(PyInterpreterState *interp)
{
    return interp->next;
}

int64_t
PyInterpreterState_GetID(PyInterpreterState *interp)
{
    return interp->id;
}

PyObject *
PyInterpreterState_GetDict(PyInterpreterState *interp)
{
    if (interp->dict == NULL) {
        interp->dict = PyDict_New();
        if (interp->dict == NULL) {
            PyErr_Clear();
        }
    }
    return interp->dict;
}

int
_Py_CheckRecursiveCall(PyThreadState *tstate, const char *where)
{
    if (tstate->recursion_headroom) {
        if (tstate->recursion_remaining < -50) {
            /* Overflowing while handling an overflow: nothing sane is left to do. */
            pyrs_fatal("Cannot recover from stack overflow.");
        }
        return 0;
    }
    if (tstate->recursion_remaining <= 0) {
        tstate->recursion_headroom++;
        PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s", where);
        tstate->recursion_headroom--;
        ++tstate->recursion_remaining;
        return -1;
    }
    return 0;
}

int
Py_EnterRecursiveCall(const char *where)
{
    PyThreadState *tstate = PyThreadState_Get();
    return tstate->recursion_remaining-- <= 0 && _Py_CheckRecursiveCall(tstate, where);
}

void
Py_LeaveRecursiveCall(void)
{
    pyrs_state_current->recursion_remaining++;
}

int
Py_GetRecursionLimit(void)
{
    return PyThreadState_Get()->recursion_limit;
}

void
Py_SetRecursionLimit(int limit)
{
    PyInterpreterState *interp = PyThreadState_Get()->interp;
    interp->recursion_limit = limit;
    pthread_mutex_lock(&head_lock);
    for (PyThreadState *t = interp->tstate_head; t != NULL; t = t->next) {
        int depth = t->recursion_limit - t->recursion_remaining;
        t->recursion_limit = limit;
        t->recursion_remaining = limit - depth;
    }
    pthread_mutex_unlock(&head_lock);
}

/* (type, value, traceback) of EXC, or three Nones without one (3.11's exc_info form). */
static PyObject *
exc_info_tuple(PyObject *exc)
{
    if (exc == NULL || exc == Py_None) {
        return PyTuple_Pack(3, Py_None, Py_None, Py_None);
    }
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *res = PyTuple_Pack(3, (PyObject *)Py_TYPE(exc), exc, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    return res;
}

PyObject *
pyrs_state_threads_dict(int exceptions)
{
    PyObject *d = PyDict_New();
    for (PyThreadState *t = main_interp.tstate_head; d != NULL && t != NULL; t = t->next) {
        PyObject *v = NULL;
        if (t->thread_id == 0) {
            continue; /* a thread state whose thread has not started */
        }
        if (exceptions) {
            v = exc_info_tuple(_PyErr_GetTopmostException(t)->exc_value);
            if (v == NULL) {
                Py_CLEAR(d);
                break;
            }
        } else if (t->root_cframe.current_frame != NULL) {
            v = pyrs_frameobj_get(pyrs_frame_of(t->root_cframe.current_frame));
            if (v == NULL) {
                Py_CLEAR(d);
                break;
            }
        }
        if (v == NULL) {
            continue; /* a thread without Python frames */
        }
        PyObject *key = PyLong_FromUnsignedLong(t->thread_id);
        if (key == NULL || PyDict_SetItem(d, key, v) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(key);
        Py_DECREF(v);
    }
    return d;
}

struct PyrsFrame *
pyrs_state_frame_top_of(unsigned long ident)
{
    for (PyThreadState *t = main_interp.tstate_head; t != NULL; t = t->next) {
        if (t->thread_id == ident) {
            return pyrs_frame_of(t->root_cframe.current_frame);
        }
    }
    return NULL;
}

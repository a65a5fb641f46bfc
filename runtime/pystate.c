/* pystate.c: the main interpreter and thread state (CPython 3.11's PyThreadState layout),
 * the current-thread pointer, single-thread GIL-state stubs and recursion-depth accounting
 * (RecursionError "maximum recursion depth exceeded%s" with 50 calls of headroom). */
#include "pyrs/state.h"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pyrs/lifecycle.h"

static struct _is main_interp;
static PyThreadState main_tstate;
__attribute__((aligned(64))) PyrsRuntimeState _PyRuntime;
_Static_assert(sizeof(PyrsRuntimeState) == PYRS_RUNTIME_SIZE, "_PyRuntime size");
_Static_assert(offsetof(PyrsRuntimeState, tstate_current) == PYRS_RUNTIME_TSTATE_OFFSET,
               "gilstate.tstate_current offset");

static void
tstate_setup(PyThreadState *tstate, PyInterpreterState *interp)
{
    memset(tstate, 0, sizeof(*tstate));
    tstate->interp = interp;
    tstate->recursion_limit = PY_MAX_RECURSION_LIMIT_DEFAULT;
    tstate->recursion_remaining = PY_MAX_RECURSION_LIMIT_DEFAULT;
    tstate->exc_info = &tstate->exc_state;
    tstate->cframe = &tstate->root_cframe;
    tstate->gilstate_counter = 1;
    tstate->thread_id = (unsigned long)pthread_self();
    tstate->native_thread_id = (unsigned long)syscall(SYS_gettid);
    tstate->id = ++interp->next_tstate_id;
    tstate->next = interp->tstate_head;
    if (interp->tstate_head != NULL) {
        interp->tstate_head->prev = tstate;
    }
    interp->tstate_head = tstate;
    tstate->_initialized = 1;
}

int
pyrs_state_init(void)
{
    if (pyrs_state_current != NULL) {
        return 0;
    }
    tstate_setup(&main_tstate, &main_interp);
    main_tstate._static = 1;
    _PyRuntime.main_interp = &main_interp;
    pyrs_state_current = &main_tstate;
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
PyThreadState_GetFrame(PyThreadState *Py_UNUSED(tstate))
{
    /* Frame objects belong to the VM, which materialises them lazily (not yet). */
    return NULL;
}

PyThreadState *
PyThreadState_New(PyInterpreterState *interp)
{
    PyThreadState *tstate = PyMem_RawMalloc(sizeof(PyThreadState));
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
}

void
PyThreadState_Delete(PyThreadState *tstate)
{
    PyInterpreterState *interp = tstate->interp;
    if (tstate->prev != NULL) {
        tstate->prev->next = tstate->next;
    } else {
        interp->tstate_head = tstate->next;
    }
    if (tstate->next != NULL) {
        tstate->next->prev = tstate->prev;
    }
    if (pyrs_state_current == tstate) {
        pyrs_state_current = NULL;
    }
    if (!tstate->_static) {
        PyMem_RawFree(tstate);
    }
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

PyGILState_STATE
PyGILState_Ensure(void)
{
    pyrs_state_current->gilstate_counter++;
    return PyGILState_LOCKED;
}

void
PyGILState_Release(PyGILState_STATE Py_UNUSED(state))
{
    pyrs_state_current->gilstate_counter--;
}

PyThreadState *
PyGILState_GetThisThreadState(void)
{
    return &main_tstate;
}

int
PyGILState_Check(void)
{
    return pyrs_state_current != NULL;
}

PyThreadState *
PyEval_SaveThread(void)
{
    return PyThreadState_Swap(NULL);
}

void
PyEval_RestoreThread(PyThreadState *tstate)
{
    PyThreadState_Swap(tstate);
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
    PyThreadState *tstate = PyThreadState_Get();
    int depth = tstate->recursion_limit - tstate->recursion_remaining;
    tstate->recursion_limit = limit;
    tstate->recursion_remaining = limit - depth;
}

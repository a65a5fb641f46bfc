/* genobject.c: the `generator`, `coroutine` and `async_generator` types (with the asend/athrow
 * awaitables and sys.set_asyncgen_hooks). A generator owns its suspended frame on the heap; the
 * dispatch loop resumes it by linking the frame back onto the frame stack (pyrs/gen.h).
 * Mirrors CPython 3.11's Objects/genobject.c: send/throw/close, StopIteration.value, PEP 479,
 * PEP 525, "generator ignored GeneratorExit", close() when a suspended generator is finalized. */
#include "pyrs/gen.h"
#include "pyrs/eval.h"
#include "funcobject.h"
#include "pyrs/frameobject.h"
#include "pyrs/state.h"
#include "pyrs/sys.h"
#include "pyrs/vm.h"
#include "structmember.h"
#include "structseq.h"

#include "traceback.h"

/* ---- the VM side ------------------------------------------------------------------------- */

/* The generator's handled-exception level goes on top of the thread's stack while it runs,
 * as in CPython: with none of its own, sys.exception() inside sees the resumer's. */
static void
enter_exc_state(PyrsGenObject *g)
{
    PyThreadState *ts = pyrs_state_current;
    g->gi_exc_state.previous_item = ts->exc_info;
    ts->exc_info = &g->gi_exc_state;
}

static void
leave_exc_state(PyrsGenObject *g)
{
    PyThreadState *ts = pyrs_state_current;
    ts->exc_info = g->gi_exc_state.previous_item;
    g->gi_exc_state.previous_item = NULL;
}

/* The exception being thrown into G (pending) gets G's own handled exception as its
 * context, as if raised at the yield inside that handler (CPython chains it the same way). */
static void
chain_thrown(PyrsGenObject *g)
{
    PyObject *handled = g->gi_exc_state.exc_value;
    if (handled == NULL || handled == Py_None || !PyErr_Occurred()) {
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyErr_SetObject(t, v); /* chains the handled exception, avoiding cycles */
    Py_XDECREF(t);
    Py_XDECREF(v);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    Py_XDECREF(tb2);
    PyErr_Restore(t2, v2, tb);
}

/* "generator", "coroutine" or "async generator", for messages. */
static const char *
kind_name(PyrsGenObject *g)
{
    return PyrsCoro_Check(g)       ? "coroutine"
           : PyrsAsyncGen_Check(g) ? "async generator"
                                   : "generator";
}

int
pyrs_gen_link(PyrsGenObject *g, PyObject *value)
{
    if (g->gi_state == PYRS_GEN_RUNNING) {
        PyErr_Format(PyExc_ValueError, "%s already executing", kind_name(g));
        return -1;
    }
    if (g->gi_state == PYRS_GEN_CREATED && value != NULL && value != Py_None) {
        PyErr_Format(PyExc_TypeError, "can't send non-None value to a just-started %s",
                     kind_name(g));
        return -1;
    }
    PyrsFrame *f = g->gi_frame;
    if (pyrs_frame_link(f) < 0) {
        return -1;
    }
    if (g->gi_state == PYRS_GEN_SUSPENDED && value != NULL) {
        Py_XSETREF(f->regs[f->yield_reg], Py_NewRef(value));
    }
    g->gi_state = PYRS_GEN_RUNNING;
    enter_exc_state(g);
    return 0;
}

void
pyrs_gen_suspend(PyrsGenObject *g)
{
    leave_exc_state(g);
    pyrs_frame_unlink(g->gi_frame);
    g->gi_state = PYRS_GEN_SUSPENDED;
}

/* PEP 479: a StopIteration escaping the generator's body becomes a RuntimeError (and so does
 * a StopAsyncIteration escaping an async generator's). */
static void
wrap_stop_iteration(PyrsGenObject *g)
{
    const char *what = "StopIteration";
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
        if (!PyrsAsyncGen_Check(g) || !PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
            return;
        }
        what = "StopAsyncIteration";
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) {
        PyException_SetTraceback(v, tb);
    }
    PyErr_Format(PyExc_RuntimeError, "%s raised %s", kind_name(g), what);
    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    PyErr_NormalizeException(&t2, &v2, &tb2);
    PyException_SetCause(v2, Py_NewRef(v));
    PyException_SetContext(v2, v);
    Py_XDECREF(t);
    Py_XDECREF(tb);
    PyErr_Restore(t2, v2, tb2);
}

void
pyrs_gen_finish(PyrsGenObject *g)
{
    if (PyErr_Occurred()) {
        wrap_stop_iteration(g);
    }
    leave_exc_state(g);
    PyrsFrame *f = g->gi_frame;
    pyrs_frame_unlink(f);
    g->gi_frame = NULL;
    g->gi_state = PYRS_GEN_CLOSED;
    /* Freeing runs finalizers: keep a raised exception out of their way. */
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    pyrs_frame_free(f);
    PyErr_Restore(t, v, tb);
}

/* ((filename, lineno, name), ...) of up to DEPTH running frames, innermost first. */
static PyObject *
coroutine_origin(int depth)
{
    PyObject *list = PyList_New(0);
    PyrsFrame *f = pyrs_frame_top();
    for (int i = 0; list != NULL && f != NULL && i < depth; i++, f = pyrs_frame_back(f)) {
        int line = pyrs_frame_line(f);
        PyObject *item = Py_BuildValue("(OiO)", f->code->co_filename, line, f->code->co_name);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(item);
    }
    PyObject *t = list != NULL ? PyList_AsTuple(list) : NULL;
    Py_XDECREF(list);
    return t;
}

/* The VM's generator struct extends CPython's PyGenObject (genobject.h) field for field. */
_Static_assert(offsetof(PyrsGenObject, gi_code) == offsetof(PyGenObject, gi_code), "gi_code");
_Static_assert(offsetof(PyrsGenObject, gi_exc_state) == offsetof(PyGenObject, gi_exc_state),
               "gi_exc_state");
_Static_assert(offsetof(PyrsGenObject, gi_origin_or_finalizer) ==
                   offsetof(PyGenObject, gi_origin_or_finalizer),
               "gi_origin_or_finalizer");
_Static_assert(offsetof(PyrsGenObject, gi_state) == offsetof(PyGenObject, gi_frame_state),
               "gi_frame_state");
_Static_assert(offsetof(PyrsGenObject, gi_frame) == offsetof(PyGenObject, gi_iframe), "gi_iframe");

PyObject *
pyrs_gen_new_from_frame(PyrsFrame *f)
{
    PyFunctionObject *fn = (PyFunctionObject *)f->func;
    PyObject *code = Py_NewRef((PyObject *)f->code);
    PyObject *name = Py_NewRef(fn != NULL ? fn->func_name : f->code->co_name);
    PyObject *qualname = Py_NewRef(fn != NULL ? fn->func_qualname : f->code->co_qualname);
    PyrsFrame *h = pyrs_frame_detach(f);
    int flags = h != NULL ? h->code->co_flags : 0;
    PyTypeObject *tp = (flags & CO_COROUTINE)         ? &PyCoro_Type
                       : (flags & CO_ASYNC_GENERATOR) ? &PyAsyncGen_Type
                                                      : &PyGen_Type;
    PyrsGenObject *g = h != NULL ? PyObject_GC_New(PyrsGenObject, tp) : NULL;
    if (g == NULL) {
        if (h != NULL) {
            pyrs_frame_free(h);
        }
        Py_DECREF(code);
        Py_DECREF(name);
        Py_DECREF(qualname);
        return NULL;
    }
    h->gen = (PyObject *)g;
    g->gi_frame = h;
    g->gi_code = code;
    g->gi_name = name;
    g->gi_qualname = qualname;
    g->gi_weakreflist = NULL;
    g->gi_exc_state.exc_value = NULL;
    g->gi_exc_state.previous_item = NULL;
    g->gi_state = PYRS_GEN_CREATED;
    g->gi_delegating = 0;
    g->gi_origin_or_finalizer = NULL;
    g->gi_hooks_inited = 0;
    g->gi_closed = 0;
    g->gi_running_async = 0;
    if (tp == &PyCoro_Type && pyrs_sys_coro_origin_depth() > 0 &&
        (g->gi_origin_or_finalizer = coroutine_origin(pyrs_sys_coro_origin_depth())) == NULL) {
        PyErr_Clear(); /* out of memory: no origin, as if tracking were off */
    }
    PyObject_GC_Track(g);
    return (PyObject *)g;
}

/* ---- resuming from C --------------------------------------------------------------------- */

/* Drops the frame of a generator that never ran (throw or close before the first next). */
static void
discard_unstarted(PyrsGenObject *g)
{
    PyrsFrame *f = g->gi_frame;
    g->gi_frame = NULL;
    g->gi_state = PYRS_GEN_CLOSED;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    pyrs_frame_free(f);
    PyErr_Restore(t, v, tb);
}

/* Runs G until it yields or finishes. VALUE is sent in (NULL: None); THROWING: the exception
 * already set is raised at the yield instead. ITERNEXT: a plain return of None ends without
 * StopIteration (tp_iternext's contract). The yielded value, or NULL with StopIteration(result)
 * or the body's exception set. */
static PyObject *
gen_send_ex(PyrsGenObject *g, PyObject *value, int throwing, int iternext)
{
    if (g->gi_state == PYRS_GEN_CLOSED) {
        if (PyrsCoro_Check(g) && !throwing) {
            PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited coroutine");
        } else if (!throwing && !iternext) {
            PyErr_SetNone(PyrsAsyncGen_Check(g) ? PyExc_StopAsyncIteration : PyExc_StopIteration);
        }
        return NULL;
    }
    if (throwing && g->gi_state == PYRS_GEN_CREATED) {
        /* CPython starts the frame to raise there: its traceback shows it at the def line */
        pyrs_vm_traceback_here(g->gi_frame, 0);
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (tb != NULL && PyTraceBack_Check(tb)) {
            ((PyTracebackObject *)tb)->tb_lineno = g->gi_frame->code->co_firstlineno;
        }
        PyErr_Restore(t, v, tb);
        discard_unstarted(g);
        return NULL;
    }
    if (pyrs_gen_link(g, throwing ? NULL : (value != NULL ? value : Py_None)) < 0) {
        return NULL;
    }
    if (throwing) {
        chain_thrown(g);
    }
    Py_INCREF(g); /* the frame may drop the last other reference while running */
    PyObject *r = pyrs_eval_resume(g->gi_frame, throwing);
    int done = g->gi_state == PYRS_GEN_CLOSED;
    Py_DECREF(g);
    if (r == NULL || !done) {
        return r;
    }
    if (PyrsAsyncGen_Check(g)) {
        PyErr_SetNone(PyExc_StopAsyncIteration);
    } else if (r != Py_None || !iternext) {
        PyObject *exc = PyObject_CallOneArg(PyExc_StopIteration, r);
        if (exc != NULL) {
            PyErr_SetObject(PyExc_StopIteration, exc);
            Py_DECREF(exc);
        }
    }
    Py_DECREF(r);
    return NULL;
}

/* Sets the exception gen.throw(TYP, VAL, TB) raises, with CPython's argument checks. */
static int
set_thrown(PyObject *typ, PyObject *val, PyObject *tb)
{
    if (tb == Py_None) {
        tb = NULL;
    } else if (tb != NULL && !Py_IS_TYPE(tb, &PyTraceBack_Type)) {
        PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
        return -1;
    }
    if (PyExceptionInstance_Check(typ)) {
        if (val != NULL && val != Py_None) {
            PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
            return -1;
        }
        PyObject *otb = tb != NULL ? Py_NewRef(tb) : PyException_GetTraceback(typ);
        PyErr_Restore(Py_NewRef(Py_TYPE(typ)), Py_NewRef(typ), otb);
        return 0;
    }
    if (!PyExceptionClass_Check(typ)) {
        PyErr_Format(PyExc_TypeError,
                     "exceptions must be classes or instances deriving from BaseException, not %s",
                     Py_TYPE(typ)->tp_name);
        return -1;
    }
    PyObject *t = Py_NewRef(typ), *v = Py_XNewRef(val), *otb = Py_XNewRef(tb);
    PyErr_NormalizeException(&t, &v, &otb);
    if (v == NULL) {
        Py_XDECREF(t);
        Py_XDECREF(otb);
        return -1;
    }
    PyErr_Restore(t, v, otb);
    return 0;
}

/* ---- methods ----------------------------------------------------------------------------- */

static PyObject *
gen_send(PyObject *self, PyObject *value)
{
    return gen_send_ex((PyrsGenObject *)self, value, 0, 0);
}

static PyObject *
gen_iternext(PyObject *self)
{
    return gen_send_ex((PyrsGenObject *)self, NULL, 0, 1);
}

static PyObject *
gen_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "throw expected at %s, got %zd",
                     nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
        return NULL;
    }
    if (set_thrown(args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL) < 0) {
        return NULL;
    }
    return gen_send_ex((PyrsGenObject *)self, NULL, 1, 0);
}

/* Whether closing G can skip running it: a plain generator suspended at a yield that no try or
 * with covers and not delegating, so GeneratorExit would only unwind its frame (CPython 3.12
 * skips the same way). */
static int
close_is_trivial(PyrsGenObject *g)
{
    if (!Py_IS_TYPE(g, &PyGen_Type) || g->gi_state != PYRS_GEN_SUSPENDED || g->gi_delegating) {
        return 0;
    }
    PyrsCodeObject *co = g->gi_frame->code;
    Py_ssize_t at = pyrs_frame_lasti(g->gi_frame); /* the pending yield */
    for (Py_ssize_t i = 0; i < co->co_nexc; i++) {
        if (at >= co->co_exctab[i].start && at < co->co_exctab[i].end) {
            return 0;
        }
    }
    return 1;
}

static PyObject *
gen_close(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_state == PYRS_GEN_CREATED || close_is_trivial(g)) {
        discard_unstarted(g); /* its frame is dropped without running */
    }
    if (g->gi_state == PYRS_GEN_CLOSED) {
        Py_RETURN_NONE;
    }
    PyErr_SetNone(PyExc_GeneratorExit);
    PyObject *r = gen_send_ex(g, NULL, 1, 0);
    if (r != NULL) {
        Py_DECREF(r);
        PyErr_Format(PyExc_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
        return NULL;
    }
    if (PyErr_ExceptionMatches(PyExc_StopIteration) ||
        PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return NULL;
}

static PyObject *
gen_repr(PyObject *self)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    return PyUnicode_FromFormat("<%s object %S at %p>", Py_TYPE(self)->tp_name, g->gi_qualname,
                                self);
}

/* PEP 442 finalizer: a suspended generator is closed, so its finally blocks run (PEP 342); an
 * async generator goes to the finalizer hook it saw at its first iteration instead. */
/* CPython's RuntimeWarning for a coroutine finalized before it ever ran: through
 * warnings._warn_unawaited_coroutine (which adds the tracemalloc hint), else directly. */
static void
warn_unawaited(PyObject *coro)
{
    int warned = 0;
    PyObject *warnings = PyImport_ImportModule("warnings");
    PyObject *fn =
        warnings != NULL ? PyObject_GetAttrString(warnings, "_warn_unawaited_coroutine") : NULL;
    Py_XDECREF(warnings);
    if (fn != NULL) {
        PyObject *r = PyObject_CallOneArg(fn, coro);
        warned = r != NULL || PyErr_ExceptionMatches(PyExc_RuntimeWarning);
        Py_XDECREF(r);
        Py_DECREF(fn);
    }
    if (PyErr_Occurred()) {
        PyErr_WriteUnraisable(coro);
    }
    if (!warned && PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "coroutine '%S' was never awaited",
                                    ((PyrsGenObject *)coro)->gi_qualname) < 0) {
        PyErr_WriteUnraisable(coro);
    }
}

static void
gen_finalize(PyObject *self)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_state == PYRS_GEN_CREATED && g->gi_code != NULL &&
        (((PyrsCodeObject *)g->gi_code)->co_flags & CO_COROUTINE)) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        warn_unawaited(self);
        PyErr_Restore(t, v, tb);
        return;
    }
    if (g->gi_state != PYRS_GEN_SUSPENDED) {
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyObject *r;
    PyrsAsyncGenObject *ag = PyrsAsyncGen_Check(self) ? (PyrsAsyncGenObject *)self : NULL;
    if (ag != NULL && ag->gi_origin_or_finalizer != NULL && !ag->gi_closed) {
        r = PyObject_CallOneArg(ag->gi_origin_or_finalizer, self);
    } else {
        r = gen_close(self, NULL);
    }
    if (r == NULL) {
        PyErr_WriteUnraisable(self);
    }
    Py_XDECREF(r);
    PyErr_Restore(t, v, tb);
}

static void
gen_dealloc(PyObject *self)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    PyObject_GC_UnTrack(self);
    if (g->gi_weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    PyObject_GC_Track(self);
    if (PyObject_CallFinalizerFromDealloc(self) < 0) {
        return; /* resurrected by its finally block */
    }
    PyObject_GC_UnTrack(self);
    if (g->gi_frame != NULL) {
        PyrsFrame *f = g->gi_frame;
        g->gi_frame = NULL;
        pyrs_frame_free(f);
    }
    Py_XDECREF(g->gi_code);
    Py_XDECREF(g->gi_name);
    Py_XDECREF(g->gi_qualname);
    Py_XDECREF(g->gi_origin_or_finalizer);
    Py_XDECREF(g->gi_exc_state.exc_value);
    PyObject_GC_Del(self);
}

static int
gen_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    Py_VISIT(g->gi_code);
    Py_VISIT(g->gi_exc_state.exc_value);
    if (PyrsAsyncGen_Check(self)) {
        Py_VISIT(((PyrsAsyncGenObject *)self)->gi_origin_or_finalizer);
    }
    return g->gi_frame != NULL ? pyrs_frame_traverse(g->gi_frame, visit, arg) : 0;
}

/* Breaks cycles through a suspended generator by dropping its frame (it has been finalized,
 * so its finally blocks already ran). A running generator is never garbage. */
static int
gen_clear(PyObject *self)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_state == PYRS_GEN_RUNNING) {
        return 0;
    }
    Py_CLEAR(g->gi_exc_state.exc_value);
    if (g->gi_frame != NULL) {
        PyrsFrame *f = g->gi_frame;
        g->gi_frame = NULL;
        g->gi_state = PYRS_GEN_CLOSED;
        pyrs_frame_free(f);
    }
    if (PyrsAsyncGen_Check(self)) {
        Py_CLEAR(((PyrsAsyncGenObject *)self)->gi_origin_or_finalizer);
    }
    return 0;
}

static PyObject *
gen_get_running(PyObject *self, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((PyrsGenObject *)self)->gi_state == PYRS_GEN_RUNNING);
}

static PyObject *
gen_get_suspended(PyObject *self, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(((PyrsGenObject *)self)->gi_state == PYRS_GEN_SUSPENDED);
}

/* The generator's frame object (made on demand), None once it has finished. */
static PyObject *
gen_get_frame(PyObject *self, void *Py_UNUSED(closure))
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    return g->gi_frame != NULL ? pyrs_frameobj_get(g->gi_frame) : Py_NewRef(Py_None);
}

/* The iterator a `yield from` is delegating to, or None. */
static PyObject *
gen_get_yieldfrom(PyObject *self, void *Py_UNUSED(closure))
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_frame == NULL || !g->gi_delegating || g->gi_state != PYRS_GEN_SUSPENDED) {
        Py_RETURN_NONE;
    }
    PyrsInstr i = g->gi_frame->prev_instr[1];
    return Py_XNewRef(g->gi_frame->regs[PYRS_I_B(i)]);
}

static PyObject *
gen_get_name(PyObject *self, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyrsGenObject *)self)->gi_name);
}

static int
gen_set_str(PyObject **slot, PyObject *value, const char *what)
{
    if (value == NULL || !PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    Py_XSETREF(*slot, Py_NewRef(value));
    return 0;
}

static int
gen_set_name(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    return gen_set_str(&((PyrsGenObject *)self)->gi_name, value, "__name__");
}

static PyObject *
gen_get_qualname(PyObject *self, void *Py_UNUSED(closure))
{
    return Py_NewRef(((PyrsGenObject *)self)->gi_qualname);
}

static int
gen_set_qualname(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    return gen_set_str(&((PyrsGenObject *)self)->gi_qualname, value, "__qualname__");
}

static PyMethodDef gen_methods[] = {
    {"send", gen_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))gen_throw, METH_FASTCALL, NULL},
    {"close", gen_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef gen_getset[] = {
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef gen_members[] = {
    {"gi_code", T_OBJECT, offsetof(PyrsGenObject, gi_code), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyGen_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "generator",
    .tp_basicsize = sizeof(PyrsGenObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_clear = gen_clear,
    .tp_finalize = gen_finalize,
    .tp_weaklistoffset = offsetof(PyrsGenObject, gi_weakreflist),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_members = gen_members,
    .tp_getset = gen_getset,
};

/* ---- coroutines ---------------------------------------------------------------------------- */

/* coro.__await__(): an iterator driving the coroutine (CPython's coroutine_wrapper). */
typedef struct {
    PyObject_HEAD
    PyrsGenObject *coro; /* the coroutine (owned) */
} CoroWrapper;

static void
cw_dealloc(PyObject *self)
{
    Py_XDECREF(((CoroWrapper *)self)->coro);
    PyObject_Free(self);
}

static PyObject *
cw_iternext(PyObject *self)
{
    return gen_send_ex(((CoroWrapper *)self)->coro, NULL, 0, 1);
}

static PyObject *
cw_send(PyObject *self, PyObject *value)
{
    return gen_send((PyObject *)((CoroWrapper *)self)->coro, value);
}

static PyObject *
cw_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return gen_throw((PyObject *)((CoroWrapper *)self)->coro, args, nargs);
}

static PyObject *
cw_close(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return gen_close((PyObject *)((CoroWrapper *)self)->coro, NULL);
}

static PyMethodDef cw_methods[] = {
    {"send", cw_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))cw_throw, METH_FASTCALL, NULL},
    {"close", cw_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CoroWrapper_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(CoroWrapper),
    .tp_dealloc = cw_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = cw_iternext,
    .tp_methods = cw_methods,
};

static PyObject *
coro_await(PyObject *self)
{
    CoroWrapper *w = PyObject_New(CoroWrapper, &CoroWrapper_Type);
    if (w != NULL) {
        w->coro = (PyrsGenObject *)Py_NewRef(self);
    }
    return (PyObject *)w;
}

static PyObject *
coro_await_meth(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return coro_await(self);
}

/* OBJ.__await__() through the type (am_await or a Python-level method), or NULL. */
static PyObject *
call_await(PyObject *obj)
{
    PyAsyncMethods *am = Py_TYPE(obj)->tp_as_async;
    if (am != NULL && am->am_await != NULL) {
        return am->am_await(obj);
    }
    PyObject *meth = NULL;
    PyObject *name = PyUnicode_InternFromString("__await__");
    if (name == NULL || _PyObject_LookupAttr((PyObject *)Py_TYPE(obj), name, &meth) < 0) {
        Py_XDECREF(name);
        return NULL;
    }
    Py_DECREF(name);
    if (meth == NULL) {
        PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *res = PyObject_CallOneArg(meth, obj);
    Py_DECREF(meth);
    return res;
}

PyObject *
pyrs_gen_awaitable(PyObject *obj)
{
    if (PyrsCoro_Check(obj) ||
        (Py_IS_TYPE(obj, &PyGen_Type) &&
         (((PyrsCodeObject *)((PyrsGenObject *)obj)->gi_code)->co_flags & CO_ITERABLE_COROUTINE))) {
        return Py_NewRef(obj);
    }
    PyObject *res = call_await(obj);
    if (res != NULL && PyrsCoro_Check(res)) {
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        Py_CLEAR(res);
    } else if (res != NULL && !PyIter_Check(res)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

static PyMethodDef coro_methods[] = {
    {"send", gen_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))gen_throw, METH_FASTCALL, NULL},
    {"close", gen_close, METH_NOARGS, NULL},
    {"__await__", coro_await_meth, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *
coro_get_origin(PyObject *self, void *Py_UNUSED(closure))
{
    PyObject *origin = ((PyrsGenObject *)self)->gi_origin_or_finalizer;
    return Py_NewRef(origin != NULL ? origin : Py_None);
}

static PyGetSetDef coro_getset[] = {
    {"cr_running", gen_get_running, NULL, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"cr_frame", gen_get_frame, NULL, NULL, NULL},
    {"cr_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {"cr_origin", coro_get_origin, NULL, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef coro_members[] = {
    {"cr_code", T_OBJECT, offsetof(PyrsGenObject, gi_code), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyAsyncMethods coro_as_async = {
    .am_await = coro_await,
};

PyTypeObject PyCoro_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "coroutine",
    .tp_basicsize = sizeof(PyrsGenObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_as_async = &coro_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_clear = gen_clear,
    .tp_finalize = gen_finalize,
    .tp_weaklistoffset = offsetof(PyrsGenObject, gi_weakreflist),
    .tp_methods = coro_methods,
    .tp_members = coro_members,
    .tp_getset = coro_getset,
};

/* ---- async generators (PEP 525) ------------------------------------------------------------ */

#define AG(o) ((PyrsAsyncGenObject *)(o))

/* What an async generator's `yield V` hands its resumer (CPython's wrapped value). */
typedef struct {
    PyObject_HEAD
    PyObject *agw_val; /* the yielded value (owned) */
} WrappedValue;

static void
wv_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(((WrappedValue *)self)->agw_val);
    PyObject_GC_Del(self);
}

static int
wv_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((WrappedValue *)self)->agw_val);
    return 0;
}

static PyTypeObject WrappedValue_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(WrappedValue),
    .tp_dealloc = wv_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wv_traverse,
};

PyObject *
pyrs_gen_wrap_value(PyObject *v)
{
    WrappedValue *w = PyObject_GC_New(WrappedValue, &WrappedValue_Type);
    if (w == NULL) {
        return NULL;
    }
    w->agw_val = Py_NewRef(v);
    PyObject_GC_Track(w);
    return (PyObject *)w;
}

/* Sets StopIteration(VALUE) (a tuple or exception value must not be unpacked). */
static void
set_stop_value(PyObject *value)
{
    PyObject *exc = PyObject_CallOneArg(PyExc_StopIteration, value);
    if (exc != NULL) {
        PyErr_SetObject(PyExc_StopIteration, exc);
        Py_DECREF(exc);
    }
}

/* RESULT of resuming async generator AG for an awaitable (new reference or NULL): a wrapped
 * yield becomes StopIteration(value), the end of the generator StopAsyncIteration; anything
 * else (what an inner await yields) passes through to the event loop. */
static PyObject *
ag_unwrap(PyrsAsyncGenObject *ag, PyObject *result)
{
    if (result == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetNone(PyExc_StopAsyncIteration);
        }
        if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) ||
            PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
            ag->gi_closed = 1;
        }
        ag->gi_running_async = 0;
        return NULL;
    }
    if (Py_IS_TYPE(result, &WrappedValue_Type)) {
        set_stop_value(((WrappedValue *)result)->agw_val);
        Py_DECREF(result);
        ag->gi_running_async = 0;
        return NULL;
    }
    return result;
}

/* The hooks of sys.set_asyncgen_hooks as new references (NULL when unset): the thread state's,
 * else what sys.get_asyncgen_hooks() reports (the sys module may keep them itself). */
static int
current_hooks(PyObject **first, PyObject **fin)
{
    PyThreadState *ts = PyThreadState_Get();
    *first = Py_XNewRef(ts->async_gen_firstiter);
    *fin = Py_XNewRef(ts->async_gen_finalizer);
    PyObject *getter =
        *first == NULL && *fin == NULL ? PySys_GetObject("get_asyncgen_hooks") : NULL;
    if (getter == NULL) {
        return 0;
    }
    PyObject *hooks = PyObject_CallNoArgs(getter);
    if (hooks == NULL) {
        return -1;
    }
    if (PyTuple_Check(hooks) && PyTuple_GET_SIZE(hooks) == 2) {
        PyObject *a = PyTuple_GET_ITEM(hooks, 0), *b = PyTuple_GET_ITEM(hooks, 1);
        *first = a != Py_None ? Py_NewRef(a) : NULL;
        *fin = b != Py_None ? Py_NewRef(b) : NULL;
    }
    Py_DECREF(hooks);
    return 0;
}

/* The first __anext__/asend/athrow/aclose runs sys.set_asyncgen_hooks' firstiter and
 * remembers its finalizer. 0, or -1 when firstiter raised. */
static int
ag_init_hooks(PyrsAsyncGenObject *ag)
{
    if (ag->gi_hooks_inited) {
        return 0;
    }
    ag->gi_hooks_inited = 1;
    PyObject *first = NULL, *fin = NULL;
    if (current_hooks(&first, &fin) < 0) {
        return -1;
    }
    ag->gi_origin_or_finalizer = fin;
    if (first != NULL) {
        PyObject *r = PyObject_CallOneArg(first, (PyObject *)ag);
        Py_DECREF(first);
        if (r == NULL) {
            return -1;
        }
        Py_DECREF(r);
    }
    return 0;
}

typedef enum { AW_INIT, AW_ITER, AW_CLOSED } AwaitableState;

/* ag.asend(v) / ag.__anext__(): an awaitable running the generator to its next yield. */
typedef struct {
    PyObject_HEAD
    PyrsAsyncGenObject *ags_gen; /* the generator (owned) */
    PyObject *ags_sendval;       /* value to send first (owned) */
    int ags_state;               /* AwaitableState */
} ASend;

/* ag.athrow(...) / ag.aclose(): an awaitable throwing into the generator. */
typedef struct {
    PyObject_HEAD
    PyrsAsyncGenObject *agt_gen; /* the generator (owned) */
    PyObject *agt_args;          /* athrow's argument tuple (owned), NULL for aclose() */
    int agt_state;               /* AwaitableState */
} AThrow;

static PyTypeObject ASend_Type;
static PyTypeObject AThrow_Type;

static PyObject *
asend_new(PyrsAsyncGenObject *ag, PyObject *sendval)
{
    ASend *o = PyObject_GC_New(ASend, &ASend_Type);
    if (o == NULL) {
        return NULL;
    }
    o->ags_gen = (PyrsAsyncGenObject *)Py_NewRef(ag);
    o->ags_sendval = Py_XNewRef(sendval);
    o->ags_state = AW_INIT;
    PyObject_GC_Track(o);
    return (PyObject *)o;
}

static PyObject *
athrow_new(PyrsAsyncGenObject *ag, PyObject *args)
{
    AThrow *o = PyObject_GC_New(AThrow, &AThrow_Type);
    if (o == NULL) {
        return NULL;
    }
    o->agt_gen = (PyrsAsyncGenObject *)Py_NewRef(ag);
    o->agt_args = Py_XNewRef(args);
    o->agt_state = AW_INIT;
    PyObject_GC_Track(o);
    return (PyObject *)o;
}

static PyObject *
ag_anext(PyObject *self)
{
    if (ag_init_hooks(AG(self)) < 0) {
        return NULL;
    }
    return asend_new(AG(self), NULL);
}

static PyObject *
ag_asend(PyObject *self, PyObject *value)
{
    if (ag_init_hooks(AG(self)) < 0) {
        return NULL;
    }
    return asend_new(AG(self), value);
}

static PyObject *
ag_athrow(PyObject *self, PyObject *args)
{
    if (ag_init_hooks(AG(self)) < 0) {
        return NULL;
    }
    return athrow_new(AG(self), args);
}

static PyObject *
ag_aclose(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (ag_init_hooks(AG(self)) < 0) {
        return NULL;
    }
    return athrow_new(AG(self), NULL);
}

static PyObject *
ag_get_running(PyObject *self, void *Py_UNUSED(closure))
{
    return PyBool_FromLong(AG(self)->gi_running_async);
}

static PyMethodDef ag_methods[] = {
    {"asend", ag_asend, METH_O, NULL},
    {"athrow", ag_athrow, METH_VARARGS, NULL},
    {"aclose", ag_aclose, METH_NOARGS, NULL},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef ag_getset[] = {
    {"ag_running", ag_get_running, NULL, NULL, NULL},
    {"ag_frame", gen_get_frame, NULL, NULL, NULL},
    {"ag_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef ag_members[] = {
    {"ag_code", T_OBJECT, offsetof(PyrsGenObject, gi_code), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyAsyncMethods ag_as_async = {
    .am_aiter = PyObject_SelfIter,
    .am_anext = ag_anext,
};

PyTypeObject PyAsyncGen_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "async_generator",
    .tp_basicsize = sizeof(PyrsAsyncGenObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_as_async = &ag_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_clear = gen_clear,
    .tp_finalize = gen_finalize,
    .tp_weaklistoffset = offsetof(PyrsGenObject, gi_weakreflist),
    .tp_methods = ag_methods,
    .tp_members = ag_members,
    .tp_getset = ag_getset,
};

/* ---- async_generator_asend ---- */

static void
asend_dealloc(PyObject *self)
{
    ASend *o = (ASend *)self;
    PyObject_GC_UnTrack(self);
    Py_XDECREF(o->ags_gen);
    Py_XDECREF(o->ags_sendval);
    PyObject_GC_Del(self);
}

static int
asend_traverse(PyObject *self, visitproc visit, void *arg)
{
    ASend *o = (ASend *)self;
    Py_VISIT(o->ags_gen);
    Py_VISIT(o->ags_sendval);
    return 0;
}

static PyObject *
asend_send(PyObject *self, PyObject *arg)
{
    ASend *o = (ASend *)self;
    if (o->ags_state == AW_CLOSED) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    if (o->ags_state == AW_INIT) {
        if (o->ags_gen->gi_running_async) {
            PyErr_SetString(PyExc_RuntimeError,
                            "anext(): asynchronous generator is already running");
            return NULL;
        }
        if (arg == NULL || arg == Py_None) {
            arg = o->ags_sendval;
        }
        o->ags_state = AW_ITER;
    }
    o->ags_gen->gi_running_async = 1;
    PyObject *r = gen_send_ex((PyrsGenObject *)o->ags_gen, arg, 0, 0);
    r = ag_unwrap(o->ags_gen, r);
    if (r == NULL) {
        o->ags_state = AW_CLOSED;
    }
    return r;
}

static PyObject *
asend_iternext(PyObject *self)
{
    return asend_send(self, NULL);
}

static PyObject *
asend_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    ASend *o = (ASend *)self;
    if (o->ags_state == AW_CLOSED) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return NULL;
    }
    PyObject *r = ag_unwrap(o->ags_gen, gen_throw((PyObject *)o->ags_gen, args, nargs));
    if (r == NULL) {
        o->ags_state = AW_CLOSED;
    }
    return r;
}

static PyObject *
aw_close_asend(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ((ASend *)self)->ags_state = AW_CLOSED;
    Py_RETURN_NONE;
}

static PyMethodDef asend_methods[] = {
    {"send", asend_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))asend_throw, METH_FASTCALL, NULL},
    {"close", aw_close_asend, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyAsyncMethods aw_as_async = {
    .am_await = PyObject_SelfIter,
};

static PyTypeObject ASend_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(ASend),
    .tp_dealloc = asend_dealloc,
    .tp_as_async = &aw_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = asend_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = asend_iternext,
    .tp_methods = asend_methods,
};

/* ---- async_generator_athrow ---- */

static void
athrow_dealloc(PyObject *self)
{
    AThrow *o = (AThrow *)self;
    PyObject_GC_UnTrack(self);
    Py_XDECREF(o->agt_gen);
    Py_XDECREF(o->agt_args);
    PyObject_GC_Del(self);
}

static int
athrow_traverse(PyObject *self, visitproc visit, void *arg)
{
    AThrow *o = (AThrow *)self;
    Py_VISIT(o->agt_gen);
    Py_VISIT(o->agt_args);
    return 0;
}

/* aclose(): the generator yielded a value instead of finishing. */
static PyObject *
athrow_ignored_exit(AThrow *o)
{
    o->agt_gen->gi_running_async = 0;
    o->agt_state = AW_CLOSED;
    PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
    return NULL;
}

/* The generator raised or finished under athrow()/aclose(): for aclose() its
 * StopAsyncIteration or GeneratorExit just ends the await (StopIteration). */
static PyObject *
athrow_check_error(AThrow *o)
{
    o->agt_gen->gi_running_async = 0;
    o->agt_state = AW_CLOSED;
    if (o->agt_args == NULL && (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) ||
                                PyErr_ExceptionMatches(PyExc_GeneratorExit))) {
        PyErr_SetNone(PyExc_StopIteration);
    }
    return NULL;
}

/* A result of resuming the generator under aclose() (new reference or NULL). */
static PyObject *
athrow_close_result(AThrow *o, PyObject *r)
{
    if (r == NULL) {
        return athrow_check_error(o);
    }
    if (Py_IS_TYPE(r, &WrappedValue_Type)) {
        Py_DECREF(r);
        return athrow_ignored_exit(o);
    }
    return r;
}

/* First step of an athrow()/aclose() awaitable: throw into the generator. */
static PyObject *
athrow_start(AThrow *o, PyObject *arg)
{
    PyrsAsyncGenObject *ag = o->agt_gen;
    if (ag->gi_running_async) {
        o->agt_state = AW_CLOSED;
        PyErr_SetString(PyExc_RuntimeError,
                        o->agt_args == NULL
                            ? "aclose(): asynchronous generator is already running"
                            : "athrow(): asynchronous generator is already running");
        return NULL;
    }
    if (ag->gi_closed) {
        o->agt_state = AW_CLOSED;
        PyErr_SetNone(PyExc_StopAsyncIteration);
        return NULL;
    }
    if (arg != Py_None) {
        PyErr_SetString(PyExc_RuntimeError,
                        "can't send non-None value to a just-started coroutine");
        return NULL;
    }
    o->agt_state = AW_ITER;
    ag->gi_running_async = 1;
    if (o->agt_args == NULL) {
        ag->gi_closed = 1;
        PyErr_SetNone(PyExc_GeneratorExit);
        return athrow_close_result(o, gen_send_ex((PyrsGenObject *)ag, NULL, 1, 0));
    }
    PyObject *r =
        gen_throw((PyObject *)ag, &PyTuple_GET_ITEM(o->agt_args, 0), PyTuple_GET_SIZE(o->agt_args));
    r = ag_unwrap(ag, r);
    return r != NULL ? r : athrow_check_error(o);
}

static PyObject *
athrow_send(PyObject *self, PyObject *arg)
{
    AThrow *o = (AThrow *)self;
    if (o->agt_state == AW_CLOSED) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (o->agt_gen->gi_state == PYRS_GEN_CLOSED) {
        o->agt_state = AW_CLOSED;
        PyErr_SetNone(PyExc_StopIteration);
        return NULL;
    }
    if (o->agt_state == AW_INIT) {
        return athrow_start(o, arg != NULL ? arg : Py_None);
    }
    PyObject *r = gen_send_ex((PyrsGenObject *)o->agt_gen, arg, 0, 0);
    if (o->agt_args != NULL) {
        return ag_unwrap(o->agt_gen, r);
    }
    return athrow_close_result(o, r);
}

static PyObject *
athrow_iternext(PyObject *self)
{
    return athrow_send(self, NULL);
}

static PyObject *
athrow_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    AThrow *o = (AThrow *)self;
    if (o->agt_state == AW_CLOSED) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    PyObject *r = gen_throw((PyObject *)o->agt_gen, args, nargs);
    if (o->agt_args != NULL) {
        return ag_unwrap(o->agt_gen, r);
    }
    if (r != NULL && Py_IS_TYPE(r, &WrappedValue_Type)) {
        Py_DECREF(r);
        return athrow_ignored_exit(o);
    }
    if (r == NULL && (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) ||
                      PyErr_ExceptionMatches(PyExc_GeneratorExit))) {
        PyErr_SetNone(PyExc_StopIteration);
    }
    return r;
}

static PyObject *
aw_close_athrow(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ((AThrow *)self)->agt_state = AW_CLOSED;
    Py_RETURN_NONE;
}

static PyMethodDef athrow_methods[] = {
    {"send", athrow_send, METH_O, NULL},
    {"throw", (PyCFunction)(void (*)(void))athrow_throw, METH_FASTCALL, NULL},
    {"close", aw_close_athrow, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject AThrow_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(AThrow),
    .tp_dealloc = athrow_dealloc,
    .tp_as_async = &aw_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = athrow_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = athrow_iternext,
    .tp_methods = athrow_methods,
};

/* ---- sys.set_asyncgen_hooks / sys.get_asyncgen_hooks ---- */

static PyStructSequence_Field hooks_fields[] = {
    {"firstiter", "Hook to intercept first iteration"},
    {"finalizer", "Hook to intercept finalization"},
    {NULL, NULL},
};

static PyStructSequence_Desc hooks_desc = {
    "asyncgen_hooks",
    "asyncgen_hooks\n\nA named tuple of the two hooks of sys.set_asyncgen_hooks.",
    hooks_fields,
    2,
};

static PyTypeObject *hooks_type;

PyObject *
pyrs_gen_get_asyncgen_hooks(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(unused))
{
    if (hooks_type == NULL) {
        hooks_type = PyStructSequence_NewType(&hooks_desc);
        if (hooks_type == NULL) {
            return NULL;
        }
    }
    PyObject *res = PyStructSequence_New(hooks_type);
    if (res == NULL) {
        return NULL;
    }
    PyThreadState *ts = PyThreadState_Get();
    PyObject *first = ts->async_gen_firstiter, *fin = ts->async_gen_finalizer;
    PyStructSequence_SetItem(res, 0, Py_NewRef(first != NULL ? first : Py_None));
    PyStructSequence_SetItem(res, 1, Py_NewRef(fin != NULL ? fin : Py_None));
    return res;
}

/* One hook argument: NULL (not given) leaves the hook as it is; None clears it. */
static int
check_hook(PyObject *v, const char *what)
{
    if (v != NULL && v != Py_None && !PyCallable_Check(v)) {
        PyErr_Format(PyExc_TypeError, "callable %s expected, got %.50s", what, Py_TYPE(v)->tp_name);
        return -1;
    }
    return 0;
}

static void
store_hook(PyObject **slot, PyObject *v)
{
    if (v != NULL) {
        Py_XSETREF(*slot, v == Py_None ? NULL : Py_NewRef(v));
    }
}

PyObject *
pyrs_gen_set_asyncgen_hooks(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwargs)
{
    static const char *const names[2] = {"firstiter", "finalizer"};
    PyObject *vals[2] = {NULL, NULL};
    Py_ssize_t nargs = args != NULL ? PyTuple_GET_SIZE(args) : 0;
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "set_asyncgen_hooks() takes at most 2 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        vals[i] = PyTuple_GET_ITEM(args, i);
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        int i = PyUnicode_Check(key) && _PyUnicode_EqualToASCIIString(key, names[0])   ? 0
                : PyUnicode_Check(key) && _PyUnicode_EqualToASCIIString(key, names[1]) ? 1
                                                                                       : -1;
        if (i < 0) {
            PyErr_Format(PyExc_TypeError,
                         "'%S' is an invalid keyword argument for set_asyncgen_hooks()", key);
            return NULL;
        }
        if (vals[i] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for set_asyncgen_hooks() given by name ('%s') and position (%d)",
                         names[i], i + 1);
            return NULL;
        }
        vals[i] = value;
    }
    if (check_hook(vals[1], "finalizer") < 0 || check_hook(vals[0], "firstiter") < 0) {
        return NULL;
    }
    PyThreadState *ts = PyThreadState_Get();
    store_hook(&ts->async_gen_finalizer, vals[1]);
    store_hook(&ts->async_gen_firstiter, vals[0]);
    Py_RETURN_NONE;
}

int
pyrs_gen_init(void)
{
    PyTypeObject *types[] = {&PyGen_Type,        &PyCoro_Type, &CoroWrapper_Type, &PyAsyncGen_Type,
                             &WrappedValue_Type, &ASend_Type,  &AThrow_Type};
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (PyType_Ready(types[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

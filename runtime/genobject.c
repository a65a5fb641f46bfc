/* genobject.c: the `generator` type. A generator owns its suspended frame on the heap; the
 * dispatch loop resumes it by linking the frame back onto the frame stack (pyrs/gen.h).
 * Mirrors CPython 3.11's Objects/genobject.c: send/throw/close, StopIteration.value, PEP 479,
 * "generator ignored GeneratorExit", close() on deallocation of a suspended generator. */
#include "pyrs/gen.h"
#include "pyrs/eval.h"
#include "funcobject.h"
#include "pyrs/frameobject.h"
#include "structmember.h"

extern PyTypeObject PyTraceBack_Type; /* runtime/traceback.c */

/* ---- the VM side ------------------------------------------------------------------------- */

/* Swaps the thread's handled exception with the one the generator keeps. */
static void
enter_exc_state(PyrsGenObject *g)
{
    g->gi_prev_exc = PyErr_GetHandledException();
    PyErr_SetHandledException(g->gi_exc_state);
    Py_CLEAR(g->gi_exc_state);
}

static void
leave_exc_state(PyrsGenObject *g)
{
    Py_XSETREF(g->gi_exc_state, PyErr_GetHandledException());
    PyErr_SetHandledException(g->gi_prev_exc);
    Py_CLEAR(g->gi_prev_exc);
}

int
pyrs_gen_link(PyrsGenObject *g, PyObject *value)
{
    if (g->gi_state == PYRS_GEN_RUNNING) {
        PyErr_SetString(PyExc_ValueError, "generator already executing");
        return -1;
    }
    if (g->gi_state == PYRS_GEN_CREATED && value != NULL && value != Py_None) {
        PyErr_SetString(PyExc_TypeError, "can't send non-None value to a just-started generator");
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

/* "generator" or "coroutine", for messages. */
static const char *
kind_name(PyrsGenObject *g)
{
    return PyrsCoro_Check(g) ? "coroutine" : "generator";
}

/* PEP 479: a StopIteration escaping the generator's body becomes a RuntimeError. */
static void
wrap_stop_iteration(PyrsGenObject *g)
{
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (tb != NULL) {
        PyException_SetTraceback(v, tb);
    }
    PyErr_Format(PyExc_RuntimeError, "%s raised StopIteration", kind_name(g));
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

PyObject *
pyrs_gen_new_from_frame(PyrsFrame *f)
{
    PyFunctionObject *fn = (PyFunctionObject *)f->func;
    PyObject *code = Py_NewRef((PyObject *)f->code);
    PyObject *name = Py_NewRef(fn != NULL ? fn->func_name : f->code->co_name);
    PyObject *qualname = Py_NewRef(fn != NULL ? fn->func_qualname : f->code->co_qualname);
    PyrsFrame *h = pyrs_frame_detach(f);
    PyTypeObject *tp = h != NULL && (h->code->co_flags & CO_COROUTINE) ? &PyCoro_Type : &PyGen_Type;
    PyrsGenObject *g = h != NULL ? PyObject_New(PyrsGenObject, tp) : NULL;
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
    g->gi_exc_state = NULL;
    g->gi_prev_exc = NULL;
    g->gi_state = PYRS_GEN_CREATED;
    g->gi_delegating = 0;
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
            PyErr_SetNone(PyExc_StopIteration);
        }
        return NULL;
    }
    if (throwing && g->gi_state == PYRS_GEN_CREATED) {
        discard_unstarted(g);
        return NULL;
    }
    if (pyrs_gen_link(g, throwing ? NULL : (value != NULL ? value : Py_None)) < 0) {
        return NULL;
    }
    Py_INCREF(g); /* the frame may drop the last other reference while running */
    PyObject *r = pyrs_eval_resume(g->gi_frame, throwing);
    int done = g->gi_state == PYRS_GEN_CLOSED;
    Py_DECREF(g);
    if (r == NULL || !done) {
        return r;
    }
    if (r != Py_None || !iternext) {
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

static PyObject *
gen_close(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_state == PYRS_GEN_CREATED) {
        discard_unstarted(g);
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
    return PyUnicode_FromFormat("<%s object %S at %p>", kind_name(g), g->gi_qualname, self);
}

/* A suspended generator is closed when it dies, so its finally blocks run (PEP 342). */
static void
gen_dealloc(PyObject *self)
{
    PyrsGenObject *g = (PyrsGenObject *)self;
    if (g->gi_state == PYRS_GEN_SUSPENDED) {
        Py_SET_REFCNT(self, 1);
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyObject *r = gen_close(self, NULL);
        if (r == NULL) {
            PyErr_WriteUnraisable(self);
        }
        Py_XDECREF(r);
        PyErr_Restore(t, v, tb);
        Py_SET_REFCNT(self, Py_REFCNT(self) - 1);
        if (Py_REFCNT(self) != 0) {
            return; /* resurrected by its finally block */
        }
    }
    if (g->gi_weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    if (g->gi_frame != NULL) {
        pyrs_frame_free(g->gi_frame);
    }
    Py_XDECREF(g->gi_code);
    Py_XDECREF(g->gi_name);
    Py_XDECREF(g->gi_qualname);
    Py_XDECREF(g->gi_exc_state);
    Py_XDECREF(g->gi_prev_exc);
    PyObject_Free(self);
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
    PyrsInstr i = g->gi_frame->code->co_code[g->gi_frame->pc];
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
    .tp_flags = Py_TPFLAGS_DEFAULT,
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

static PyGetSetDef coro_getset[] = {
    {"cr_running", gen_get_running, NULL, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"cr_frame", gen_get_frame, NULL, NULL, NULL},
    {"cr_await", gen_get_yieldfrom, NULL, NULL, NULL},
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
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(PyrsGenObject, gi_weakreflist),
    .tp_methods = coro_methods,
    .tp_members = coro_members,
    .tp_getset = coro_getset,
};

int
pyrs_gen_init(void)
{
    if (PyType_Ready(&PyGen_Type) < 0 || PyType_Ready(&PyCoro_Type) < 0) {
        return -1;
    }
    return PyType_Ready(&CoroWrapper_Type);
}

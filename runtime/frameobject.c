/* frameobject.c: the `frame` type. Frame objects are made only on demand (sys._getframe,
 * f_back, gi_frame) for a VM frame; while it runs they read its live state, and when it
 * finishes they keep a snapshot of its line, locals and caller. Mirrors CPython 3.11's
 * f_back/f_code/f_globals/f_builtins/f_locals/f_lineno/f_lasti and the frame repr. */
#include "frameobject.h"
#include "pyrs/eval.h"
#include "pyrs/vm.h"

#include "structmember.h"

PyFrameObject *
pyrs_frameobj_new(PyObject *code, PyObject *globals, PyObject *locals)
{
    PyFrameObject *fo = PyObject_GC_New(PyFrameObject, &PyFrame_Type);
    if (fo == NULL) {
        return NULL;
    }
    PyrsCodeObject *co = (PyrsCodeObject *)code;
    PyrsFrameData *d = PYRS_FRAME_DATA(fo);
    fo->f_back = NULL;
    fo->f_frame = (struct _PyInterpreterFrame *)(void *)d;
    fo->f_trace = NULL;
    fo->f_lineno = co->co_firstlineno;
    fo->f_trace_lines = 1;
    fo->f_trace_opcodes = 0;
    fo->f_fast_as_locals = 0;
    d->f_func = NULL;
    d->f_globals = Py_NewRef(globals);
    d->f_builtins = pyrs_vm_builtins_of(globals);
    d->f_locals = Py_XNewRef(locals);
    d->f_code = Py_NewRef(code);
    d->frame_obj = NULL;
    d->previous = NULL;
    d->prev_instr = (const PyrsInstr *)((uintptr_t)co->co_code - sizeof(PyrsInstr));
    d->stacktop = 0;
    d->is_entry = false;
    d->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    d->f_lasti = -1; /* nothing executed yet */
    d->f_snapshot = NULL;
    PyObject_GC_Track(fo);
    return fo;
}

PyObject *
pyrs_frameobj_get(PyrsFrame *f)
{
    if (f->frameobj != NULL) {
        return Py_NewRef(f->frameobj);
    }
    PyFrameObject *fo = pyrs_frameobj_new((PyObject *)f->code, f->globals, NULL);
    if (fo == NULL) {
        return NULL;
    }
    fo->f_frame = pyrs_frame_iframe(f);
    f->frameobj = Py_NewRef((PyObject *)fo); /* the VM frame keeps it until it finishes */
    return (PyObject *)fo;
}

/* The instruction F is executing (0 before the first). */
static Py_ssize_t
current_pc(const PyrsFrame *f)
{
    Py_ssize_t lasti = pyrs_frame_lasti(f);
    return lasti > 0 ? lasti : 0;
}

/* The running VM frame of frame object FO, or NULL once it has finished (f_frame is then the
 * object's own data). */
static PyrsFrame *
live_frame(PyFrameObject *fo)
{
    void *own = PYRS_FRAME_DATA(fo);
    return (void *)fo->f_frame != own ? pyrs_frame_of(fo->f_frame) : NULL;
}

/* VM frame F is finishing: frame object FO's f_frame becomes its own data, which takes F's
 * function, builtins and last instruction. */
static void
own_frame_data(PyFrameObject *fo, PyrsFrame *f)
{
    PyrsFrameData *d = PYRS_FRAME_DATA(fo);
    d->f_func = Py_XNewRef(f->func);
    d->f_builtins = f->builtins;
    d->prev_instr = f->prev_instr;
    fo->f_frame = (struct _PyInterpreterFrame *)(void *)d;
}

/* The locals of function frame F, which is finishing, moved out of its registers into a tuple
 * (co_varnames' values, NULL when unbound, then the cells): the frame would release them next,
 * and the dict is made only if f_locals is read. New reference, or NULL. */
static PyObject *
take_locals(PyrsFrame *f)
{
    PyrsCodeObject *co = f->code;
    Py_ssize_t nvars = PyTuple_GET_SIZE(co->co_varnames), ncells = co->co_ncells + co->co_nfree;
    PyObject *t = PyTuple_New(nvars + ncells);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nvars + ncells; i++) {
        PyObject **slot = &f->regs[i < nvars ? i : co->co_nregs + (i - nvars)];
        PyTuple_SET_ITEM(t, i, *slot);
        *slot = NULL;
    }
    return t;
}

void
pyrs_frameobj_detach(PyrsFrame *f)
{
    PyFrameObject *fo = (PyFrameObject *)f->frameobj;
    f->frameobj = NULL;
    if (Py_REFCNT(fo) == 1) {
        /* nobody else can see it (say, a caught exception's traceback is gone): no snapshot */
        own_frame_data(fo, f);
        Py_DECREF(fo);
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb); /* frames finish while exceptions unwind too */
    fo->f_lineno = pyrs_frame_line(f);
    PYRS_FRAME_DATA(fo)->f_lasti = (int)(current_pc(f) * 2);
    if (f->locals != NULL) {
        PYRS_FRAME_DATA(fo)->f_snapshot = Py_NewRef(f->locals);
    } else {
        PYRS_FRAME_DATA(fo)->f_snapshot = take_locals(f);
        fo->f_fast_as_locals = 1; /* f_snapshot holds take_locals' tuple, not the dict yet */
    }
    if (f->previous != NULL && fo->f_back == NULL) {
        fo->f_back = (PyFrameObject *)pyrs_frameobj_get(pyrs_frame_back(f));
    }
    PyErr_Clear();
    PyErr_Restore(t, v, tb);
    own_frame_data(fo, f);
    Py_DECREF(fo);
}

static void
frame_dealloc(PyObject *self)
{
    PyFrameObject *fo = (PyFrameObject *)self;
    PyObject_GC_UnTrack(self);
    Py_XDECREF(fo->f_back);
    Py_XDECREF(fo->f_trace);
    Py_XDECREF(PYRS_FRAME_DATA(fo)->f_func);
    Py_XDECREF(PYRS_FRAME_DATA(fo)->f_code);
    Py_XDECREF(PYRS_FRAME_DATA(fo)->f_globals);
    Py_XDECREF(PYRS_FRAME_DATA(fo)->f_locals);
    Py_XDECREF(PYRS_FRAME_DATA(fo)->f_snapshot);
    PyObject_GC_Del(self);
}

/* The references a frame object owns (a live VM frame's registers belong to the VM frame,
 * which is traversed by its generator when it has one). */
static int
frame_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyFrameObject *fo = (PyFrameObject *)self;
    Py_VISIT(fo->f_back);
    Py_VISIT(fo->f_trace);
    Py_VISIT(PYRS_FRAME_DATA(fo)->f_func);
    Py_VISIT(PYRS_FRAME_DATA(fo)->f_code);
    Py_VISIT(PYRS_FRAME_DATA(fo)->f_globals);
    Py_VISIT(PYRS_FRAME_DATA(fo)->f_locals);
    Py_VISIT(PYRS_FRAME_DATA(fo)->f_snapshot);
    return 0;
}

static int
frame_tp_clear(PyObject *self)
{
    PyFrameObject *fo = (PyFrameObject *)self;
    Py_CLEAR(fo->f_back);
    Py_CLEAR(fo->f_trace);
    Py_CLEAR(PYRS_FRAME_DATA(fo)->f_func);
    Py_CLEAR(PYRS_FRAME_DATA(fo)->f_locals);
    Py_CLEAR(PYRS_FRAME_DATA(fo)->f_snapshot);
    return 0;
}

static PyObject *
frame_get_back(PyObject *self, void *Py_UNUSED(closure))
{
    PyFrameObject *fo = (PyFrameObject *)self;
    PyrsFrame *f = live_frame(fo);
    if (f != NULL && f->previous != NULL) {
        return pyrs_frameobj_get(pyrs_frame_back(f));
    }
    return Py_NewRef(fo->f_back != NULL ? (PyObject *)fo->f_back : Py_None);
}

static PyObject *
frame_get_locals(PyObject *self, void *Py_UNUSED(closure))
{
    PyFrameObject *fo = (PyFrameObject *)self;
    if (live_frame(fo) != NULL) {
        return pyrs_frame_locals(live_frame(fo));
    }
    PyrsFrameData *data = PYRS_FRAME_DATA(fo);
    if (data->f_snapshot != NULL && fo->f_fast_as_locals) {
        /* the first read of a finished frame's locals: the dict, kept from now on */
        PyObject **vals = ((PyTupleObject *)data->f_snapshot)->ob_item;
        PyrsCodeObject *co = (PyrsCodeObject *)data->f_code;
        PyObject *d = pyrs_frame_locals_of(co, vals, vals + PyTuple_GET_SIZE(co->co_varnames));
        if (d == NULL) {
            return NULL;
        }
        Py_SETREF(data->f_snapshot, d);
        fo->f_fast_as_locals = 0;
    }
    PyObject *locals = data->f_snapshot != NULL ? data->f_snapshot : data->f_locals;
    return locals != NULL ? Py_NewRef(locals) : PyDict_New();
}

static int
frame_line(PyFrameObject *fo)
{
    if (live_frame(fo) != NULL) {
        return pyrs_frame_line(live_frame(fo));
    }
    return fo->f_lineno;
}

static PyObject *
frame_get_lineno(PyObject *self, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(frame_line((PyFrameObject *)self));
}

static PyObject *
frame_get_lasti(PyObject *self, void *Py_UNUSED(closure))
{
    PyFrameObject *fo = (PyFrameObject *)self;
    if (live_frame(fo) != NULL) {
        return PyLong_FromSsize_t(current_pc(live_frame(fo)) * 2);
    }
    return PyLong_FromLong(PYRS_FRAME_DATA(fo)->f_lasti);
}

static PyObject *
frame_get_builtins(PyObject *self, void *Py_UNUSED(closure))
{
    (void)self;
    PyObject *b = pyrs_eval_builtins();
    return Py_NewRef(b != NULL ? b : Py_None);
}

static PyObject *
frame_get_trace(PyObject *self, void *Py_UNUSED(closure))
{
    PyObject *t = ((PyFrameObject *)self)->f_trace;
    return Py_NewRef(t != NULL ? t : Py_None);
}

static int
frame_set_trace(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    Py_XSETREF(((PyFrameObject *)self)->f_trace, value == Py_None ? NULL : Py_XNewRef(value));
    return 0;
}

static PyObject *
frame_repr(PyObject *self)
{
    PyFrameObject *fo = (PyFrameObject *)self;
    PyrsCodeObject *co = (PyrsCodeObject *)PYRS_FRAME_DATA(fo)->f_code;
    return PyUnicode_FromFormat("<frame at %p, file %R, line %d, code %U>", self, co->co_filename,
                                frame_line(fo), co->co_name);
}

/* frame.clear(): nothing to release early here; CPython refuses for a running frame. */
static PyObject *
frame_clear(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (live_frame((PyFrameObject *)self) != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "cannot clear an executing frame");
        return NULL;
    }
    Py_CLEAR(PYRS_FRAME_DATA((PyFrameObject *)self)->f_locals);
    Py_CLEAR(PYRS_FRAME_DATA((PyFrameObject *)self)->f_snapshot);
    Py_RETURN_NONE;
}

static PyMethodDef frame_methods[] = {
    {"clear", frame_clear, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef frame_getset[] = {
    {"f_back", frame_get_back, NULL, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL, NULL},
    {"f_lineno", frame_get_lineno, NULL, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL, NULL},
    {"f_trace", frame_get_trace, frame_set_trace, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef frame_members[] = {
    {"f_code", T_OBJECT, offsetof(PyFrameObject, _f_frame_data) + offsetof(PyrsFrameData, f_code),
     READONLY, NULL},
    {"f_globals", T_OBJECT,
     offsetof(PyFrameObject, _f_frame_data) + offsetof(PyrsFrameData, f_globals), READONLY, NULL},
    {"f_trace_lines", T_BOOL, offsetof(PyFrameObject, f_trace_lines), 0, NULL},
    {"f_trace_opcodes", T_BOOL, offsetof(PyFrameObject, f_trace_opcodes), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject PyFrame_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "frame",
    .tp_basicsize = offsetof(PyFrameObject, _f_frame_data) + sizeof(PyrsFrameData),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_methods = frame_methods,
    .tp_members = frame_members,
    .tp_getset = frame_getset,
};

int
pyrs_frameobj_init(void)
{
    return PyType_Ready(&PyFrame_Type);
}

/* ---- CPython's public frame API (frameobject.h) ------------------------------------------- */

int
PyFrame_GetLineNumber(PyFrameObject *frame)
{
    return frame_line(frame);
}

PyObject *
PyFrame_GetCode(PyFrameObject *frame)
{
    return Py_NewRef(PYRS_FRAME_DATA(frame)->f_code);
}

PyFrameObject *
PyFrame_GetBack(PyFrameObject *frame)
{
    PyObject *back = frame_get_back((PyObject *)frame, NULL);
    if (back == Py_None) {
        Py_DECREF(back);
        return NULL;
    }
    if (back == NULL) {
        PyErr_Clear();
    }
    return (PyFrameObject *)back;
}

PyObject *
PyFrame_GetLocals(PyFrameObject *frame)
{
    return frame_get_locals((PyObject *)frame, NULL);
}

PyObject *
PyFrame_GetGlobals(PyFrameObject *frame)
{
    return Py_NewRef(PYRS_FRAME_DATA(frame)->f_globals);
}

PyObject *
PyFrame_GetBuiltins(PyFrameObject *frame)
{
    return frame_get_builtins((PyObject *)frame, NULL);
}

PyObject *
PyFrame_GetGenerator(PyFrameObject *frame)
{
    PyObject *gen = live_frame(frame) != NULL ? live_frame(frame)->gen : NULL;
    return Py_XNewRef(gen);
}

int
PyFrame_GetLasti(PyFrameObject *frame)
{
    PyObject *v = frame_get_lasti((PyObject *)frame, NULL);
    long lasti = v != NULL ? PyLong_AsLong(v) : -1;
    Py_XDECREF(v);
    return lasti < 0 ? -1 : (int)lasti;
}

int
PyFrame_FastToLocalsWithError(PyFrameObject *Py_UNUSED(frame))
{
    return 0;
}

void
PyFrame_FastToLocals(PyFrameObject *Py_UNUSED(frame))
{
}

void
PyFrame_LocalsToFast(PyFrameObject *Py_UNUSED(frame), int Py_UNUSED(clear))
{
}

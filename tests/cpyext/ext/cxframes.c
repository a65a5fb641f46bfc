/* cxframes: a CPython 3.11 extension built against python3.11-dev's headers (internal
 * pycore_frame.h included, as Cython and profilers do) that reads the interpreter's frames
 * directly: it walks tstate->cframe->current_frame through _PyInterpreterFrame.previous and
 * reads f_code, f_func, f_globals, f_builtins, f_locals, localsplus, owner, prev_instr, and a
 * frame object's f_frame (running, finished, or made by PyFrame_New), so pyrs's VM frames
 * must have CPython's layout. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#define Py_BUILD_CORE 1
#include <internal/pycore_frame.h>

/* The innermost Python frame of the calling thread. */
static _PyInterpreterFrame *
current_frame(void)
{
    return PyThreadState_Get()->cframe->current_frame;
}

/* The positional parameters of frame F read from localsplus (None for an unset one). */
static PyObject *
frame_args(_PyInterpreterFrame *f)
{
    int n = f->f_code->co_argcount;
    PyObject *args = PyTuple_New(n);
    for (int i = 0; args != NULL && i < n; i++) {
        PyObject *v = f->localsplus[i] != NULL ? f->localsplus[i] : Py_None;
        PyTuple_SET_ITEM(args, i, Py_NewRef(v));
    }
    return args;
}

/* One frame as (co_name, f_func's __qualname__ or None, args, owner, f_locals is NULL,
 * f_globals, f_builtins). */
static PyObject *
describe(_PyInterpreterFrame *f)
{
    PyObject *func = (PyObject *)f->f_func;
    PyObject *qualname = func != NULL && PyFunction_Check(func)
                             ? ((PyFunctionObject *)func)->func_qualname
                             : Py_None;
    PyObject *args = frame_args(f);
    if (args == NULL) {
        return NULL;
    }
    return Py_BuildValue("(OONiOOO)", f->f_code->co_name, qualname, args, (int)f->owner,
                         f->f_locals == NULL ? Py_True : Py_False, f->f_globals, f->f_builtins);
}

/* stack(n): the innermost N frames (fewer at the bottom), innermost first. */
static PyObject *
cx_stack(PyObject *Py_UNUSED(module), PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    _PyInterpreterFrame *f = current_frame();
    for (long i = 0; list != NULL && f != NULL && i < n; i++, f = f->previous) {
        PyObject *d = describe(f);
        if (d == NULL || PyList_Append(list, d) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(d);
    }
    return list;
}

/* depth(): frames reachable through previous from the current one. */
static PyObject *
cx_depth(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    long n = 0;
    for (_PyInterpreterFrame *f = current_frame(); f != NULL; f = f->previous) {
        n++;
    }
    return PyLong_FromLong(n);
}

/* where(): the current frame's prev_instr as an int (it moves forward through the code). */
static PyObject *
cx_where(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromVoidPtr(current_frame()->prev_instr);
}

/* frame_matches(frame): whether frame object FRAME's f_frame is the current frame, points
 * back at FRAME through frame_obj and runs FRAME's code. */
static PyObject *
cx_frame_matches(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyFrame_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "a frame is required");
        return NULL;
    }
    PyFrameObject *fo = (PyFrameObject *)arg;
    _PyInterpreterFrame *f = fo->f_frame;
    PyCodeObject *code = PyFrame_GetCode(fo);
    int ok = f == current_frame() && f->frame_obj == fo && f->f_code == code;
    Py_DECREF(code);
    return PyBool_FromLong(ok);
}

/* The _PyInterpreterFrame a frame object owns (a finished frame, or PyFrame_New's) as
 * (owner, co_name, frame_obj is FO, previous is NULL, f_locals is NULL). */
static PyObject *
describe_owned(PyFrameObject *fo)
{
    _PyInterpreterFrame *f = fo->f_frame;
    return Py_BuildValue(
        "(iOOOO)", (int)f->owner, f->f_code->co_name, f->frame_obj == fo ? Py_True : Py_False,
        f->previous == NULL ? Py_True : Py_False, f->f_locals == NULL ? Py_True : Py_False);
}

/* finished(frame): describe_owned of the frame object of a call that has returned, and the
 * __qualname__ of its f_func. */
static PyObject *
cx_finished(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyFrame_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "a frame is required");
        return NULL;
    }
    PyFrameObject *fo = (PyFrameObject *)arg;
    PyObject *func = (PyObject *)fo->f_frame->f_func;
    PyObject *qualname = func != NULL ? ((PyFunctionObject *)func)->func_qualname : Py_None;
    return Py_BuildValue("(NO)", describe_owned(fo), qualname);
}

/* new_frame(code, globals): describe_owned of PyFrame_New's frame object. */
static PyObject *
cx_new_frame(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *code, *globals;
    if (!PyArg_ParseTuple(args, "O!O!", &PyCode_Type, &code, &PyDict_Type, &globals)) {
        return NULL;
    }
    PyFrameObject *fo = PyFrame_New(PyThreadState_Get(), (PyCodeObject *)code, globals, NULL);
    if (fo == NULL) {
        return NULL;
    }
    PyObject *res = describe_owned(fo);
    Py_DECREF(fo);
    return res;
}

/* top_frame(): PyThreadState_GetFrame of the calling thread (the caller's frame object). */
static PyObject *
cx_top_frame(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyFrameObject *fo = PyThreadState_GetFrame(PyThreadState_Get());
    return fo != NULL ? (PyObject *)fo : Py_NewRef(Py_None);
}

static PyMethodDef cx_methods[] = {
    {"stack", cx_stack, METH_O, NULL},
    {"depth", cx_depth, METH_NOARGS, NULL},
    {"where", cx_where, METH_NOARGS, NULL},
    {"frame_matches", cx_frame_matches, METH_O, NULL},
    {"top_frame", cx_top_frame, METH_NOARGS, NULL},
    {"finished", cx_finished, METH_O, NULL},
    {"new_frame", cx_new_frame, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef cx_module = {
    PyModuleDef_HEAD_INIT, "cxframes", "Reads _PyInterpreterFrame directly.", 0, cx_methods,
};

PyMODINIT_FUNC
PyInit_cxframes(void)
{
    return PyModule_Create(&cx_module);
}

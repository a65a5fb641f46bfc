/* cpyext/frames.c: the code/frame/traceback calls Cython modules make to put a C function
 * into a traceback: PyCode_NewEmpty (a code object without instructions), PyFrame_New (a
 * frame object that never runs; its f_lineno is written by the caller) and PyTraceBack_Here,
 * with CPython 3.11's checks and reference behaviour. */
#include "Python.h"
#include "pyrs/code.h"
#include "pyrs/cpyext.h"
#include "pyrs/frameobject.h"

#include "code.h"
#include "frameobject.h"
#include "traceback.h"

PyCodeObject *
PyCode_NewEmpty(const char *filename, const char *funcname, int firstlineno)
{
    PyObject *empty = PyTuple_New(0);
    PyObject *file = PyUnicode_DecodeFSDefault(filename);
    PyObject *name = PyUnicode_FromString(funcname);
    PyObject *co = NULL;
    if (empty != NULL && file != NULL && name != NULL) {
        co = pyrs_code_new(NULL, NULL, 0, NULL, 0, empty, empty, empty, empty, empty, file, name,
                           name, 0, 0, 0, 0, firstlineno, 0);
    }
    Py_XDECREF(empty);
    Py_XDECREF(file);
    Py_XDECREF(name);
    return (PyCodeObject *)co;
}

PyFrameObject *
PyFrame_New(PyThreadState *Py_UNUSED(tstate), PyCodeObject *code, PyObject *globals,
            PyObject *locals)
{
    if (!PyCode_Check(code) || !PyDict_Check(globals) ||
        (locals != NULL && !PyMapping_Check(locals))) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return pyrs_frameobj_new((PyObject *)code, globals, locals);
}

int
PyTraceBack_Here(PyFrameObject *frame)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (!PyFrame_Check(frame) || (tb != NULL && !PyTraceBack_Check(tb))) {
        PyErr_Restore(type, value, tb);
        PyErr_BadInternalCall();
        return -1;
    }
    PyTracebackObject *entry = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
    if (entry == NULL) {
        /* CPython chains the allocation failure to the exception being traced */
        PyErr_Restore(type, value, tb);
        return -1;
    }
    entry->tb_next = (PyTracebackObject *)tb; /* takes the fetched reference */
    entry->tb_frame = (PyFrameObject *)Py_NewRef((PyObject *)frame);
    entry->tb_lasti = PyFrame_GetLasti(frame);
    entry->tb_lineno = PyFrame_GetLineNumber(frame);
    PyObject_GC_Track(entry);
    PyErr_Restore(type, value, (PyObject *)entry);
    return 0;
}

PyObject *
pyrs_cpyext_code_replace_empty(PyObject *code, PyObject *kwargs)
{
    static const char *kwlist[] = {
        "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",  "co_stacksize",
        "co_flags",    "co_firstlineno",     "co_code",           "co_consts",   "co_names",
        "co_varnames", "co_freevars",        "co_cellvars",       "co_filename", "co_name",
        "co_qualname", "co_linetable",       "co_exceptiontable", NULL};
    PyrsCodeObject *co = (PyrsCodeObject *)code;
    int argc = co->co_argcount, posonly = co->co_posonlyargcount, kwonly = co->co_kwonlyargcount;
    int nlocals = -1, stacksize = -1, flags = co->co_flags, firstlineno = co->co_firstlineno;
    PyObject *bytecode = NULL, *linetable = NULL, *exctable = NULL;
    PyObject *consts = co->co_consts, *names = co->co_names, *varnames = co->co_varnames;
    PyObject *freevars = co->co_freevars, *cellvars = co->co_cellvars;
    PyObject *filename = co->co_filename, *name = co->co_name, *qualname = co->co_qualname;
    PyObject *noargs = PyTuple_New(0);
    if (noargs == NULL) {
        return NULL;
    }
    int ok = PyArg_ParseTupleAndKeywords(
        noargs, kwargs, "|$iiiiiiiSO!O!O!O!O!UUUSS:replace", (char **)kwlist, &argc, &posonly,
        &kwonly, &nlocals, &stacksize, &flags, &firstlineno, &bytecode, &PyTuple_Type, &consts,
        &PyTuple_Type, &names, &PyTuple_Type, &varnames, &PyTuple_Type, &freevars, &PyTuple_Type,
        &cellvars, &filename, &name, &qualname, &linetable, &exctable);
    Py_DECREF(noargs);
    if (!ok) {
        return NULL;
    }
    /* the bytecode and tables are CPython's and are never run here: only the names and
     * counts that introspection and tracebacks read are kept */
    return pyrs_code_new(NULL, NULL, 0, NULL, 0, consts, names, varnames, cellvars, freevars,
                         filename, name, qualname, argc, posonly, kwonly, flags, firstlineno, 0);
}

/* marshal: the marshal module over runtime/marshal.c (CPython 3.11's format; code objects
 * are pyrs's own, readable only by the same build). dumps/loads/dump/load and `version`. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/marshal.h"

static int
version_arg(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t at, int *version)
{
    *version = Py_MARSHAL_VERSION;
    if (nargs > at) {
        long v = PyLong_AsLong(args[at]);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
        *version = (int)v;
    }
    return 0;
}

static PyObject *
marshal_dumps(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    int version;
    if (!_PyArg_CheckPositional("dumps", nargs, 1, 2) ||
        version_arg(args, nargs, 1, &version) < 0) {
        return NULL;
    }
    return PyMarshal_WriteObjectToString(args[0], version);
}

static PyObject *
marshal_dump(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    int version;
    if (!_PyArg_CheckPositional("dump", nargs, 2, 3) || version_arg(args, nargs, 2, &version) < 0) {
        return NULL;
    }
    PyObject *data = PyMarshal_WriteObjectToString(args[0], version);
    if (data == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_CallMethod(args[1], "write", "O", data);
    Py_DECREF(data);
    if (res == NULL) {
        return NULL;
    }
    Py_DECREF(res);
    Py_RETURN_NONE;
}

static PyObject *
marshal_loads(PyObject *Py_UNUSED(module), PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *v = pyrs_marshal_loads(view.buf, view.len, NULL);
    PyBuffer_Release(&view);
    return v;
}

/* marshal.load(file): reads what one object needs and no more, through file.readinto, after
 * checking as CPython does that file.read(0) gives bytes. */
static PyObject *
marshal_load(PyObject *Py_UNUSED(module), PyObject *file)
{
    PyObject *data = PyObject_CallMethod(file, "read", "i", 0);
    if (data == NULL) {
        return NULL;
    }
    if (!PyBytes_Check(data)) {
        PyErr_Format(PyExc_TypeError, "file.read() returned not bytes but %.100s",
                     Py_TYPE(data)->tp_name);
        Py_DECREF(data);
        return NULL;
    }
    Py_DECREF(data);
    return pyrs_marshal_load_file(file);
}

static PyMethodDef marshal_methods[] = {
    {"dumps", (PyCFunction)(void (*)(void))marshal_dumps, METH_FASTCALL,
     "dumps(value, version=4, /)\n--\n\nReturn the bytes object that would be written to a file "
     "by dump(value, file)."},
    {"dump", (PyCFunction)(void (*)(void))marshal_dump, METH_FASTCALL,
     "dump(value, file, version=4, /)\n--\n\nWrite the value on the open file."},
    {"loads", marshal_loads, METH_O,
     "loads(bytes, /)\n--\n\nConvert the bytes-like object to a value."},
    {"load", marshal_load, METH_O, "load(file, /)\n--\n\nRead one value from the open file."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef marshal_module = {
    PyModuleDef_HEAD_INIT,
    "marshal",
    "Internal Python object serialization.",
    -1,
    marshal_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit_marshal(void);

PyMODINIT_FUNC
PyInit_marshal(void)
{
    PyObject *m = PyModule_Create(&marshal_module);
    if (m != NULL && PyModule_AddIntConstant(m, "version", Py_MARSHAL_VERSION) < 0) {
        Py_CLEAR(m);
    }
    return m;
}

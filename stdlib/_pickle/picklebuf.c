/* _pickle/picklebuf.c: pickle.PickleBuffer (PEP 574), the wrapper that marks a buffer for
 * out-of-band pickling: it holds its exporter's view, forwards the buffer protocol to the
 * exporter, and offers raw() and release(). Mirrors CPython 3.11's Objects/picklebufobject.c. */
#include "pickle.h"

#include "structmember.h"

typedef struct {
    PyObject_HEAD
    Py_buffer view;        /* the exporter's view (view.obj NULL once released) */
    PyObject *weakreflist; /* weak references or NULL */
} PickleBufferObject;

static const char released_msg[] = "operation forbidden on released PickleBuffer object";

const Py_buffer *
pyrs_pickle_buffer_view(PyObject *self)
{
    PickleBufferObject *pb = (PickleBufferObject *)self;
    if (pb->view.obj == NULL) {
        PyErr_SetString(PyExc_ValueError, released_msg);
        return NULL;
    }
    return &pb->view;
}

static PyObject *
picklebuf_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    static const char *kwlist[] = {"", NULL};
    PyObject *base;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:PickleBuffer", (char **)kwlist, &base)) {
        return NULL;
    }
    PickleBufferObject *self = PyObject_GC_New(PickleBufferObject, tp);
    if (self == NULL) {
        return NULL;
    }
    self->view.obj = NULL;
    self->weakreflist = NULL;
    if (PyObject_GetBuffer(base, &self->view, PyBUF_FULL_RO) < 0) {
        self->view.obj = NULL;
        Py_DECREF(self);
        return NULL;
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

static int
picklebuf_traverse(PickleBufferObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->view.obj);
    return 0;
}

static int
picklebuf_clear(PickleBufferObject *self)
{
    if (self->view.obj != NULL) {
        PyBuffer_Release(&self->view);
        self->view.obj = NULL;
    }
    return 0;
}

static void
picklebuf_dealloc(PickleBufferObject *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs((PyObject *)self);
    }
    picklebuf_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
picklebuf_getbuf(PickleBufferObject *self, Py_buffer *view, int flags)
{
    if (self->view.obj == NULL) {
        PyErr_SetString(PyExc_ValueError, released_msg);
        return -1;
    }
    return PyObject_GetBuffer(self->view.obj, view, flags);
}

static PyBufferProcs picklebuf_as_buffer = {
    .bf_getbuffer = (getbufferproc)picklebuf_getbuf,
};

/* raw(): a one-dimensional unsigned-byte memoryview over the whole (contiguous) buffer. */
static PyObject *
picklebuf_raw(PickleBufferObject *self, PyObject *Py_UNUSED(ignored))
{
    if (self->view.obj == NULL) {
        PyErr_SetString(PyExc_ValueError, released_msg);
        return NULL;
    }
    if (self->view.suboffsets != NULL || !PyBuffer_IsContiguous(&self->view, 'A')) {
        PyErr_SetString(PyExc_BufferError, "cannot extract raw buffer from non-contiguous buffer");
        return NULL;
    }
    PyObject *m = PyMemoryView_FromObject((PyObject *)self);
    if (m == NULL) {
        return NULL;
    }
    /* Reshape the new view in place: it owns its shape/strides storage, and a contiguous
     * buffer read as bytes is both C- and Fortran-contiguous. */
    PyMemoryViewObject *mv = (PyMemoryViewObject *)m;
    mv->view.format = (char *)"B";
    mv->view.ndim = 1;
    mv->view.itemsize = 1;
    mv->view.shape = &mv->view.len;
    mv->view.strides = &mv->view.itemsize;
    mv->flags = _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN;
    return m;
}

static PyObject *
picklebuf_release(PickleBufferObject *self, PyObject *Py_UNUSED(ignored))
{
    picklebuf_clear(self);
    Py_RETURN_NONE;
}

static PyMethodDef picklebuf_methods[] = {
    {"raw", (PyCFunction)picklebuf_raw, METH_NOARGS,
     "raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\n"
     "Will raise BufferError is the buffer isn't contiguous."},
    {"release", (PyCFunction)picklebuf_release, METH_NOARGS,
     "release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer "
     "object."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject pyrs_pickle_buffer_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "pickle.PickleBuffer",
    .tp_doc = "Wrapper for potentially out-of-band buffers",
    .tp_basicsize = sizeof(PickleBufferObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = picklebuf_new,
    .tp_dealloc = (destructor)picklebuf_dealloc,
    .tp_traverse = (traverseproc)picklebuf_traverse,
    .tp_clear = (inquiry)picklebuf_clear,
    .tp_weaklistoffset = offsetof(PickleBufferObject, weakreflist),
    .tp_as_buffer = &picklebuf_as_buffer,
    .tp_methods = picklebuf_methods,
    .tp_free = PyObject_GC_Del,
};

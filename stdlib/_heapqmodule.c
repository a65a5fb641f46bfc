/* _heapqmodule.c: the _heapq accelerator (min-heaps on lists, plus the private max-heap helpers
 * heapq.merge/nlargest use), mirroring CPython 3.11's Modules/_heapqmodule.c: items are compared
 * with < only, and a list resized by a comparison raises RuntimeError. */
#include "Python.h"
#include "pyrs/call.h"

/* The list check of every entry point; ARGNUM 0 means "argument", else "argument N". */
static int
check_list(const char *fname, int argnum, PyObject *heap)
{
    if (PyList_Check(heap)) {
        return 0;
    }
    if (argnum == 0) {
        PyErr_Format(PyExc_TypeError, "%s() argument must be list, not %.50s", fname,
                     Py_TYPE(heap)->tp_name);
    } else {
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be list, not %.50s", fname, argnum,
                     Py_TYPE(heap)->tp_name);
    }
    return -1;
}

/* a < b for a min-heap, b < a for a max-heap; 1/0/-1. */
static int
less(PyObject *a, PyObject *b, int ismax)
{
    PyObject *x = ismax ? b : a, *y = ismax ? a : b;
    Py_INCREF(x);
    Py_INCREF(y);
    int r = PyObject_RichCompareBool(x, y, Py_LT);
    Py_DECREF(x);
    Py_DECREF(y);
    return r;
}

static int
size_changed(PyObject *heap, Py_ssize_t size)
{
    if (PyList_GET_SIZE(heap) != size) {
        PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
        return 1;
    }
    return 0;
}

/* Moves the item at POS up towards STARTPOS while it is less than its parent. */
static int
siftdown(PyObject *heap, Py_ssize_t startpos, Py_ssize_t pos, int ismax)
{
    Py_ssize_t size = PyList_GET_SIZE(heap);
    if (pos >= size) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    while (pos > startpos) {
        Py_ssize_t parentpos = (pos - 1) >> 1;
        PyObject **arr = ((PyListObject *)heap)->ob_item;
        int cmp = less(arr[pos], arr[parentpos], ismax);
        if (cmp < 0) {
            return -1;
        }
        if (size_changed(heap, size)) {
            return -1;
        }
        if (cmp == 0) {
            break;
        }
        arr = ((PyListObject *)heap)->ob_item;
        PyObject *tmp = arr[parentpos];
        arr[parentpos] = arr[pos];
        arr[pos] = tmp;
        pos = parentpos;
    }
    return 0;
}

/* Bubbles the smaller child up from POS to a leaf, then sifts the displaced item down. */
static int
siftup(PyObject *heap, Py_ssize_t pos, int ismax)
{
    Py_ssize_t endpos = PyList_GET_SIZE(heap), startpos = pos;
    if (pos >= endpos) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    Py_ssize_t limit = endpos >> 1;
    while (pos < limit) {
        Py_ssize_t childpos = 2 * pos + 1;
        PyObject **arr = ((PyListObject *)heap)->ob_item;
        if (childpos + 1 < endpos) {
            int cmp = less(arr[childpos], arr[childpos + 1], ismax);
            if (cmp < 0) {
                return -1;
            }
            childpos += ((unsigned)cmp ^ 1);
            if (size_changed(heap, endpos)) {
                return -1;
            }
        }
        arr = ((PyListObject *)heap)->ob_item;
        PyObject *tmp = arr[childpos];
        arr[childpos] = arr[pos];
        arr[pos] = tmp;
        pos = childpos;
    }
    return siftdown(heap, startpos, pos, ismax);
}

static PyObject *
push_common(const char *fname, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional(fname, nargs, 2, 2) || check_list(fname, 1, args[0]) < 0) {
        return NULL;
    }
    PyObject *heap = args[0];
    if (PyList_Append(heap, args[1]) < 0) {
        return NULL;
    }
    if (siftdown(heap, 0, PyList_GET_SIZE(heap) - 1, 0) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
heappush(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return push_common("heappush", args, nargs);
}

static PyObject *
pop_common(const char *fname, PyObject *heap, int ismax)
{
    if (check_list(fname, 0, heap) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(heap);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    PyObject *last = PyList_GET_ITEM(heap, n - 1);
    Py_INCREF(last);
    if (PyList_SetSlice(heap, n - 1, n, NULL) < 0) {
        Py_DECREF(last);
        return NULL;
    }
    n--;
    if (n == 0) {
        return last;
    }
    PyObject *ret = PyList_GET_ITEM(heap, 0);
    PyList_SET_ITEM(heap, 0, last);
    if (siftup(heap, 0, ismax) < 0) {
        Py_DECREF(ret);
        return NULL;
    }
    return ret;
}

static PyObject *
heappop(PyObject *Py_UNUSED(m), PyObject *heap)
{
    return pop_common("heappop", heap, 0);
}

static PyObject *
heappop_max(PyObject *Py_UNUSED(m), PyObject *heap)
{
    return pop_common("_heappop_max", heap, 1);
}

static PyObject *
replace_common(const char *fname, PyObject *const *args, Py_ssize_t nargs, int ismax)
{
    if (!_PyArg_CheckPositional(fname, nargs, 2, 2) || check_list(fname, 1, args[0]) < 0) {
        return NULL;
    }
    PyObject *heap = args[0];
    if (PyList_GET_SIZE(heap) == 0) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    PyObject *ret = PyList_GET_ITEM(heap, 0);
    Py_INCREF(args[1]);
    PyList_SET_ITEM(heap, 0, args[1]);
    if (siftup(heap, 0, ismax) < 0) {
        Py_DECREF(ret);
        return NULL;
    }
    return ret;
}

static PyObject *
heapreplace(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return replace_common("heapreplace", args, nargs, 0);
}

static PyObject *
heapreplace_max(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    return replace_common("_heapreplace_max", args, nargs, 1);
}

static PyObject *
heappushpop(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("heappushpop", nargs, 2, 2) ||
        check_list("heappushpop", 1, args[0]) < 0) {
        return NULL;
    }
    PyObject *heap = args[0], *item = args[1];
    if (PyList_GET_SIZE(heap) == 0) {
        return Py_NewRef(item);
    }
    PyObject *top = Py_NewRef(PyList_GET_ITEM(heap, 0));
    int cmp = PyObject_RichCompareBool(top, item, Py_LT);
    Py_DECREF(top);
    if (cmp < 0) {
        return NULL;
    }
    if (cmp == 0) {
        return Py_NewRef(item);
    }
    if (PyList_GET_SIZE(heap) == 0) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
    PyObject *ret = PyList_GET_ITEM(heap, 0);
    PyList_SET_ITEM(heap, 0, Py_NewRef(item));
    if (siftup(heap, 0, 0) < 0) {
        Py_DECREF(ret);
        return NULL;
    }
    return ret;
}

static PyObject *
heapify_common(const char *fname, PyObject *heap, int ismax)
{
    if (check_list(fname, 0, heap) < 0) {
        return NULL;
    }
    for (Py_ssize_t i = (PyList_GET_SIZE(heap) >> 1) - 1; i >= 0; i--) {
        if (siftup(heap, i, ismax) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
heapify(PyObject *Py_UNUSED(m), PyObject *heap)
{
    return heapify_common("heapify", heap, 0);
}

static PyObject *
heapify_max(PyObject *Py_UNUSED(m), PyObject *heap)
{
    return heapify_common("_heapify_max", heap, 1);
}

static PyMethodDef heapq_methods[] = {
    {"heappush", (PyCFunction)(void (*)(void))heappush, METH_FASTCALL,
     "heappush($module, heap, item, /)\n--\n\nPush item onto heap, maintaining the heap "
     "invariant."},
    {"heappushpop", (PyCFunction)(void (*)(void))heappushpop, METH_FASTCALL,
     "heappushpop($module, heap, item, /)\n--\n\nPush item on the heap, then pop and return the "
     "smallest item from the heap."},
    {"heappop", heappop, METH_O,
     "heappop($module, heap, /)\n--\n\nPop the smallest item off the heap, maintaining the heap "
     "invariant."},
    {"heapreplace", (PyCFunction)(void (*)(void))heapreplace, METH_FASTCALL,
     "heapreplace($module, heap, item, /)\n--\n\nPop and return the current smallest value, and "
     "add the new item."},
    {"heapify", heapify, METH_O,
     "heapify($module, heap, /)\n--\n\nTransform list into a heap, in-place, in O(len(heap)) "
     "time."},
    {"_heappop_max", heappop_max, METH_O,
     "_heappop_max($module, heap, /)\n--\n\nMaxheap variant of heappop."},
    {"_heapreplace_max", (PyCFunction)(void (*)(void))heapreplace_max, METH_FASTCALL,
     "_heapreplace_max($module, heap, item, /)\n--\n\nMaxheap variant of heapreplace."},
    {"_heapify_max", heapify_max, METH_O,
     "_heapify_max($module, heap, /)\n--\n\nMaxheap variant of heapify."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef heapq_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_heapq",
    .m_doc = "Heap queue algorithm (a.k.a. priority queue).",
    .m_size = 0,
    .m_methods = heapq_methods,
};

PyMODINIT_FUNC PyInit__heapq(void);

/* Module init: a new module object, or NULL with an exception. */
PyMODINIT_FUNC
PyInit__heapq(void)
{
    return PyModule_Create(&heapq_module);
}

/* The array module: array.array with every 3.11 typecode (b B u h H i I l L q Q f d), its
 * sequence, slicing, comparison and buffer protocols, every method, pickling through
 * array._array_reconstructor and machine format codes, and the iterator; CPython 3.11's
 * Modules/arraymodule.c growth policy and messages. */
#include "Python.h"
#include "pyrs/call.h"

#include <float.h>

/* One typecode: its item size, buffer format and integer kind. */
typedef struct {
    char typecode;       /* the array typecode */
    int itemsize;        /* bytes per item */
    const char *formats; /* struct format exported through the buffer protocol */
    int is_integer;      /* integer item type */
    int is_signed;       /* signed integer item type */
} ArrayDescr;

static const ArrayDescr descriptors[] = {
    {'b', 1, "b", 1, 1}, {'B', 1, "B", 1, 0}, {'u', 4, "w", 0, 0}, {'h', 2, "h", 1, 1},
    {'H', 2, "H", 1, 0}, {'i', 4, "i", 1, 1}, {'I', 4, "I", 1, 0}, {'l', 8, "l", 1, 1},
    {'L', 8, "L", 1, 0}, {'q', 8, "q", 1, 1}, {'Q', 8, "Q", 1, 0}, {'f', 4, "f", 0, 0},
    {'d', 8, "d", 0, 0},
};

typedef struct {
    PyObject_VAR_HEAD
    char *ob_item;              /* items, allocated bytes = allocated * itemsize */
    Py_ssize_t allocated;       /* capacity in items */
    const ArrayDescr *ob_descr; /* the typecode */
    PyObject *weakreflist;      /* weak references */
    Py_ssize_t ob_exports;      /* buffers exported (resizing is refused while > 0) */
} arrayobject;

typedef struct {
    PyObject_HEAD
    Py_ssize_t index; /* next item */
    arrayobject *ao;  /* the array, NULL when exhausted */
} arrayiterobject;

static PyTypeObject Arraytype;
static PyTypeObject PyArrayIter_Type;

#define array_Check(op) PyObject_TypeCheck(op, &Arraytype)
#define ITEMSIZE(a)     ((a)->ob_descr->itemsize)

static const ArrayDescr *
descr_for(int c)
{
    for (size_t i = 0; i < Py_ARRAY_LENGTH(descriptors); i++) {
        if (descriptors[i].typecode == c) {
            return &descriptors[i];
        }
    }
    return NULL;
}

/* ---- storage -------------------------------------------------------------------------------- */

/* Resizes to NEWSIZE items with CPython's over-allocation; 0, or -1 with BufferError or
 * MemoryError. */
static int
array_resize(arrayobject *self, Py_ssize_t newsize)
{
    if (self->ob_exports > 0 && newsize != Py_SIZE(self)) {
        PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
        return -1;
    }
    if (self->allocated >= newsize && Py_SIZE(self) < newsize + 16 && self->ob_item != NULL) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    if (newsize == 0) {
        PyMem_Free(self->ob_item);
        self->ob_item = NULL;
        Py_SET_SIZE(self, 0);
        self->allocated = 0;
        return 0;
    }
    Py_ssize_t alloc = (newsize >> 4) + (Py_SIZE(self) < 8 ? 3 : 7) + newsize;
    if ((size_t)alloc > PY_SSIZE_T_MAX / (size_t)ITEMSIZE(self)) {
        PyErr_NoMemory();
        return -1;
    }
    char *items = PyMem_Realloc(self->ob_item, (size_t)(alloc * ITEMSIZE(self)));
    if (items == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    Py_SET_SIZE(self, newsize);
    self->allocated = alloc;
    return 0;
}

/* A new array of TYPE with SIZE zeroed items: new reference or NULL. */
static PyObject *
newarrayobject(PyTypeObject *type, Py_ssize_t size, const ArrayDescr *descr)
{
    if (size < 0) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (size > PY_SSIZE_T_MAX / descr->itemsize) {
        return PyErr_NoMemory();
    }
    arrayobject *op = (arrayobject *)type->tp_alloc(type, 0);
    if (op == NULL) {
        return NULL;
    }
    op->ob_descr = descr;
    op->allocated = size;
    op->weakreflist = NULL;
    op->ob_exports = 0;
    Py_SET_SIZE(op, size);
    op->ob_item = NULL;
    if (size > 0) {
        op->ob_item = PyMem_Calloc((size_t)size, (size_t)descr->itemsize);
        if (op->ob_item == NULL) {
            Py_DECREF(op);
            return PyErr_NoMemory();
        }
    }
    return (PyObject *)op;
}

/* ---- items ---------------------------------------------------------------------------------- */

static PyObject *
getitem(arrayobject *a, Py_ssize_t i)
{
    const char *p = a->ob_item + i * ITEMSIZE(a);
    switch (a->ob_descr->typecode) {
    case 'b':
        return PyLong_FromLong(*(const signed char *)p);
    case 'B':
        return PyLong_FromLong(*(const unsigned char *)p);
    case 'u':
        return PyUnicode_FromOrdinal((int)*(const uint32_t *)p);
    case 'h':
        return PyLong_FromLong(*(const short *)p);
    case 'H':
        return PyLong_FromLong(*(const unsigned short *)p);
    case 'i':
        return PyLong_FromLong(*(const int *)p);
    case 'I':
        return PyLong_FromUnsignedLong(*(const unsigned int *)p);
    case 'l':
        return PyLong_FromLong(*(const long *)p);
    case 'L':
        return PyLong_FromUnsignedLong(*(const unsigned long *)p);
    case 'q':
        return PyLong_FromLongLong(*(const long long *)p);
    case 'Q':
        return PyLong_FromUnsignedLongLong(*(const unsigned long long *)p);
    case 'f':
        return PyFloat_FromDouble(*(const float *)p);
    default:
        return PyFloat_FromDouble(*(const double *)p);
    }
}

static int
overflow(const char *msg)
{
    PyErr_SetString(PyExc_OverflowError, msg);
    return -1;
}

/* Converts V for the signed integer codes, with getargs' and arraymodule's messages. */
static int
signed_item(char tc, PyObject *v, long long *out)
{
    PyObject *n = PyNumber_Index(v);
    if (n == NULL) {
        return -1;
    }
    int ov = 0;
    long long x = PyLong_AsLongLongAndOverflow(n, &ov);
    Py_DECREF(n);
    if (x == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (ov) {
        return overflow(tc == 'q' ? "int too big to convert"
                                  : "Python int too large to convert to C long");
    }
    switch (tc) {
    case 'b':
    case 'h':
        if (x > SHRT_MAX) {
            return overflow("signed short integer is greater than maximum");
        }
        if (x < SHRT_MIN) {
            return overflow("signed short integer is less than minimum");
        }
        if (tc == 'b' && x > SCHAR_MAX) {
            return overflow("signed char is greater than maximum");
        }
        if (tc == 'b' && x < SCHAR_MIN) {
            return overflow("signed char is less than minimum");
        }
        break;
    case 'B':
        if (x < 0) {
            return overflow("unsigned byte integer is less than minimum");
        }
        if (x > UCHAR_MAX) {
            return overflow("unsigned byte integer is greater than maximum");
        }
        break;
    case 'H':
    case 'i':
        if (x > INT_MAX) {
            return overflow("signed integer is greater than maximum");
        }
        if (x < INT_MIN) {
            return overflow("signed integer is less than minimum");
        }
        if (tc == 'H' && x < 0) {
            return overflow("unsigned short is less than minimum");
        }
        if (tc == 'H' && x > USHRT_MAX) {
            return overflow("unsigned short is greater than maximum");
        }
        break;
    default:
        break;
    }
    *out = x;
    return 0;
}

/* Converts V for the unsigned codes I, L and Q. */
static int
unsigned_item(char tc, PyObject *v, unsigned long long *out)
{
    PyObject *n = PyNumber_Index(v);
    if (n == NULL) {
        return -1;
    }
    if (_PyLong_Sign(n) < 0) {
        Py_DECREF(n);
        return overflow(tc == 'Q' ? "can't convert negative int to unsigned"
                                  : "can't convert negative value to unsigned int");
    }
    unsigned long long x = PyLong_AsUnsignedLongLong(n);
    Py_DECREF(n);
    if (x == (unsigned long long)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        return overflow(tc == 'Q' ? "int too big to convert"
                                  : "Python int too large to convert to C unsigned long");
    }
    if (tc == 'I' && x > UINT_MAX) {
        return overflow("unsigned int is greater than maximum");
    }
    *out = x;
    return 0;
}

/* Stores V as item I (or only checks it when I < 0); 0, or -1 with an exception. */
static int
setitem(arrayobject *a, Py_ssize_t i, PyObject *v)
{
    char tc = a->ob_descr->typecode;
    char *p = i >= 0 ? a->ob_item + i * ITEMSIZE(a) : NULL;
    if (tc == 'u') {
        if (!PyUnicode_Check(v) || PyUnicode_GET_LENGTH(v) != 1) {
            PyErr_SetString(PyExc_TypeError, "array item must be unicode character");
            return -1;
        }
        if (p != NULL) {
            uint32_t c = PyUnicode_READ_CHAR(v, 0);
            memcpy(p, &c, 4);
        }
        return 0;
    }
    if (tc == 'f' || tc == 'd') {
        double x = PyFloat_AsDouble(v);
        if (x == -1.0 && PyErr_Occurred()) {
            return -1;
        }
        if (p != NULL && tc == 'f') {
            float f = (float)x;
            memcpy(p, &f, 4);
        } else if (p != NULL) {
            memcpy(p, &x, 8);
        }
        return 0;
    }
    unsigned long long u;
    if (a->ob_descr->is_signed || tc == 'B' || tc == 'H') {
        long long x;
        if (signed_item(tc, v, &x) < 0) {
            return -1;
        }
        u = (unsigned long long)x;
    } else if (unsigned_item(tc, v, &u) < 0) {
        return -1;
    }
    if (p != NULL) {
        /* little-endian: the low bytes are the item */
        memcpy(p, &u, (size_t)ITEMSIZE(a));
    }
    return 0;
}

/* ---- construction --------------------------------------------------------------------------- */

static int array_do_extend(arrayobject *self, PyObject *bb);
static PyObject *frombytes(arrayobject *self, const char *data, Py_ssize_t n);
static PyObject *array_tounicode(PyObject *op, PyObject *Py_UNUSED(ignored));

static int
extend_iter(arrayobject *self, PyObject *bb)
{
    PyObject *it = PyObject_GetIter(bb), *v;
    if (it == NULL) {
        return -1;
    }
    while ((v = PyIter_Next(it)) != NULL) {
        Py_ssize_t n = Py_SIZE(self);
        if (array_resize(self, n + 1) < 0 || setitem(self, n, v) < 0) {
            /* a shrink back to the old size cannot fail */
            if (Py_SIZE(self) != n) {
                (void)array_resize(self, n);
            }
            Py_DECREF(v);
            Py_DECREF(it);
            return -1;
        }
        Py_DECREF(v);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static int
fromunicode(arrayobject *self, PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), old = Py_SIZE(self);
    if (n == 0) {
        return 0;
    }
    if (array_resize(self, old + n) < 0) {
        return -1;
    }
    uint32_t *out = (uint32_t *)self->ob_item + old;
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyUnicode_READ_CHAR(s, i);
    }
    return 0;
}

static PyObject *
array_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if ((type == &Arraytype || type->tp_init == Arraytype.tp_init) &&
        !_PyArg_NoKeywords("array.array", kwds)) {
        return NULL;
    }
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "array() takes at %s %d argument%s (%zd given)",
                     nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    PyObject *tc = PyTuple_GET_ITEM(args, 0), *init = nargs > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    if (!PyUnicode_Check(tc) || PyUnicode_GET_LENGTH(tc) != 1) {
        PyErr_Format(PyExc_TypeError, "array() argument 1 must be a unicode character, not %.50s",
                     Py_TYPE(tc)->tp_name);
        return NULL;
    }
    Py_UCS4 c = PyUnicode_READ_CHAR(tc, 0);
    const ArrayDescr *descr = c < 128 ? descr_for((int)c) : NULL;
    if (descr == NULL) {
        PyErr_SetString(PyExc_ValueError,
                        "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        return NULL;
    }
    if (init != NULL && PyUnicode_Check(init) && c != 'u') {
        PyErr_Format(PyExc_TypeError, "cannot use a str to initialize an array with typecode '%c'",
                     (int)c);
        return NULL;
    }
    if (init != NULL && array_Check(init) && c != 'u' &&
        ((arrayobject *)init)->ob_descr->typecode == 'u') {
        PyErr_Format(PyExc_TypeError,
                     "cannot use a unicode array to initialize an array with typecode '%c'",
                     (int)c);
        return NULL;
    }
    arrayobject *a = (arrayobject *)newarrayobject(type, 0, descr);
    if (a == NULL) {
        return NULL;
    }
    int rc = 0;
    if (init == NULL) {
        rc = 0;
    } else if (PyBytes_Check(init) || PyByteArray_Check(init)) {
        PyObject *r = frombytes(
            a, PyBytes_Check(init) ? PyBytes_AS_STRING(init) : PyByteArray_AS_STRING(init),
            Py_SIZE(init));
        rc = r == NULL ? -1 : 0;
        Py_XDECREF(r);
    } else if (PyUnicode_Check(init)) {
        rc = fromunicode(a, init);
    } else if (array_Check(init) && ((arrayobject *)init)->ob_descr == descr) {
        rc = array_do_extend(a, init);
    } else if (PyList_Check(init) || PyTuple_Check(init)) {
        Py_ssize_t n = PySequence_Fast_GET_SIZE(init);
        if (n > 0) {
            a->ob_item = PyMem_Calloc((size_t)n, (size_t)descr->itemsize);
            if (a->ob_item == NULL) {
                Py_DECREF(a);
                return PyErr_NoMemory();
            }
            a->allocated = n;
            Py_SET_SIZE(a, n);
        }
        for (Py_ssize_t i = 0; i < n && rc == 0; i++) {
            rc = setitem(a, i, PySequence_Fast_GET_ITEM(init, i));
        }
    } else {
        rc = extend_iter(a, init);
    }
    if (rc < 0) {
        Py_DECREF(a);
        return NULL;
    }
    return (PyObject *)a;
}

static void
array_dealloc(PyObject *op)
{
    arrayobject *self = (arrayobject *)op;
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    PyMem_Free(self->ob_item);
    Py_TYPE(op)->tp_free(op);
}

/* ---- sequence protocol ---------------------------------------------------------------------- */

static Py_ssize_t
array_length(PyObject *op)
{
    return Py_SIZE(op);
}

static PyObject *
array_item(PyObject *op, Py_ssize_t i)
{
    arrayobject *a = (arrayobject *)op;
    if (i < 0 || i >= Py_SIZE(a)) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
        return NULL;
    }
    return getitem(a, i);
}

static PyObject *
array_slice(arrayobject *a, Py_ssize_t ilow, Py_ssize_t ihigh)
{
    if (ilow < 0) {
        ilow = 0;
    } else if (ilow > Py_SIZE(a)) {
        ilow = Py_SIZE(a);
    }
    if (ihigh < ilow) {
        ihigh = ilow;
    } else if (ihigh > Py_SIZE(a)) {
        ihigh = Py_SIZE(a);
    }
    arrayobject *np = (arrayobject *)newarrayobject(&Arraytype, ihigh - ilow, a->ob_descr);
    if (np != NULL && ihigh > ilow) {
        memcpy(np->ob_item, a->ob_item + ilow * ITEMSIZE(a),
               (size_t)((ihigh - ilow) * ITEMSIZE(a)));
    }
    return (PyObject *)np;
}

static PyObject *
array_concat(PyObject *op, PyObject *bb)
{
    arrayobject *a = (arrayobject *)op;
    if (!array_Check(bb)) {
        PyErr_Format(PyExc_TypeError, "can only append array (not \"%.200s\") to array",
                     Py_TYPE(bb)->tp_name);
        return NULL;
    }
    arrayobject *b = (arrayobject *)bb;
    if (a->ob_descr != b->ob_descr) {
        PyErr_BadArgument();
        return NULL;
    }
    if (Py_SIZE(a) > PY_SSIZE_T_MAX - Py_SIZE(b)) {
        return PyErr_NoMemory();
    }
    Py_ssize_t size = Py_SIZE(a) + Py_SIZE(b);
    arrayobject *np = (arrayobject *)newarrayobject(&Arraytype, size, a->ob_descr);
    if (np == NULL) {
        return NULL;
    }
    if (Py_SIZE(a) > 0) {
        memcpy(np->ob_item, a->ob_item, (size_t)(Py_SIZE(a) * ITEMSIZE(a)));
    }
    if (Py_SIZE(b) > 0) {
        memcpy(np->ob_item + Py_SIZE(a) * ITEMSIZE(a), b->ob_item,
               (size_t)(Py_SIZE(b) * ITEMSIZE(b)));
    }
    return (PyObject *)np;
}

static PyObject *
array_repeat(PyObject *op, Py_ssize_t n)
{
    arrayobject *a = (arrayobject *)op;
    if (n < 0) {
        n = 0;
    }
    if (Py_SIZE(a) != 0 && n > PY_SSIZE_T_MAX / Py_SIZE(a)) {
        return PyErr_NoMemory();
    }
    Py_ssize_t size = Py_SIZE(a) * n, nbytes = Py_SIZE(a) * ITEMSIZE(a);
    arrayobject *np = (arrayobject *)newarrayobject(&Arraytype, size, a->ob_descr);
    if (np == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n && nbytes > 0; i++) {
        memcpy(np->ob_item + i * nbytes, a->ob_item, (size_t)nbytes);
    }
    return (PyObject *)np;
}

/* Replaces items [ilow, ihigh) by those of the array V (NULL deletes). */
static int
array_ass_slice(arrayobject *a, Py_ssize_t ilow, Py_ssize_t ihigh, arrayobject *v)
{
    Py_ssize_t n = v != NULL ? Py_SIZE(v) : 0, sz = ITEMSIZE(a);
    if (ilow < 0) {
        ilow = 0;
    } else if (ilow > Py_SIZE(a)) {
        ilow = Py_SIZE(a);
    }
    if (ihigh < ilow) {
        ihigh = ilow;
    } else if (ihigh > Py_SIZE(a)) {
        ihigh = Py_SIZE(a);
    }
    Py_ssize_t d = n - (ihigh - ilow), oldsize = Py_SIZE(a);
    if (d != 0 && a->ob_exports > 0) {
        PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
        return -1;
    }
    if (d < 0) {
        memmove(a->ob_item + (ihigh + d) * sz, a->ob_item + ihigh * sz,
                (size_t)((oldsize - ihigh) * sz));
        if (array_resize(a, oldsize + d) < 0) {
            return -1;
        }
    } else if (d > 0) {
        if (array_resize(a, oldsize + d) < 0) {
            return -1;
        }
        memmove(a->ob_item + (ihigh + d) * sz, a->ob_item + ihigh * sz,
                (size_t)((oldsize - ihigh) * sz));
    }
    if (n > 0) {
        memcpy(a->ob_item + ilow * sz, v->ob_item, (size_t)(n * sz));
    }
    return 0;
}

static int
array_ass_item(PyObject *op, Py_ssize_t i, PyObject *v)
{
    arrayobject *a = (arrayobject *)op;
    if (i < 0 || i >= Py_SIZE(a)) {
        PyErr_SetString(PyExc_IndexError, "array assignment index out of range");
        return -1;
    }
    if (v == NULL) {
        return array_ass_slice(a, i, i + 1, NULL);
    }
    return setitem(a, i, v);
}

static int
array_contains(PyObject *op, PyObject *v)
{
    arrayobject *a = (arrayobject *)op;
    for (Py_ssize_t i = 0; i < Py_SIZE(a); i++) {
        PyObject *item = getitem(a, i);
        if (item == NULL) {
            return -1;
        }
        int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
        Py_DECREF(item);
        if (cmp != 0) {
            return cmp;
        }
    }
    return 0;
}

static int
array_do_extend(arrayobject *self, PyObject *bb)
{
    if (!array_Check(bb)) {
        return extend_iter(self, bb);
    }
    arrayobject *b = (arrayobject *)bb;
    if (self->ob_descr != b->ob_descr) {
        PyErr_SetString(PyExc_TypeError, "can only extend with array of same kind");
        return -1;
    }
    Py_ssize_t oldsize = Py_SIZE(self), bbsize = Py_SIZE(b);
    if (oldsize > PY_SSIZE_T_MAX - bbsize) {
        PyErr_NoMemory();
        return -1;
    }
    if (array_resize(self, oldsize + bbsize) < 0) {
        return -1;
    }
    if (bbsize > 0) {
        memcpy(self->ob_item + oldsize * ITEMSIZE(self), b->ob_item,
               (size_t)(bbsize * ITEMSIZE(b)));
    }
    return 0;
}

static PyObject *
array_inplace_concat(PyObject *op, PyObject *bb)
{
    if (!array_Check(bb)) {
        PyErr_Format(PyExc_TypeError, "can only extend array with array (not \"%.200s\")",
                     Py_TYPE(bb)->tp_name);
        return NULL;
    }
    if (array_do_extend((arrayobject *)op, bb) < 0) {
        return NULL;
    }
    return Py_NewRef(op);
}

static PyObject *
array_inplace_repeat(PyObject *op, Py_ssize_t n)
{
    arrayobject *a = (arrayobject *)op;
    Py_ssize_t size = Py_SIZE(a);
    if (size > 0) {
        if (n < 0) {
            n = 0;
        }
        if (n > 0 && size > PY_SSIZE_T_MAX / n) {
            return PyErr_NoMemory();
        }
        if (array_resize(a, size * n) < 0) {
            return NULL;
        }
        Py_ssize_t nbytes = size * ITEMSIZE(a);
        for (Py_ssize_t i = 1; i < n; i++) {
            memcpy(a->ob_item + i * nbytes, a->ob_item, (size_t)nbytes);
        }
    }
    return Py_NewRef(op);
}

/* ---- subscripts ----------------------------------------------------------------------------- */

static PyObject *
array_subscr(PyObject *op, PyObject *item)
{
    arrayobject *a = (arrayobject *)op;
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (i < 0) {
            i += Py_SIZE(a);
        }
        return array_item(op, i);
    }
    if (!PySlice_Check(item)) {
        PyErr_SetString(PyExc_TypeError, "array indices must be integers");
        return NULL;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(a), &start, &stop, step);
    if (step == 1) {
        return array_slice(a, start, stop);
    }
    arrayobject *np = (arrayobject *)newarrayobject(&Arraytype, n, a->ob_descr);
    if (np == NULL) {
        return NULL;
    }
    Py_ssize_t sz = ITEMSIZE(a);
    for (Py_ssize_t cur = start, i = 0; i < n;
         cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
        memcpy(np->ob_item + i * sz, a->ob_item + cur * sz, (size_t)sz);
    }
    return (PyObject *)np;
}

static int
array_ass_subscr(PyObject *op, PyObject *item, PyObject *value)
{
    arrayobject *self = (arrayobject *)op, *other = NULL;
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (i < 0) {
            i += Py_SIZE(self);
        }
        return array_ass_item(op, i, value);
    }
    if (!PySlice_Check(item)) {
        PyErr_SetString(PyExc_TypeError, "array indices must be integers");
        return -1;
    }
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) {
        return -1;
    }
    Py_ssize_t slicelength = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    Py_ssize_t needed = 0, sz = ITEMSIZE(self);
    if (value != NULL) {
        if (!array_Check(value)) {
            PyErr_Format(PyExc_TypeError, "can only assign array (not \"%.200s\") to array slice",
                         Py_TYPE(value)->tp_name);
            return -1;
        }
        other = (arrayobject *)value;
        if (self->ob_descr != other->ob_descr) {
            PyErr_BadArgument();
            return -1;
        }
        needed = Py_SIZE(other);
    }
    if (step == 1) {
        if (stop < start) {
            stop = start;
        }
        int rc;
        if (other == self) {
            /* assigning an array to a slice of itself: work from a copy */
            PyObject *copy = array_slice(self, 0, Py_SIZE(self));
            if (copy == NULL) {
                return -1;
            }
            rc = array_ass_slice(self, start, stop, (arrayobject *)copy);
            Py_DECREF(copy);
        } else {
            rc = array_ass_slice(self, start, stop, other);
        }
        return rc;
    }
    if (other == NULL) {
        /* delete an extended slice */
        if (slicelength <= 0) {
            return 0;
        }
        if (step < 0) {
            stop = start + 1;
            start = stop + step * (slicelength - 1) - 1;
            step = -step;
        }
        Py_ssize_t cur, i;
        for (cur = start, i = 0; i < slicelength;
             cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
            Py_ssize_t lim = step - 1;
            /* size_t: a huge step (del a[9::1<<333]) must not overflow */
            if ((size_t)cur + (size_t)step >= (size_t)Py_SIZE(self)) {
                lim = Py_SIZE(self) - cur - 1;
            }
            memmove(self->ob_item + (cur - i) * sz, self->ob_item + (cur + 1) * sz,
                    (size_t)(lim * sz));
        }
        size_t end = (size_t)start + (size_t)slicelength * (size_t)step;
        cur = end < (size_t)Py_SIZE(self) ? (Py_ssize_t)end : Py_SIZE(self);
        if (cur < Py_SIZE(self)) {
            memmove(self->ob_item + (cur - slicelength) * sz, self->ob_item + cur * sz,
                    (size_t)((Py_SIZE(self) - cur) * sz));
        }
        return array_resize(self, Py_SIZE(self) - slicelength);
    }
    if (needed != slicelength) {
        PyErr_Format(PyExc_ValueError,
                     "attempt to assign array of size %zd to extended slice of size %zd", needed,
                     slicelength);
        return -1;
    }
    char *src = other->ob_item, *tmp = NULL;
    if (other == self && needed > 0) {
        tmp = PyMem_Malloc((size_t)(needed * sz));
        if (tmp == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(tmp, src, (size_t)(needed * sz));
        src = tmp;
    }
    for (Py_ssize_t cur = start, i = 0; i < slicelength;
         cur = (Py_ssize_t)((size_t)cur + (size_t)step), i++) {
        memcpy(self->ob_item + cur * sz, src + i * sz, (size_t)sz);
    }
    PyMem_Free(tmp);
    return 0;
}

/* ---- comparison, repr, iteration, buffer ---------------------------------------------------- */

static PyObject *
array_richcompare(PyObject *v, PyObject *w, int op)
{
    if (!array_Check(v) || !array_Check(w)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    arrayobject *va = (arrayobject *)v, *wa = (arrayobject *)w;
    if (Py_SIZE(va) != Py_SIZE(wa) && (op == Py_EQ || op == Py_NE)) {
        return PyBool_FromLong(op == Py_NE);
    }
    Py_ssize_t i;
    int k = 1;
    PyObject *vi = NULL, *wi = NULL;
    for (i = 0; i < Py_SIZE(va) && i < Py_SIZE(wa); i++) {
        vi = getitem(va, i);
        wi = getitem(wa, i);
        if (vi == NULL || wi == NULL) {
            Py_XDECREF(vi);
            Py_XDECREF(wi);
            return NULL;
        }
        k = PyObject_RichCompareBool(vi, wi, Py_EQ);
        if (k == 0) {
            break;
        }
        Py_DECREF(vi);
        Py_DECREF(wi);
        if (k < 0) {
            return NULL;
        }
    }
    if (k) {
        /* no differing item: compare the sizes */
        Py_ssize_t vs = Py_SIZE(va), ws = Py_SIZE(wa);
        int cmp;
        switch (op) {
        case Py_LT:
            cmp = vs < ws;
            break;
        case Py_LE:
            cmp = vs <= ws;
            break;
        case Py_EQ:
            cmp = vs == ws;
            break;
        case Py_NE:
            cmp = vs != ws;
            break;
        case Py_GT:
            cmp = vs > ws;
            break;
        default:
            cmp = vs >= ws;
            break;
        }
        return PyBool_FromLong(cmp);
    }
    PyObject *res;
    if (op == Py_EQ) {
        res = Py_NewRef(Py_False);
    } else if (op == Py_NE) {
        res = Py_NewRef(Py_True);
    } else {
        res = PyObject_RichCompare(vi, wi, op);
    }
    Py_DECREF(vi);
    Py_DECREF(wi);
    return res;
}

static PyObject *array_tolist(PyObject *op, PyObject *Py_UNUSED(ignored));

static PyObject *
array_repr(PyObject *op)
{
    arrayobject *a = (arrayobject *)op;
    char tc = a->ob_descr->typecode;
    if (Py_SIZE(a) == 0) {
        return PyUnicode_FromFormat("%s('%c')", _PyType_Name(Py_TYPE(op)), (int)tc);
    }
    PyObject *v = tc == 'u' ? array_tounicode(op, NULL) : array_tolist(op, NULL);
    if (v == NULL) {
        return NULL;
    }
    PyObject *s = PyUnicode_FromFormat("%s('%c', %R)", _PyType_Name(Py_TYPE(op)), (int)tc, v);
    Py_DECREF(v);
    return s;
}

static PyObject *
array_iter(PyObject *op)
{
    arrayiterobject *it = PyObject_New(arrayiterobject, &PyArrayIter_Type);
    if (it == NULL) {
        return NULL;
    }
    it->ao = (arrayobject *)Py_NewRef(op);
    it->index = 0;
    return (PyObject *)it;
}

static PyObject *
arrayiter_next(PyObject *op)
{
    arrayiterobject *it = (arrayiterobject *)op;
    if (it->ao == NULL) {
        return NULL;
    }
    if (it->index < Py_SIZE(it->ao)) {
        return getitem(it->ao, it->index++);
    }
    Py_CLEAR(it->ao);
    return NULL;
}

static void
arrayiter_dealloc(PyObject *op)
{
    Py_XDECREF(((arrayiterobject *)op)->ao);
    PyObject_Free(op);
}

static PyObject *
arrayiter_reduce(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayiterobject *it = (arrayiterobject *)op;
    PyObject *builtins = PyImport_ImportModule("builtins");
    PyObject *iter = builtins != NULL ? PyObject_GetAttrString(builtins, "iter") : NULL, *res;
    Py_XDECREF(builtins);
    if (iter == NULL) {
        return NULL;
    }
    if (it->ao == NULL) {
        res = Py_BuildValue("O(())", iter);
    } else {
        res = Py_BuildValue("O(O)n", iter, (PyObject *)it->ao, it->index);
    }
    Py_DECREF(iter);
    return res;
}

static PyObject *
arrayiter_setstate(PyObject *op, PyObject *state)
{
    arrayiterobject *it = (arrayiterobject *)op;
    Py_ssize_t index = PyLong_AsSsize_t(state);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (it->ao != NULL) {
        if (index < 0) {
            index = 0;
        } else if (index > Py_SIZE(it->ao)) {
            index = Py_SIZE(it->ao);
        }
        it->index = index;
    }
    Py_RETURN_NONE;
}

static PyMethodDef arrayiter_methods[] = {
    {"__reduce__", arrayiter_reduce, METH_NOARGS, NULL},
    {"__setstate__", arrayiter_setstate, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *
arrayiter_new_refused(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
    return NULL;
}

static PyTypeObject PyArrayIter_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "array.arrayiterator",
    .tp_basicsize = sizeof(arrayiterobject),
    .tp_dealloc = arrayiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = arrayiter_next,
    .tp_methods = arrayiter_methods,
    .tp_new = arrayiter_new_refused,
};

static char empty_items[8];

static int
array_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
    arrayobject *self = (arrayobject *)op;
    if (view == NULL) {
        PyErr_SetString(PyExc_BufferError, "array_buffer_getbuf: view==NULL argument is obsolete");
        return -1;
    }
    view->buf = self->ob_item != NULL ? self->ob_item : empty_items;
    view->obj = Py_NewRef(op);
    view->len = Py_SIZE(self) * ITEMSIZE(self);
    view->readonly = 0;
    view->ndim = 1;
    view->itemsize = ITEMSIZE(self);
    view->suboffsets = NULL;
    view->shape = NULL;
    if ((flags & PyBUF_ND) == PyBUF_ND) {
        view->shape = &((PyVarObject *)self)->ob_size;
    }
    view->strides = NULL;
    if ((flags & PyBUF_STRIDES) == PyBUF_STRIDES) {
        view->strides = &view->itemsize;
    }
    view->format = NULL;
    view->internal = NULL;
    if ((flags & PyBUF_FORMAT) == PyBUF_FORMAT) {
        view->format = (char *)self->ob_descr->formats;
    }
    self->ob_exports++;
    return 0;
}

static void
array_releasebuffer(PyObject *op, Py_buffer *Py_UNUSED(view))
{
    ((arrayobject *)op)->ob_exports--;
}

/* ---- methods -------------------------------------------------------------------------------- */

static PyObject *
ins(arrayobject *self, Py_ssize_t where, PyObject *v)
{
    Py_ssize_t n = Py_SIZE(self), sz = ITEMSIZE(self);
    if (setitem(self, -1, v) < 0) {
        return NULL;
    }
    if (array_resize(self, n + 1) < 0) {
        return NULL;
    }
    if (where < 0) {
        where += n;
        if (where < 0) {
            where = 0;
        }
    }
    if (where > n) {
        where = n;
    }
    if (where != n) {
        memmove(self->ob_item + (where + 1) * sz, self->ob_item + where * sz,
                (size_t)((n - where) * sz));
    }
    if (setitem(self, where, v) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
array_append(PyObject *op, PyObject *v)
{
    return ins((arrayobject *)op, Py_SIZE(op), v);
}

static PyObject *
array_insert(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("insert", nargs, 2, 2)) {
        return NULL;
    }
    Py_ssize_t i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return ins((arrayobject *)op, i, args[1]);
}

static PyObject *
array_extend(PyObject *op, PyObject *bb)
{
    if (array_do_extend((arrayobject *)op, bb) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
array_pop(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t i = -1;
    if (!_PyArg_CheckPositional("pop", nargs, 0, 1)) {
        return NULL;
    }
    if (nargs == 1) {
        i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    if (Py_SIZE(self) == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty array");
        return NULL;
    }
    if (i < 0) {
        i += Py_SIZE(self);
    }
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return NULL;
    }
    PyObject *v = getitem(self, i);
    if (v != NULL && array_ass_slice(self, i, i + 1, NULL) < 0) {
        Py_CLEAR(v);
    }
    return v;
}

/* The index of the first item equal to V in [start, stop), -1 if none, -2 on error. */
static Py_ssize_t
find(arrayobject *self, PyObject *v, Py_ssize_t start, Py_ssize_t stop)
{
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(self); i++) {
        PyObject *item = getitem(self, i);
        if (item == NULL) {
            return -2;
        }
        int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
        Py_DECREF(item);
        if (cmp > 0) {
            return i;
        }
        if (cmp < 0) {
            return -2;
        }
    }
    return -1;
}

static PyObject *
array_count(PyObject *op, PyObject *v)
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        PyObject *item = getitem(self, i);
        if (item == NULL) {
            return NULL;
        }
        int cmp = PyObject_RichCompareBool(item, v, Py_EQ);
        Py_DECREF(item);
        if (cmp < 0) {
            return NULL;
        }
        count += cmp;
    }
    return PyLong_FromSsize_t(count);
}

/* A start/stop bound of index() clipped like a slice bound; 0 or -1. */
static int
clip_bound(PyObject *o, Py_ssize_t len, Py_ssize_t *out)
{
    if (!PyIndex_Check(o)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(o, NULL);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v < 0) {
        v += len;
        if (v < 0) {
            v = 0;
        }
    }
    *out = v;
    return 0;
}

static PyObject *
array_index(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;
    if (!_PyArg_CheckPositional("index", nargs, 1, 3)) {
        return NULL;
    }
    if ((nargs > 1 && clip_bound(args[1], Py_SIZE(self), &start) < 0) ||
        (nargs > 2 && clip_bound(args[2], Py_SIZE(self), &stop) < 0)) {
        return NULL;
    }
    Py_ssize_t i = find(self, args[0], start, stop);
    if (i == -2) {
        return NULL;
    }
    if (i < 0) {
        PyErr_SetString(PyExc_ValueError, "array.index(x): x not in array");
        return NULL;
    }
    return PyLong_FromSsize_t(i);
}

static PyObject *
array_remove(PyObject *op, PyObject *v)
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t i = find(self, v, 0, PY_SSIZE_T_MAX);
    if (i == -2) {
        return NULL;
    }
    if (i < 0) {
        PyErr_SetString(PyExc_ValueError, "array.remove(x): x not in array");
        return NULL;
    }
    if (array_ass_slice(self, i, i + 1, NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
array_reverse(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t sz = ITEMSIZE(self), n = Py_SIZE(self);
    char tmp[8];
    for (Py_ssize_t i = 0, j = n - 1; i < j; i++, j--) {
        memcpy(tmp, self->ob_item + i * sz, (size_t)sz);
        memcpy(self->ob_item + i * sz, self->ob_item + j * sz, (size_t)sz);
        memcpy(self->ob_item + j * sz, tmp, (size_t)sz);
    }
    Py_RETURN_NONE;
}

static PyObject *
array_byteswap(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t sz = ITEMSIZE(self);
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        char *p = self->ob_item + i * sz;
        for (Py_ssize_t a = 0, b = sz - 1; a < b; a++, b--) {
            char t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
array_buffer_info(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    PyObject *addr = PyLong_FromVoidPtr(self->ob_item);
    PyObject *len = PyLong_FromSsize_t(Py_SIZE(self));
    PyObject *res = addr != NULL && len != NULL ? PyTuple_Pack(2, addr, len) : NULL;
    Py_XDECREF(addr);
    Py_XDECREF(len);
    return res;
}

static PyObject *
array_tobytes(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    return PyBytes_FromStringAndSize(self->ob_item, Py_SIZE(self) * ITEMSIZE(self));
}

static PyObject *
frombytes(arrayobject *self, const char *data, Py_ssize_t n)
{
    Py_ssize_t sz = ITEMSIZE(self);
    if (n % sz != 0) {
        PyErr_SetString(PyExc_ValueError, "bytes length not a multiple of item size");
        return NULL;
    }
    Py_ssize_t old = Py_SIZE(self), add = n / sz;
    if (add > PY_SSIZE_T_MAX - old) {
        return PyErr_NoMemory();
    }
    if (add > 0) {
        if (array_resize(self, old + add) < 0) {
            return NULL;
        }
        memcpy(self->ob_item + old * sz, data, (size_t)n);
    }
    Py_RETURN_NONE;
}

static PyObject *
array_frombytes(PyObject *op, PyObject *arg)
{
    Py_buffer b;
    if (PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (PyObject_GetBuffer(arg, &b, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    PyObject *res = frombytes((arrayobject *)op, b.buf, b.len);
    PyBuffer_Release(&b);
    return res;
}

static PyObject *
array_fromlist(PyObject *op, PyObject *list)
{
    arrayobject *self = (arrayobject *)op;
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "arg must be list");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(list), old = Py_SIZE(self);
    if (n > 0) {
        if (array_resize(self, old + n) < 0) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            if (i >= PyList_GET_SIZE(list) ||
                setitem(self, old + i, PyList_GET_ITEM(list, i)) < 0) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
                }
                (void)array_resize(self, old);
                return NULL;
            }
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
array_tolist(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    PyObject *list = PyList_New(Py_SIZE(self));
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        PyObject *v = getitem(self, i);
        if (v == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

static PyObject *
array_fromunicode(PyObject *op, PyObject *arg)
{
    arrayobject *self = (arrayobject *)op;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "fromunicode() argument must be str, not %.50s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (self->ob_descr->typecode != 'u') {
        PyErr_SetString(PyExc_ValueError,
                        "fromunicode() may only be called on unicode type arrays");
        return NULL;
    }
    if (fromunicode(self, arg) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
array_tounicode(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    if (self->ob_descr->typecode != 'u') {
        PyErr_SetString(PyExc_ValueError, "tounicode() may only be called on unicode type arrays");
        return NULL;
    }
    const uint32_t *p = (const uint32_t *)self->ob_item;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        if (p[i] > 0x10ffff) {
            PyErr_Format(PyExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]",
                         p[i]);
            return NULL;
        }
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p, Py_SIZE(self));
}

#define BLOCKSIZE (64 * 1024)

static PyObject *
array_fromfile(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    arrayobject *self = (arrayobject *)op;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "fromfile() takes exactly 2 positional arguments (%zd given)",
                     nargs);
        return NULL;
    }
    Py_ssize_t n = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "negative count");
        return NULL;
    }
    Py_ssize_t sz = ITEMSIZE(self);
    if (n > PY_SSIZE_T_MAX / sz) {
        return PyErr_NoMemory();
    }
    Py_ssize_t nbytes = n * sz;
    PyObject *b = PyObject_CallMethod(args[0], "read", "n", nbytes);
    if (b == NULL) {
        return NULL;
    }
    if (!PyBytes_Check(b)) {
        PyErr_SetString(PyExc_TypeError, "read() didn't return bytes");
        Py_DECREF(b);
        return NULL;
    }
    int not_enough = PyBytes_GET_SIZE(b) != nbytes;
    Py_ssize_t usable = PyBytes_GET_SIZE(b) - PyBytes_GET_SIZE(b) % sz;
    PyObject *res = frombytes(self, PyBytes_AS_STRING(b), usable);
    Py_DECREF(b);
    if (res == NULL) {
        return NULL;
    }
    if (not_enough) {
        Py_DECREF(res);
        PyErr_SetString(PyExc_EOFError, "read() didn't return enough bytes");
        return NULL;
    }
    return res;
}

static PyObject *
array_tofile(PyObject *op, PyObject *f)
{
    arrayobject *self = (arrayobject *)op;
    Py_ssize_t nbytes = Py_SIZE(self) * ITEMSIZE(self);
    for (Py_ssize_t off = 0; off < nbytes; off += BLOCKSIZE) {
        Py_ssize_t size = nbytes - off < BLOCKSIZE ? nbytes - off : BLOCKSIZE;
        PyObject *bytes = PyBytes_FromStringAndSize(self->ob_item + off, size);
        if (bytes == NULL) {
            return NULL;
        }
        PyObject *res = PyObject_CallMethod(f, "write", "O", bytes);
        Py_DECREF(bytes);
        if (res == NULL) {
            return NULL;
        }
        Py_DECREF(res);
    }
    Py_RETURN_NONE;
}

static PyObject *
array_copy(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return array_slice((arrayobject *)op, 0, Py_SIZE(op));
}

static PyObject *
array_deepcopy(PyObject *op, PyObject *Py_UNUSED(memo))
{
    return array_slice((arrayobject *)op, 0, Py_SIZE(op));
}

static PyObject *
array_sizeof(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    arrayobject *self = (arrayobject *)op;
    return PyLong_FromSsize_t((Py_ssize_t)sizeof(arrayobject) + self->allocated * ITEMSIZE(self));
}

/* ---- pickling: machine format codes and the reconstructor ----------------------------------- */

enum {
    UNKNOWN_FORMAT = -1,
    UNSIGNED_INT8 = 0,
    SIGNED_INT8 = 1,
    UNSIGNED_INT16_LE = 2,
    UNSIGNED_INT16_BE = 3,
    SIGNED_INT16_LE = 4,
    SIGNED_INT16_BE = 5,
    UNSIGNED_INT32_LE = 6,
    UNSIGNED_INT32_BE = 7,
    SIGNED_INT32_LE = 8,
    SIGNED_INT32_BE = 9,
    UNSIGNED_INT64_LE = 10,
    UNSIGNED_INT64_BE = 11,
    SIGNED_INT64_LE = 12,
    SIGNED_INT64_BE = 13,
    IEEE_754_FLOAT_LE = 14,
    IEEE_754_FLOAT_BE = 15,
    IEEE_754_DOUBLE_LE = 16,
    IEEE_754_DOUBLE_BE = 17,
    UTF16_LE = 18,
    UTF16_BE = 19,
    UTF32_LE = 20,
    UTF32_BE = 21,
    MACHINE_FORMAT_CODE_MAX = 21
};

/* The little-endian machine format of a typecode on this (x86-64) machine. */
static int
typecode_to_mformat(const ArrayDescr *d)
{
    switch (d->typecode) {
    case 'b':
        return SIGNED_INT8;
    case 'B':
        return UNSIGNED_INT8;
    case 'u':
        return UTF32_LE;
    case 'f':
        return IEEE_754_FLOAT_LE;
    case 'd':
        return IEEE_754_DOUBLE_LE;
    default:
        break;
    }
    int base = d->itemsize == 2   ? UNSIGNED_INT16_LE
               : d->itemsize == 4 ? UNSIGNED_INT32_LE
                                  : UNSIGNED_INT64_LE;
    return base + (d->is_signed ? 2 : 0);
}

static PyObject *
array_reduce_ex(PyObject *op, PyObject *value)
{
    arrayobject *self = (arrayobject *)op;
    long protocol = PyLong_AsLong(value);
    if (protocol == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *dict = PyObject_GetAttrString(op, "__dict__"), *res = NULL;
    if (dict == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
            return NULL;
        }
        PyErr_Clear();
        dict = Py_NewRef(Py_None);
    }
    char tc = self->ob_descr->typecode;
    if (protocol < 3) {
        PyObject *list = array_tolist(op, NULL);
        if (list != NULL) {
            res = Py_BuildValue("O(CO)O", Py_TYPE(op), (int)tc, list, dict);
            Py_DECREF(list);
        }
        Py_DECREF(dict);
        return res;
    }
    PyObject *module = PyImport_ImportModule("array");
    PyObject *recon =
        module != NULL ? PyObject_GetAttrString(module, "_array_reconstructor") : NULL;
    Py_XDECREF(module);
    PyObject *bytes = recon != NULL ? array_tobytes(op, NULL) : NULL;
    if (bytes != NULL) {
        res = Py_BuildValue("O(OCiO)O", recon, Py_TYPE(op), (int)tc,
                            typecode_to_mformat(self->ob_descr), bytes, dict);
    }
    Py_XDECREF(bytes);
    Py_XDECREF(recon);
    Py_DECREF(dict);
    return res;
}

/* The items of ITEMS (bytes in machine format MF) as a list of Python objects. */
static PyObject *
decode_mformat(int mf, PyObject *items)
{
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(items);
    Py_ssize_t len = PyBytes_GET_SIZE(items);
    if (mf >= UTF16_LE) {
        int le = mf == UTF16_LE || mf == UTF32_LE, byteorder = le ? -1 : 1;
        PyObject *s = mf <= UTF16_BE
                          ? PyUnicode_DecodeUTF16((const char *)p, len, NULL, &byteorder)
                          : PyUnicode_DecodeUTF32((const char *)p, len, NULL, &byteorder);
        return s;
    }
    int size = mf <= SIGNED_INT8         ? 1
               : mf <= SIGNED_INT16_BE   ? 2
               : mf <= SIGNED_INT32_BE   ? 4
               : mf <= SIGNED_INT64_BE   ? 8
               : mf <= IEEE_754_FLOAT_BE ? 4
                                         : 8;
    int big = mf >= UNSIGNED_INT16_LE && (mf % 2) == 1;
    int is_signed = mf == SIGNED_INT8 || (mf >= SIGNED_INT16_LE && mf <= SIGNED_INT16_BE) ||
                    (mf >= SIGNED_INT32_LE && mf <= SIGNED_INT32_BE) ||
                    (mf >= SIGNED_INT64_LE && mf <= SIGNED_INT64_BE);
    if (len % size != 0) {
        PyErr_SetString(PyExc_ValueError, "string length not a multiple of item size");
        return NULL;
    }
    Py_ssize_t n = len / size;
    PyObject *list = PyList_New(n);
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        const unsigned char *q = p + i * size;
        PyObject *v;
        if (mf >= IEEE_754_FLOAT_LE) {
            v = PyFloat_FromDouble(size == 4 ? PyFloat_Unpack4((const char *)q, !big)
                                             : PyFloat_Unpack8((const char *)q, !big));
        } else {
            v = _PyLong_FromByteArray(q, (size_t)size, !big, is_signed);
        }
        if (v == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

static PyObject *
array_reconstructor(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional("_array_reconstructor", nargs, 4, 4)) {
        return NULL;
    }
    PyObject *type = args[0], *items = args[3];
    if (!PyType_Check(type)) {
        PyErr_Format(PyExc_TypeError, "first argument must be a type object, not %.200s",
                     Py_TYPE(type)->tp_name);
        return NULL;
    }
    if (!PyType_IsSubtype((PyTypeObject *)type, &Arraytype)) {
        PyErr_Format(PyExc_TypeError, "%.200s is not a subtype of array.array",
                     ((PyTypeObject *)type)->tp_name);
        return NULL;
    }
    if (!PyUnicode_Check(args[1]) || PyUnicode_GET_LENGTH(args[1]) != 1) {
        PyErr_Format(PyExc_TypeError,
                     "_array_reconstructor() argument 2 must be a unicode character, not %.50s",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    Py_UCS4 tc = PyUnicode_READ_CHAR(args[1], 0);
    const ArrayDescr *descr = tc < 128 ? descr_for((int)tc) : NULL;
    if (descr == NULL) {
        PyErr_SetString(PyExc_ValueError, "second argument must be a valid type code");
        return NULL;
    }
    int mf = _PyLong_AsInt(args[2]);
    if (mf == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (mf < 0 || mf > MACHINE_FORMAT_CODE_MAX) {
        PyErr_SetString(PyExc_ValueError, "third argument must be a valid machine format code.");
        return NULL;
    }
    if (!PyBytes_Check(items)) {
        PyErr_Format(PyExc_TypeError, "fourth argument should be bytes, not %.200s",
                     Py_TYPE(items)->tp_name);
        return NULL;
    }
    PyObject *init;
    if (mf == typecode_to_mformat(descr)) {
        init = Py_NewRef(items);
    } else {
        init = decode_mformat(mf, items);
        if (init == NULL) {
            return NULL;
        }
        if (mf < IEEE_754_FLOAT_LE) {
            /* integers come back in the last native typecode of the format's size and sign */
            int size = mf <= SIGNED_INT8       ? 1
                       : mf <= SIGNED_INT16_BE ? 2
                       : mf <= SIGNED_INT32_BE ? 4
                                               : 8;
            int is_signed = mf == SIGNED_INT8 || (mf >= SIGNED_INT16_LE && (mf - 4) % 4 < 2);
            for (size_t i = 0; i < Py_ARRAY_LENGTH(descriptors); i++) {
                if (descriptors[i].is_integer && descriptors[i].itemsize == size &&
                    descriptors[i].is_signed == is_signed) {
                    tc = (Py_UCS4)descriptors[i].typecode;
                }
            }
        }
    }
    PyObject *call_args = Py_BuildValue("(CO)", (int)tc, init);
    Py_DECREF(init);
    if (call_args == NULL) {
        return NULL;
    }
    PyObject *res = array_new((PyTypeObject *)type, call_args, NULL);
    Py_DECREF(call_args);
    return res;
}

/* ---- the type ------------------------------------------------------------------------------- */

static PyObject *
array_get_typecode(PyObject *op, void *Py_UNUSED(closure))
{
    char tc = ((arrayobject *)op)->ob_descr->typecode;
    return PyUnicode_FromStringAndSize(&tc, 1);
}

static PyObject *
array_get_itemsize(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(ITEMSIZE((arrayobject *)op));
}

static PyGetSetDef array_getset[] = {
    {"typecode", array_get_typecode, NULL, "the typecode character used to create the array", NULL},
    {"itemsize", array_get_itemsize, NULL, "the size, in bytes, of one array item", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define FC(name, fn)                                                                               \
    {                                                                                              \
        name, (PyCFunction)(void (*)(void))fn, METH_FASTCALL, NULL                                 \
    }

static PyMethodDef array_methods[] = {
    {"append", array_append, METH_O, "Append new value v to the end of the array."},
    {"buffer_info", array_buffer_info, METH_NOARGS, NULL},
    {"byteswap", array_byteswap, METH_NOARGS, NULL},
    {"__copy__", array_copy, METH_NOARGS, NULL},
    {"count", array_count, METH_O, NULL},
    {"__deepcopy__", array_deepcopy, METH_O, NULL},
    {"extend", array_extend, METH_O, NULL},
    {"frombytes", array_frombytes, METH_O, NULL},
    FC("fromfile", array_fromfile),
    {"fromlist", array_fromlist, METH_O, NULL},
    {"fromunicode", array_fromunicode, METH_O, NULL},
    FC("index", array_index),
    FC("insert", array_insert),
    FC("pop", array_pop),
    {"__reduce_ex__", array_reduce_ex, METH_O, NULL},
    {"remove", array_remove, METH_O, NULL},
    {"reverse", array_reverse, METH_NOARGS, NULL},
    {"tofile", array_tofile, METH_O, NULL},
    {"tolist", array_tolist, METH_NOARGS, NULL},
    {"tobytes", array_tobytes, METH_NOARGS, NULL},
    {"tounicode", array_tounicode, METH_NOARGS, NULL},
    {"__sizeof__", array_sizeof, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods array_as_sequence = {
    .sq_length = array_length,
    .sq_concat = array_concat,
    .sq_repeat = array_repeat,
    .sq_item = array_item,
    .sq_ass_item = array_ass_item,
    .sq_contains = array_contains,
    .sq_inplace_concat = array_inplace_concat,
    .sq_inplace_repeat = array_inplace_repeat,
};

static PyMappingMethods array_as_mapping = {
    .mp_length = array_length,
    .mp_subscript = array_subscr,
    .mp_ass_subscript = array_ass_subscr,
};

static PyBufferProcs array_as_buffer = {
    .bf_getbuffer = array_getbuffer,
    .bf_releasebuffer = array_releasebuffer,
};

static PyTypeObject Arraytype = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "array.array",
    .tp_basicsize = sizeof(arrayobject),
    .tp_dealloc = array_dealloc,
    .tp_repr = array_repr,
    .tp_as_sequence = &array_as_sequence,
    .tp_as_mapping = &array_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &array_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "array(typecode [, initializer]) -> array\n\n"
              "Return a new array whose items are restricted by typecode, and\n"
              "initialized from the optional initializer value, which must be a list,\n"
              "string or iterable over elements of the appropriate type.",
    .tp_richcompare = array_richcompare,
    .tp_weaklistoffset = offsetof(arrayobject, weakreflist),
    .tp_iter = array_iter,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = array_new,
    .tp_free = PyObject_Free,
};

static PyMethodDef module_methods[] = {
    FC("_array_reconstructor", array_reconstructor),
    {NULL, NULL, 0, NULL},
};

/* collections.abc.MutableSequence.register(array), as CPython's module does; 0 or -1. */
static int
register_mutable_sequence(void)
{
    PyObject *abc = PyImport_ImportModule("collections.abc");
    if (abc == NULL) {
        return -1;
    }
    PyObject *seq = PyObject_GetAttrString(abc, "MutableSequence");
    Py_DECREF(abc);
    if (seq == NULL) {
        return -1;
    }
    PyObject *res = PyObject_CallMethod(seq, "register", "O", (PyObject *)&Arraytype);
    Py_DECREF(seq);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
array_exec(PyObject *m)
{
    if (PyType_Ready(&Arraytype) < 0 || PyType_Ready(&PyArrayIter_Type) < 0) {
        return -1;
    }
    if (PyModule_AddObjectRef(m, "ArrayType", (PyObject *)&Arraytype) < 0 ||
        PyModule_AddObjectRef(m, "array", (PyObject *)&Arraytype) < 0 ||
        PyModule_AddStringConstant(m, "typecodes", "bBuhHiIlLqQfd") < 0) {
        return -1;
    }
    return register_mutable_sequence();
}

static PyModuleDef_Slot array_slots[] = {{Py_mod_exec, (void *)array_exec}, {0, NULL}};

static PyModuleDef array_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "array",
    .m_doc = "This module defines an object type which can efficiently represent\n"
             "an array of basic values: characters, integers, floating point\n"
             "numbers.",
    .m_size = 0,
    .m_methods = module_methods,
    .m_slots = array_slots,
};

PyMODINIT_FUNC PyInit_array(void);

/* The array module definition (multi-phase); a borrowed reference to the def. */
PyMODINIT_FUNC
PyInit_array(void)
{
    return PyModuleDef_Init(&array_module);
}

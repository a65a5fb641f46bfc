/* abstract.c: the abstract object API: number protocol with CPython's binary-operator
 * dispatch (subclass reflection, NotImplemented, sequence fallbacks), index/int/float
 * conversions, sequence, mapping, iterator and buffer protocols, item access, isinstance and
 * issubclass with their hooks. Mirrors CPython 3.11's Objects/abstract.c and its messages. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/containers.h"
#include "pyrs/object.h"
#include "pyrs/type.h"

#define ID(s) pyrs_object_id(s)

static PyObject *
type_error(const char *msg, PyObject *obj)
{
    PyErr_Format(PyExc_TypeError, msg, Py_TYPE(obj)->tp_name);
    return NULL;
}

static PyObject *
null_error(void)
{
    if (!PyErr_Occurred()) {
        PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
    }
    return NULL;
}

/* ---- generic ---- */

PyObject *
PyObject_Type(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    return Py_NewRef((PyObject *)Py_TYPE(o));
}

Py_ssize_t
PyObject_Size(PyObject *o)
{
    if (o == NULL) {
        null_error();
        return -1;
    }
    PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
    if (m != NULL && m->sq_length != NULL) {
        return m->sq_length(o);
    }
    return PyMapping_Size(o);
}

Py_ssize_t
PyObject_Length(PyObject *o)
{
    return PyObject_Size(o);
}

int
_PyObject_HasLen(PyObject *o)
{
    PyTypeObject *tp = Py_TYPE(o);
    return (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL) ||
           (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL);
}

Py_ssize_t
PyObject_LengthHint(PyObject *o, Py_ssize_t defaultvalue)
{
    if (_PyObject_HasLen(o)) {
        Py_ssize_t res = PyObject_Length(o);
        if (res >= 0) {
            return res;
        }
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
            return -1;
        }
        PyErr_Clear();
    }
    PyObject *hint = _PyObject_LookupSpecial(o, ID("__length_hint__"));
    if (hint == NULL) {
        return PyErr_Occurred() ? -1 : defaultvalue;
    }
    PyObject *result = PyObject_CallNoArgs(hint);
    Py_DECREF(hint);
    if (result == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            return defaultvalue;
        }
        return -1;
    }
    if (result == Py_NotImplemented) {
        Py_DECREF(result);
        return defaultvalue;
    }
    if (!PyLong_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__length_hint__ must be an integer, not %.100s",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return -1;
    }
    Py_ssize_t res = PyLong_AsSsize_t(result);
    Py_DECREF(result);
    if (res < 0 && PyErr_Occurred()) {
        return -1;
    }
    if (res < 0) {
        PyErr_Format(PyExc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return res;
}

PyObject *
PyObject_GetItem(PyObject *o, PyObject *key)
{
    if (o == NULL || key == NULL) {
        return null_error();
    }
    PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
    if (m != NULL && m->mp_subscript != NULL) {
        return m->mp_subscript(o, key);
    }
    PySequenceMethods *ms = Py_TYPE(o)->tp_as_sequence;
    if (ms != NULL && ms->sq_item != NULL) {
        if (PyIndex_Check(key)) {
            Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
            if (i == -1 && PyErr_Occurred()) {
                return NULL;
            }
            return PySequence_GetItem(o, i);
        }
        return type_error("sequence index must be integer, not '%.200s'", key);
    }
    if (PyType_Check(o)) {
        if (o == (PyObject *)&PyType_Type && Py_GenericAlias != NULL) { /* type[int] */
            return Py_GenericAlias(o, key);
        }
        PyObject *meth;
        if (_PyObject_LookupAttr(o, ID("__class_getitem__"), &meth) < 0) {
            return NULL;
        }
        if (meth != NULL && meth != Py_None) {
            PyObject *result = PyObject_CallOneArg(meth, key);
            Py_DECREF(meth);
            return result;
        }
        Py_XDECREF(meth);
        PyErr_Format(PyExc_TypeError, "type '%.200s' is not subscriptable",
                     ((PyTypeObject *)o)->tp_name);
        return NULL;
    }
    return type_error("'%.200s' object is not subscriptable", o);
}

int
PyObject_SetItem(PyObject *o, PyObject *key, PyObject *value)
{
    if (o == NULL || key == NULL || value == NULL) {
        null_error();
        return -1;
    }
    PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
    if (m != NULL && m->mp_ass_subscript != NULL) {
        return m->mp_ass_subscript(o, key, value);
    }
    if (Py_TYPE(o)->tp_as_sequence != NULL) {
        if (PyIndex_Check(key)) {
            Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
            if (i == -1 && PyErr_Occurred()) {
                return -1;
            }
            return PySequence_SetItem(o, i, value);
        }
        if (Py_TYPE(o)->tp_as_sequence->sq_ass_item != NULL) {
            type_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_error("'%.200s' object does not support item assignment", o);
    return -1;
}

int
PyObject_DelItem(PyObject *o, PyObject *key)
{
    if (o == NULL || key == NULL) {
        null_error();
        return -1;
    }
    PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
    if (m != NULL && m->mp_ass_subscript != NULL) {
        return m->mp_ass_subscript(o, key, NULL);
    }
    if (Py_TYPE(o)->tp_as_sequence != NULL) {
        if (PyIndex_Check(key)) {
            Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
            if (i == -1 && PyErr_Occurred()) {
                return -1;
            }
            return PySequence_DelItem(o, i);
        }
        if (Py_TYPE(o)->tp_as_sequence->sq_ass_item != NULL) {
            type_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_error("'%.200s' object does not support item deletion", o);
    return -1;
}

int
PyObject_DelItemString(PyObject *o, const char *key)
{
    PyObject *okey = PyUnicode_FromString(key);
    if (okey == NULL) {
        return -1;
    }
    int ret = PyObject_DelItem(o, okey);
    Py_DECREF(okey);
    return ret;
}

PyObject *
PyObject_Format(PyObject *obj, PyObject *format_spec)
{
    if (format_spec != NULL && !PyUnicode_Check(format_spec)) {
        PyErr_Format(PyExc_SystemError, "Format specifier must be a string, not %.200s",
                     Py_TYPE(format_spec)->tp_name);
        return NULL;
    }
    int empty = format_spec == NULL || PyUnicode_GetLength(format_spec) == 0;
    if (empty && (PyUnicode_CheckExact(obj) || PyLong_CheckExact(obj))) {
        return PyObject_Str(obj);
    }
    PyObject *empty_str = NULL;
    if (format_spec == NULL) {
        empty_str = PyUnicode_FromStringAndSize(NULL, 0);
        if (empty_str == NULL) {
            return NULL;
        }
        format_spec = empty_str;
    }
    PyObject *result = NULL;
    PyObject *meth = _PyObject_LookupSpecial(obj, ID("__format__"));
    if (meth == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "Type %.100s doesn't define __format__",
                         Py_TYPE(obj)->tp_name);
        }
        goto done;
    }
    result = PyObject_CallOneArg(meth, format_spec);
    Py_DECREF(meth);
    if (result != NULL && !PyUnicode_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__format__ must return a str, not %.200s",
                     Py_TYPE(result)->tp_name);
        Py_CLEAR(result);
    }
done:
    Py_XDECREF(empty_str);
    return result;
}

/* ---- iterators ---- */

int
PyIter_Check(PyObject *obj)
{
    iternextfunc f = Py_TYPE(obj)->tp_iternext;
    return f != NULL && f != _PyObject_NextNotImplemented;
}

int
PyAIter_Check(PyObject *obj)
{
    PyAsyncMethods *am = Py_TYPE(obj)->tp_as_async;
    return am != NULL && am->am_anext != NULL && am->am_anext != _PyObject_NextNotImplemented;
}

PyObject *
PyObject_GetIter(PyObject *o)
{
    getiterfunc f = Py_TYPE(o)->tp_iter;
    if (f == NULL) {
        if (PySequence_Check(o)) {
            return PySeqIter_New(o);
        }
        return type_error("'%.200s' object is not iterable", o);
    }
    PyObject *res = f(o);
    if (res != NULL && !PyIter_Check(res)) {
        PyErr_Format(PyExc_TypeError, "iter() returned non-iterator of type '%.100s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

PyObject *
PyObject_GetAIter(PyObject *o)
{
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    if (am == NULL || am->am_aiter == NULL) {
        return type_error("'%.200s' object is not an async iterable", o);
    }
    PyObject *it = am->am_aiter(o);
    if (it != NULL && !PyAIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "aiter() returned not an async iterator of type '%.100s'",
                     Py_TYPE(it)->tp_name);
        Py_CLEAR(it);
    }
    return it;
}

PyObject *
PyIter_Next(PyObject *iter)
{
    PyObject *result = Py_TYPE(iter)->tp_iternext(iter);
    if (result == NULL && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
    }
    return result;
}

PySendResult
PyIter_Send(PyObject *iter, PyObject *arg, PyObject **result)
{
    PyAsyncMethods *am = Py_TYPE(iter)->tp_as_async;
    if (am != NULL && am->am_send != NULL) {
        return am->am_send(iter, arg, result);
    }
    if (arg == Py_None && PyIter_Check(iter)) {
        *result = Py_TYPE(iter)->tp_iternext(iter);
    } else {
        *result = PyObject_CallMethodOneArg(iter, ID("send"), arg);
    }
    if (*result != NULL) {
        return PYGEN_NEXT;
    }
    if (!PyErr_Occurred()) {
        *result = Py_NewRef(Py_None);
        return PYGEN_RETURN;
    }
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);
        PyErr_NormalizeException(&et, &ev, &tb);
        PyObject *value = ev == NULL ? NULL : PyObject_GetAttr(ev, ID("value"));
        Py_XDECREF(et);
        Py_XDECREF(ev);
        Py_XDECREF(tb);
        if (value == NULL) {
            PyErr_Clear();
            value = Py_NewRef(Py_None);
        }
        *result = value;
        return PYGEN_RETURN;
    }
    return PYGEN_ERROR;
}

/* ---- numbers ---- */

#define NB_SLOT(x)          offsetof(PyNumberMethods, x)
#define NB_BINOP(nb, slot)  (*(binaryfunc *)(&((char *)(nb))[slot]))
#define NB_TERNOP(nb, slot) (*(ternaryfunc *)(&((char *)(nb))[slot]))

int
PyNumber_Check(PyObject *o)
{
    if (o == NULL) {
        return 0;
    }
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    return (nb != NULL && (nb->nb_index || nb->nb_int || nb->nb_float)) || PyComplex_Check(o);
}

int
PyIndex_Check(PyObject *obj)
{
    PyNumberMethods *nb = Py_TYPE(obj)->tp_as_number;
    return nb != NULL && nb->nb_index != NULL;
}

/* The binary protocol: the right operand's slot goes first when its type is a proper subclass
 * of the left one's; NotImplemented means "try the other". New ref (maybe NotImplemented). */
static PyObject *
binary_op1(PyObject *v, PyObject *w, size_t op_slot)
{
    binaryfunc slotv = NULL, slotw = NULL;
    if (Py_TYPE(v)->tp_as_number != NULL) {
        slotv = NB_BINOP(Py_TYPE(v)->tp_as_number, op_slot);
    }
    if (!Py_IS_TYPE(w, Py_TYPE(v)) && Py_TYPE(w)->tp_as_number != NULL) {
        slotw = NB_BINOP(Py_TYPE(w)->tp_as_number, op_slot);
        if (slotw == slotv) {
            slotw = NULL;
        }
    }
    PyObject *x;
    if (slotv != NULL) {
        if (slotw != NULL && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
            x = slotw(v, w);
            if (x != Py_NotImplemented) {
                return x;
            }
            Py_DECREF(x);
            slotw = NULL;
        }
        x = slotv(v, w);
        if (x != Py_NotImplemented) {
            return x;
        }
        Py_DECREF(x);
    }
    if (slotw != NULL) {
        x = slotw(v, w);
        if (x != Py_NotImplemented) {
            return x;
        }
        Py_DECREF(x);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
binop_type_error(PyObject *v, PyObject *w, const char *op_name)
{
    if (PyCFunction_CheckExact(v) &&
        strcmp(((PyCFunctionObject *)v)->m_ml->ml_name, "print") == 0 &&
        strcmp(op_name, ">>") == 0) {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'. Did you "
                     "mean \"print(<message>, file=<output_stream>)\"?",
                     op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
        return NULL;
    }
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                 op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    return NULL;
}

static PyObject *
binary_op(PyObject *v, PyObject *w, size_t op_slot, const char *op_name)
{
    PyObject *result = binary_op1(v, w, op_slot);
    if (result == Py_NotImplemented) {
        Py_DECREF(result);
        return binop_type_error(v, w, op_name);
    }
    return result;
}

static PyObject *
ternary_op(PyObject *v, PyObject *w, PyObject *z, size_t op_slot, const char *op_name)
{
    PyNumberMethods *mv = Py_TYPE(v)->tp_as_number;
    PyNumberMethods *mw = Py_TYPE(w)->tp_as_number;
    ternaryfunc slotv = NULL, slotw = NULL, slotz = NULL;
    PyObject *x;
    if (mv != NULL) {
        slotv = NB_TERNOP(mv, op_slot);
    }
    if (!Py_IS_TYPE(w, Py_TYPE(v)) && mw != NULL) {
        slotw = NB_TERNOP(mw, op_slot);
        if (slotw == slotv) {
            slotw = NULL;
        }
    }
    if (slotv != NULL) {
        if (slotw != NULL && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
            x = slotw(v, w, z);
            if (x != Py_NotImplemented) {
                return x;
            }
            Py_DECREF(x);
            slotw = NULL;
        }
        x = slotv(v, w, z);
        if (x != Py_NotImplemented) {
            return x;
        }
        Py_DECREF(x);
    }
    if (slotw != NULL) {
        x = slotw(v, w, z);
        if (x != Py_NotImplemented) {
            return x;
        }
        Py_DECREF(x);
    }
    PyNumberMethods *mz = Py_TYPE(z)->tp_as_number;
    if (mz != NULL) {
        slotz = NB_TERNOP(mz, op_slot);
        if (slotz == slotv || slotz == slotw) {
            slotz = NULL;
        }
        if (slotz != NULL) {
            x = slotz(v, w, z);
            if (x != Py_NotImplemented) {
                return x;
            }
            Py_DECREF(x);
        }
    }
    if (z == Py_None) {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'", op_name,
                     Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'",
                     op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name, Py_TYPE(z)->tp_name);
    }
    return NULL;
}

#define BINARY_FUNC(func, op, op_name)                                                             \
    PyObject *func(PyObject *v, PyObject *w)                                                       \
    {                                                                                              \
        return binary_op(v, w, NB_SLOT(op), op_name);                                              \
    }

BINARY_FUNC(PyNumber_Or, nb_or, "|")
BINARY_FUNC(PyNumber_Xor, nb_xor, "^")
BINARY_FUNC(PyNumber_And, nb_and, "&")
BINARY_FUNC(PyNumber_Lshift, nb_lshift, "<<")
BINARY_FUNC(PyNumber_Rshift, nb_rshift, ">>")
BINARY_FUNC(PyNumber_Subtract, nb_subtract, "-")
BINARY_FUNC(PyNumber_Divmod, nb_divmod, "divmod()")
BINARY_FUNC(PyNumber_MatrixMultiply, nb_matrix_multiply, "@")
BINARY_FUNC(PyNumber_FloorDivide, nb_floor_divide, "//")
BINARY_FUNC(PyNumber_TrueDivide, nb_true_divide, "/")
BINARY_FUNC(PyNumber_Remainder, nb_remainder, "%")

PyObject *
PyNumber_Add(PyObject *v, PyObject *w)
{
    PyObject *result = binary_op1(v, w, NB_SLOT(nb_add));
    if (result != Py_NotImplemented) {
        return result;
    }
    Py_DECREF(result);
    PySequenceMethods *m = Py_TYPE(v)->tp_as_sequence;
    if (m != NULL && m->sq_concat != NULL) {
        return m->sq_concat(v, w);
    }
    return binop_type_error(v, w, "+");
}

static PyObject *
sequence_repeat(ssizeargfunc repeatfunc, PyObject *seq, PyObject *n)
{
    if (!PyIndex_Check(n)) {
        return type_error("can't multiply sequence by non-int of type '%.200s'", n);
    }
    Py_ssize_t count = PyNumber_AsSsize_t(n, PyExc_OverflowError);
    if (count == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return repeatfunc(seq, count);
}

PyObject *
PyNumber_Multiply(PyObject *v, PyObject *w)
{
    PyObject *result = binary_op1(v, w, NB_SLOT(nb_multiply));
    if (result != Py_NotImplemented) {
        return result;
    }
    PySequenceMethods *mv = Py_TYPE(v)->tp_as_sequence;
    PySequenceMethods *mw = Py_TYPE(w)->tp_as_sequence;
    Py_DECREF(result);
    if (mv != NULL && mv->sq_repeat != NULL) {
        return sequence_repeat(mv->sq_repeat, v, w);
    }
    if (mw != NULL && mw->sq_repeat != NULL) {
        return sequence_repeat(mw->sq_repeat, w, v);
    }
    return binop_type_error(v, w, "*");
}

PyObject *
PyNumber_Power(PyObject *v, PyObject *w, PyObject *z)
{
    return ternary_op(v, w, z, NB_SLOT(nb_power), "** or pow()");
}

/* In-place: the in-place slot of V first, then the plain binary protocol. */
static PyObject *
binary_iop1(PyObject *v, PyObject *w, size_t iop_slot, size_t op_slot)
{
    PyNumberMethods *mv = Py_TYPE(v)->tp_as_number;
    if (mv != NULL) {
        binaryfunc slot = NB_BINOP(mv, iop_slot);
        if (slot != NULL) {
            PyObject *x = slot(v, w);
            if (x != Py_NotImplemented) {
                return x;
            }
            Py_DECREF(x);
        }
    }
    return binary_op1(v, w, op_slot);
}

static PyObject *
binary_iop(PyObject *v, PyObject *w, size_t iop_slot, size_t op_slot, const char *op_name)
{
    PyObject *result = binary_iop1(v, w, iop_slot, op_slot);
    if (result == Py_NotImplemented) {
        Py_DECREF(result);
        return binop_type_error(v, w, op_name);
    }
    return result;
}

#define INPLACE_BINOP(func, iop, op, op_name)                                                      \
    PyObject *func(PyObject *v, PyObject *w)                                                       \
    {                                                                                              \
        return binary_iop(v, w, NB_SLOT(iop), NB_SLOT(op), op_name);                               \
    }

INPLACE_BINOP(PyNumber_InPlaceOr, nb_inplace_or, nb_or, "|=")
INPLACE_BINOP(PyNumber_InPlaceXor, nb_inplace_xor, nb_xor, "^=")
INPLACE_BINOP(PyNumber_InPlaceAnd, nb_inplace_and, nb_and, "&=")
INPLACE_BINOP(PyNumber_InPlaceLshift, nb_inplace_lshift, nb_lshift, "<<=")
INPLACE_BINOP(PyNumber_InPlaceRshift, nb_inplace_rshift, nb_rshift, ">>=")
INPLACE_BINOP(PyNumber_InPlaceSubtract, nb_inplace_subtract, nb_subtract, "-=")
INPLACE_BINOP(PyNumber_InPlaceMatrixMultiply, nb_inplace_matrix_multiply, nb_matrix_multiply, "@=")
INPLACE_BINOP(PyNumber_InPlaceFloorDivide, nb_inplace_floor_divide, nb_floor_divide, "//=")
INPLACE_BINOP(PyNumber_InPlaceTrueDivide, nb_inplace_true_divide, nb_true_divide, "/=")
INPLACE_BINOP(PyNumber_InPlaceRemainder, nb_inplace_remainder, nb_remainder, "%=")

PyObject *
PyNumber_InPlaceAdd(PyObject *v, PyObject *w)
{
    PyObject *result = binary_iop1(v, w, NB_SLOT(nb_inplace_add), NB_SLOT(nb_add));
    if (result != Py_NotImplemented) {
        return result;
    }
    Py_DECREF(result);
    PySequenceMethods *m = Py_TYPE(v)->tp_as_sequence;
    if (m != NULL) {
        binaryfunc func = m->sq_inplace_concat != NULL ? m->sq_inplace_concat : m->sq_concat;
        if (func != NULL) {
            return func(v, w);
        }
    }
    return binop_type_error(v, w, "+=");
}

PyObject *
PyNumber_InPlaceMultiply(PyObject *v, PyObject *w)
{
    PyObject *result = binary_iop1(v, w, NB_SLOT(nb_inplace_multiply), NB_SLOT(nb_multiply));
    if (result != Py_NotImplemented) {
        return result;
    }
    Py_DECREF(result);
    PySequenceMethods *mv = Py_TYPE(v)->tp_as_sequence;
    PySequenceMethods *mw = Py_TYPE(w)->tp_as_sequence;
    if (mv != NULL) {
        ssizeargfunc f = mv->sq_inplace_repeat != NULL ? mv->sq_inplace_repeat : mv->sq_repeat;
        if (f != NULL) {
            return sequence_repeat(f, v, w);
        }
    }
    if (mw != NULL && mw->sq_repeat != NULL) {
        return sequence_repeat(mw->sq_repeat, w, v);
    }
    return binop_type_error(v, w, "*=");
}

PyObject *
PyNumber_InPlacePower(PyObject *v, PyObject *w, PyObject *z)
{
    PyNumberMethods *mv = Py_TYPE(v)->tp_as_number;
    if (mv != NULL && mv->nb_inplace_power != NULL) {
        PyObject *x = mv->nb_inplace_power(v, w, z);
        if (x != Py_NotImplemented) {
            return x;
        }
        Py_DECREF(x);
    }
    return ternary_op(v, w, z, NB_SLOT(nb_power), "**=");
}

#define UNARY_FUNC(func, op, msg)                                                                  \
    PyObject *func(PyObject *o)                                                                    \
    {                                                                                              \
        if (o == NULL) {                                                                           \
            return null_error();                                                                   \
        }                                                                                          \
        PyNumberMethods *m = Py_TYPE(o)->tp_as_number;                                             \
        if (m != NULL && m->op != NULL) {                                                          \
            return m->op(o);                                                                       \
        }                                                                                          \
        return type_error(msg, o);                                                                 \
    }

UNARY_FUNC(PyNumber_Negative, nb_negative, "bad operand type for unary -: '%.200s'")
UNARY_FUNC(PyNumber_Positive, nb_positive, "bad operand type for unary +: '%.200s'")
UNARY_FUNC(PyNumber_Invert, nb_invert, "bad operand type for unary ~: '%.200s'")
UNARY_FUNC(PyNumber_Absolute, nb_absolute, "bad operand type for abs(): '%.200s'")

PyObject *
_PyNumber_Index(PyObject *item)
{
    if (item == NULL) {
        return null_error();
    }
    if (PyLong_Check(item)) {
        return Py_NewRef(item);
    }
    if (!PyIndex_Check(item)) {
        return type_error("'%.200s' object cannot be interpreted as an integer", item);
    }
    PyObject *result = Py_TYPE(item)->tp_as_number->nb_index(item);
    if (result == NULL || PyLong_CheckExact(result)) {
        return result;
    }
    if (!PyLong_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %.200s)",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "__index__ returned non-int (type %.200s).  The ability to return an "
                         "instance of a strict subclass of int is deprecated, and may be "
                         "removed in a future version of Python.",
                         Py_TYPE(result)->tp_name) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

PyObject *
PyNumber_Index(PyObject *item)
{
    PyObject *result = _PyNumber_Index(item);
    if (result != NULL && !PyLong_CheckExact(result)) {
        Py_SETREF(result, _PyLong_Copy((PyLongObject *)result));
    }
    return result;
}

Py_ssize_t
PyNumber_AsSsize_t(PyObject *item, PyObject *err)
{
    if (PyLong_CheckExact(item) && Py_SIZE(item) >= -1 && Py_SIZE(item) <= 1) {
        /* one digit or zero, the usual index */
        Py_ssize_t d = Py_SIZE(item) == 0 ? 0 : (Py_ssize_t)((PyLongObject *)item)->ob_digit[0];
        return Py_SIZE(item) < 0 ? -d : d;
    }
    PyObject *value = _PyNumber_Index(item);
    if (value == NULL) {
        return -1;
    }
    Py_ssize_t result = PyLong_AsSsize_t(value);
    if (result != -1 || !PyErr_Occurred()) {
        goto finish;
    }
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
        goto finish;
    }
    PyErr_Clear();
    if (err == NULL) {
        result = _PyLong_Sign(value) < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    } else {
        PyErr_Format(err, "cannot fit '%.200s' into an index-sized integer",
                     Py_TYPE(item)->tp_name);
    }
finish:
    Py_DECREF(value);
    return result;
}

static PyObject *
long_from_nb_int(PyObject *o)
{
    PyObject *result = Py_TYPE(o)->tp_as_number->nb_int(o);
    if (result == NULL || PyLong_CheckExact(result)) {
        return result;
    }
    if (!PyLong_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %.200s)",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return NULL;
    }
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                         "__int__ returned non-int (type %.200s).  The ability to return an "
                         "instance of a strict subclass of int is deprecated, and may be "
                         "removed in a future version of Python.",
                         Py_TYPE(result)->tp_name) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    Py_SETREF(result, _PyLong_Copy((PyLongObject *)result));
    return result;
}

static PyObject *
long_from_trunc(PyObject *trunc_func)
{
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "The delegation of int() to __trunc__ is "
                     "deprecated.",
                     1) < 0) {
        Py_DECREF(trunc_func);
        return NULL;
    }
    PyObject *result = PyObject_CallNoArgs(trunc_func);
    Py_DECREF(trunc_func);
    if (result == NULL || PyLong_CheckExact(result)) {
        return result;
    }
    if (PyLong_Check(result)) {
        Py_SETREF(result, _PyLong_Copy((PyLongObject *)result));
        return result;
    }
    if (!PyIndex_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__trunc__ returned non-Integral (type %.200s)",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return NULL;
    }
    Py_SETREF(result, PyNumber_Index(result));
    return result;
}

PyObject *
PyNumber_Long(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    if (PyLong_CheckExact(o)) {
        return Py_NewRef(o);
    }
    PyNumberMethods *m = Py_TYPE(o)->tp_as_number;
    if (m != NULL && m->nb_int != NULL) {
        return long_from_nb_int(o);
    }
    if (m != NULL && m->nb_index != NULL) {
        return PyNumber_Index(o);
    }
    PyObject *trunc_func = _PyObject_LookupSpecial(o, ID("__trunc__"));
    if (trunc_func != NULL) {
        return long_from_trunc(trunc_func);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (PyUnicode_Check(o)) {
        return PyLong_FromUnicodeObject(o, 10);
    }
    if (PyBytes_Check(o) || PyByteArray_Check(o)) {
        PyObject *s = PyUnicode_FromEncodedObject(o, "latin-1", "strict");
        PyObject *res = s == NULL ? NULL : PyLong_FromUnicodeObject(s, 10);
        Py_XDECREF(s);
        return res;
    }
    return type_error("int() argument must be a string, a bytes-like object or a real number, "
                      "not '%.200s'",
                      o);
}

PyObject *
PyNumber_Float(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    if (PyFloat_CheckExact(o)) {
        return Py_NewRef(o);
    }
    PyNumberMethods *m = Py_TYPE(o)->tp_as_number;
    if (m != NULL && m->nb_float != NULL) {
        PyObject *res = m->nb_float(o);
        if (res == NULL || PyFloat_CheckExact(res)) {
            return res;
        }
        if (!PyFloat_Check(res)) {
            PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                         Py_TYPE(o)->tp_name, Py_TYPE(res)->tp_name);
            Py_DECREF(res);
            return NULL;
        }
        if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                             "%.50s.__float__ returned non-float (type %.50s).  The ability to "
                             "return an instance of a strict subclass of float is deprecated, "
                             "and may be removed in a future version of Python.",
                             Py_TYPE(o)->tp_name, Py_TYPE(res)->tp_name) < 0) {
            Py_DECREF(res);
            return NULL;
        }
        double val = PyFloat_AS_DOUBLE(res);
        Py_DECREF(res);
        return PyFloat_FromDouble(val);
    }
    if (m != NULL && m->nb_index != NULL) {
        PyObject *res = _PyNumber_Index(o);
        if (res == NULL) {
            return NULL;
        }
        double val = PyLong_AsDouble(res);
        Py_DECREF(res);
        if (val == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        return PyFloat_FromDouble(val);
    }
    if (PyFloat_Check(o)) {
        return PyFloat_FromDouble(PyFloat_AS_DOUBLE(o));
    }
    return PyFloat_FromString(o);
}

PyObject *
PyNumber_ToBase(PyObject *n, int base)
{
    if (!(base == 2 || base == 8 || base == 10 || base == 16)) {
        PyErr_SetString(PyExc_SystemError, "PyNumber_ToBase: base must be 2, 8, 10 or 16");
        return NULL;
    }
    PyObject *index = PyNumber_Index(n);
    if (index == NULL) {
        return NULL;
    }
    PyObject *res = _PyLong_Format(index, base);
    Py_DECREF(index);
    return res;
}

/* ---- sequences ---- */

int
PySequence_Check(PyObject *s)
{
    if (PyDict_Check(s)) {
        return 0;
    }
    return Py_TYPE(s)->tp_as_sequence != NULL && Py_TYPE(s)->tp_as_sequence->sq_item != NULL;
}

Py_ssize_t
PySequence_Size(PyObject *s)
{
    if (s == NULL) {
        null_error();
        return -1;
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_length != NULL) {
        return m->sq_length(s);
    }
    if (Py_TYPE(s)->tp_as_mapping != NULL && Py_TYPE(s)->tp_as_mapping->mp_length != NULL) {
        type_error("%.200s is not a sequence", s);
        return -1;
    }
    type_error("object of type '%.200s' has no len()", s);
    return -1;
}

Py_ssize_t
PySequence_Length(PyObject *s)
{
    return PySequence_Size(s);
}

PyObject *
PySequence_Concat(PyObject *s, PyObject *o)
{
    if (s == NULL || o == NULL) {
        return null_error();
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_concat != NULL) {
        return m->sq_concat(s, o);
    }
    if (PySequence_Check(s) && PySequence_Check(o)) {
        PyObject *result = binary_op1(s, o, NB_SLOT(nb_add));
        if (result != Py_NotImplemented) {
            return result;
        }
        Py_DECREF(result);
    }
    return type_error("'%.200s' object can't be concatenated", s);
}

PyObject *
PySequence_Repeat(PyObject *o, Py_ssize_t count)
{
    if (o == NULL) {
        return null_error();
    }
    PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
    if (m != NULL && m->sq_repeat != NULL) {
        return m->sq_repeat(o, count);
    }
    if (PySequence_Check(o)) {
        PyObject *n = PyLong_FromSsize_t(count);
        if (n == NULL) {
            return NULL;
        }
        PyObject *result = binary_op1(o, n, NB_SLOT(nb_multiply));
        Py_DECREF(n);
        if (result != Py_NotImplemented) {
            return result;
        }
        Py_DECREF(result);
    }
    return type_error("'%.200s' object can't be repeated", o);
}

PyObject *
PySequence_InPlaceConcat(PyObject *s, PyObject *o)
{
    if (s == NULL || o == NULL) {
        return null_error();
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_inplace_concat != NULL) {
        return m->sq_inplace_concat(s, o);
    }
    if (m != NULL && m->sq_concat != NULL) {
        return m->sq_concat(s, o);
    }
    if (PySequence_Check(s) && PySequence_Check(o)) {
        PyObject *result = binary_iop1(s, o, NB_SLOT(nb_inplace_add), NB_SLOT(nb_add));
        if (result != Py_NotImplemented) {
            return result;
        }
        Py_DECREF(result);
    }
    return type_error("'%.200s' object can't be concatenated", s);
}

PyObject *
PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count)
{
    if (o == NULL) {
        return null_error();
    }
    PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
    if (m != NULL && m->sq_inplace_repeat != NULL) {
        return m->sq_inplace_repeat(o, count);
    }
    if (m != NULL && m->sq_repeat != NULL) {
        return m->sq_repeat(o, count);
    }
    if (PySequence_Check(o)) {
        PyObject *n = PyLong_FromSsize_t(count);
        if (n == NULL) {
            return NULL;
        }
        PyObject *result = binary_iop1(o, n, NB_SLOT(nb_inplace_multiply), NB_SLOT(nb_multiply));
        Py_DECREF(n);
        if (result != Py_NotImplemented) {
            return result;
        }
        Py_DECREF(result);
    }
    return type_error("'%.200s' object can't be repeated", o);
}

/* Makes a negative index I relative to len(S) when S has sq_length; -1 with an error. */
static int
adjust_index(PyObject *s, Py_ssize_t *i)
{
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (*i < 0 && m->sq_length != NULL) {
        Py_ssize_t l = m->sq_length(s);
        if (l < 0) {
            return -1;
        }
        *i += l;
    }
    return 0;
}

PyObject *
PySequence_GetItem(PyObject *s, Py_ssize_t i)
{
    if (s == NULL) {
        return null_error();
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_item != NULL) {
        if (adjust_index(s, &i) < 0) {
            return NULL;
        }
        return m->sq_item(s, i);
    }
    if (Py_TYPE(s)->tp_as_mapping != NULL && Py_TYPE(s)->tp_as_mapping->mp_subscript != NULL) {
        return type_error("%.200s is not a sequence", s);
    }
    return type_error("'%.200s' object does not support indexing", s);
}

static PyObject *
slice_from_indices(Py_ssize_t i1, Py_ssize_t i2)
{
    PyObject *start = PyLong_FromSsize_t(i1);
    PyObject *stop = PyLong_FromSsize_t(i2);
    PyObject *slice = start == NULL || stop == NULL ? NULL : PySlice_New(start, stop, NULL);
    Py_XDECREF(start);
    Py_XDECREF(stop);
    return slice;
}

PyObject *
PySequence_GetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2)
{
    if (s == NULL) {
        return null_error();
    }
    PyMappingMethods *mp = Py_TYPE(s)->tp_as_mapping;
    if (mp != NULL && mp->mp_subscript != NULL) {
        PyObject *slice = slice_from_indices(i1, i2);
        if (slice == NULL) {
            return NULL;
        }
        PyObject *res = mp->mp_subscript(s, slice);
        Py_DECREF(slice);
        return res;
    }
    return type_error("'%.200s' object is unsliceable", s);
}

int
PySequence_SetItem(PyObject *s, Py_ssize_t i, PyObject *o)
{
    if (s == NULL) {
        null_error();
        return -1;
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_ass_item != NULL) {
        if (adjust_index(s, &i) < 0) {
            return -1;
        }
        return m->sq_ass_item(s, i, o);
    }
    if (Py_TYPE(s)->tp_as_mapping != NULL && Py_TYPE(s)->tp_as_mapping->mp_ass_subscript != NULL) {
        type_error("%.200s is not a sequence", s);
        return -1;
    }
    type_error("'%.200s' object does not support item assignment", s);
    return -1;
}

int
PySequence_DelItem(PyObject *s, Py_ssize_t i)
{
    if (s == NULL) {
        null_error();
        return -1;
    }
    PySequenceMethods *m = Py_TYPE(s)->tp_as_sequence;
    if (m != NULL && m->sq_ass_item != NULL) {
        if (adjust_index(s, &i) < 0) {
            return -1;
        }
        return m->sq_ass_item(s, i, NULL);
    }
    if (Py_TYPE(s)->tp_as_mapping != NULL && Py_TYPE(s)->tp_as_mapping->mp_ass_subscript != NULL) {
        type_error("%.200s is not a sequence", s);
        return -1;
    }
    type_error("'%.200s' object doesn't support item deletion", s);
    return -1;
}

static int
assign_slice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2, PyObject *o, const char *msg)
{
    if (s == NULL) {
        null_error();
        return -1;
    }
    PyMappingMethods *mp = Py_TYPE(s)->tp_as_mapping;
    if (mp != NULL && mp->mp_ass_subscript != NULL) {
        PyObject *slice = slice_from_indices(i1, i2);
        if (slice == NULL) {
            return -1;
        }
        int res = mp->mp_ass_subscript(s, slice, o);
        Py_DECREF(slice);
        return res;
    }
    type_error(msg, s);
    return -1;
}

int
PySequence_SetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2, PyObject *o)
{
    return assign_slice(s, i1, i2, o, "'%.200s' object doesn't support slice assignment");
}

int
PySequence_DelSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2)
{
    return assign_slice(s, i1, i2, NULL, "'%.200s' object doesn't support slice deletion");
}

PyObject *
PySequence_List(PyObject *v)
{
    if (v == NULL) {
        return null_error();
    }
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    PyObject *rv = _PyList_Extend((PyListObject *)result, v);
    if (rv == NULL) {
        Py_DECREF(result);
        return NULL;
    }
    Py_DECREF(rv);
    return result;
}

PyObject *
PySequence_Tuple(PyObject *v)
{
    if (v == NULL) {
        return null_error();
    }
    if (PyTuple_CheckExact(v)) {
        return Py_NewRef(v);
    }
    if (PyList_CheckExact(v)) {
        return PyList_AsTuple(v);
    }
    PyObject *list = PySequence_List(v);
    if (list == NULL) {
        return NULL;
    }
    PyObject *res = PyList_AsTuple(list);
    Py_DECREF(list);
    return res;
}

PyObject *
PySequence_Fast(PyObject *v, const char *m)
{
    if (v == NULL) {
        return null_error();
    }
    if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) {
        return Py_NewRef(v);
    }
    PyObject *it = PyObject_GetIter(v);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_SetString(PyExc_TypeError, m);
        }
        return NULL;
    }
    PyObject *res = PySequence_List(it);
    Py_DECREF(it);
    return res;
}

Py_ssize_t
_PySequence_IterSearch(PyObject *seq, PyObject *obj, int operation)
{
    if (seq == NULL || obj == NULL) {
        null_error();
        return -1;
    }
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            type_error("argument of type '%.200s' is not iterable", seq);
        }
        return -1;
    }
    Py_ssize_t n = 0;
    int wrapped = 0;
    for (;;) {
        PyObject *item = PyIter_Next(it);
        if (item == NULL) {
            if (PyErr_Occurred()) {
                goto fail;
            }
            break;
        }
        int cmp = PyObject_RichCompareBool(item, obj, Py_EQ);
        Py_DECREF(item);
        if (cmp < 0) {
            goto fail;
        }
        if (cmp > 0) {
            if (operation == PY_ITERSEARCH_COUNT) {
                if (n == PY_SSIZE_T_MAX) {
                    PyErr_SetString(PyExc_OverflowError, "count exceeds C integer size");
                    goto fail;
                }
                n++;
            } else if (operation == PY_ITERSEARCH_INDEX) {
                if (wrapped) {
                    PyErr_SetString(PyExc_OverflowError, "index exceeds C integer size");
                    goto fail;
                }
                goto done;
            } else {
                n = 1;
                goto done;
            }
        }
        if (operation == PY_ITERSEARCH_INDEX) {
            if (n == PY_SSIZE_T_MAX) {
                wrapped = 1;
            }
            n++;
        }
    }
    if (operation == PY_ITERSEARCH_INDEX) {
        PyErr_SetString(PyExc_ValueError, "sequence.index(x): x not in sequence");
        goto fail;
    }
    if (operation == PY_ITERSEARCH_CONTAINS) {
        n = 0;
    }
done:
    Py_DECREF(it);
    return n;
fail:
    Py_DECREF(it);
    return -1;
}

Py_ssize_t
PySequence_Count(PyObject *s, PyObject *o)
{
    return _PySequence_IterSearch(s, o, PY_ITERSEARCH_COUNT);
}

int
PySequence_Contains(PyObject *seq, PyObject *ob)
{
    PySequenceMethods *sqm = Py_TYPE(seq)->tp_as_sequence;
    if (sqm != NULL && sqm->sq_contains != NULL) {
        return sqm->sq_contains(seq, ob);
    }
    return (int)_PySequence_IterSearch(seq, ob, PY_ITERSEARCH_CONTAINS);
}

int
PySequence_In(PyObject *w, PyObject *v)
{
    return PySequence_Contains(w, v);
}

Py_ssize_t
PySequence_Index(PyObject *s, PyObject *o)
{
    return _PySequence_IterSearch(s, o, PY_ITERSEARCH_INDEX);
}

/* ---- mappings ---- */

int
PyMapping_Check(PyObject *o)
{
    return o != NULL && Py_TYPE(o)->tp_as_mapping != NULL &&
           Py_TYPE(o)->tp_as_mapping->mp_subscript != NULL;
}

Py_ssize_t
PyMapping_Size(PyObject *o)
{
    if (o == NULL) {
        null_error();
        return -1;
    }
    PyMappingMethods *m = Py_TYPE(o)->tp_as_mapping;
    if (m != NULL && m->mp_length != NULL) {
        return m->mp_length(o);
    }
    if (Py_TYPE(o)->tp_as_sequence != NULL && Py_TYPE(o)->tp_as_sequence->sq_length != NULL) {
        type_error("%.200s is not a mapping", o);
        return -1;
    }
    type_error("object of type '%.200s' has no len()", o);
    return -1;
}

Py_ssize_t
PyMapping_Length(PyObject *o)
{
    return PyMapping_Size(o);
}

PyObject *
PyMapping_GetItemString(PyObject *o, const char *key)
{
    if (key == NULL) {
        return null_error();
    }
    PyObject *okey = PyUnicode_FromString(key);
    if (okey == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_GetItem(o, okey);
    Py_DECREF(okey);
    return r;
}

int
PyMapping_SetItemString(PyObject *o, const char *key, PyObject *value)
{
    if (key == NULL) {
        null_error();
        return -1;
    }
    PyObject *okey = PyUnicode_FromString(key);
    if (okey == NULL) {
        return -1;
    }
    int r = PyObject_SetItem(o, okey, value);
    Py_DECREF(okey);
    return r;
}

int
PyMapping_HasKeyString(PyObject *o, const char *key)
{
    PyObject *v = PyMapping_GetItemString(o, key);
    if (v != NULL) {
        Py_DECREF(v);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

int
PyMapping_HasKey(PyObject *o, PyObject *key)
{
    PyObject *v = PyObject_GetItem(o, key);
    if (v != NULL) {
        Py_DECREF(v);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

static PyObject *
method_output_as_list(PyObject *o, const char *meth)
{
    PyObject *meth_output = PyObject_CallMethodNoArgs(o, ID(meth));
    if (meth_output == NULL || PyList_CheckExact(meth_output)) {
        return meth_output;
    }
    PyObject *it = PyObject_GetIter(meth_output);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError, "%.200s.%s() returned a non-iterable (type %.200s)",
                         Py_TYPE(o)->tp_name, meth, Py_TYPE(meth_output)->tp_name);
        }
        Py_DECREF(meth_output);
        return NULL;
    }
    Py_DECREF(meth_output);
    PyObject *result = PySequence_List(it);
    Py_DECREF(it);
    return result;
}

PyObject *
PyMapping_Keys(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    if (PyDict_CheckExact(o)) {
        return PyDict_Keys(o);
    }
    return method_output_as_list(o, "keys");
}

PyObject *
PyMapping_Items(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    if (PyDict_CheckExact(o)) {
        return PyDict_Items(o);
    }
    return method_output_as_list(o, "items");
}

PyObject *
PyMapping_Values(PyObject *o)
{
    if (o == NULL) {
        return null_error();
    }
    if (PyDict_CheckExact(o)) {
        return PyDict_Values(o);
    }
    return method_output_as_list(o, "values");
}

/* ---- isinstance / issubclass ---- */

static PyObject *
abstract_get_bases(PyObject *cls)
{
    PyObject *bases;
    (void)_PyObject_LookupAttr(cls, ID("__bases__"), &bases);
    if (bases != NULL && !PyTuple_Check(bases)) {
        Py_CLEAR(bases);
    }
    return bases;
}

static int
abstract_issubclass(PyObject *derived, PyObject *cls)
{
    PyObject *bases = NULL; /* keeps DERIVED alive while it comes from a bases tuple */
    Py_ssize_t n;
    for (;;) {
        if (derived == cls) {
            Py_XDECREF(bases);
            return 1;
        }
        Py_XSETREF(bases, abstract_get_bases(derived));
        if (bases == NULL) {
            return PyErr_Occurred() ? -1 : 0;
        }
        n = PyTuple_GET_SIZE(bases);
        if (n == 0) {
            Py_DECREF(bases);
            return 0;
        }
        if (n > 1) {
            break;
        }
        derived = PyTuple_GET_ITEM(bases, 0); /* single inheritance: no recursion */
    }
    /* __bases__ computed by Python code may nest without end: RecursionError, not a crash */
    if (Py_EnterRecursiveCall(" in __issubclass__")) {
        Py_DECREF(bases);
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; i < n && r == 0; i++) {
        r = abstract_issubclass(PyTuple_GET_ITEM(bases, i), cls);
    }
    Py_LeaveRecursiveCall();
    Py_DECREF(bases);
    return r;
}

static int
check_class(PyObject *cls, const char *error)
{
    PyObject *bases = abstract_get_bases(cls);
    if (bases == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, error);
        }
        return 0;
    }
    Py_DECREF(bases);
    return -1;
}

int
_PyObject_RealIsInstance(PyObject *inst, PyObject *cls)
{
    if (PyType_Check(cls)) {
        int retval = PyObject_TypeCheck(inst, (PyTypeObject *)cls);
        if (retval == 0) {
            PyObject *c;
            if (_PyObject_LookupAttr(inst, ID("__class__"), &c) < 0) {
                return -1;
            }
            if (c != NULL) {
                if (c != (PyObject *)Py_TYPE(inst) && PyType_Check(c)) {
                    retval = PyType_IsSubtype((PyTypeObject *)c, (PyTypeObject *)cls);
                }
                Py_DECREF(c);
            }
        }
        return retval;
    }
    if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union")) {
        return -1;
    }
    PyObject *icls;
    if (_PyObject_LookupAttr(inst, ID("__class__"), &icls) < 0) {
        return -1;
    }
    if (icls == NULL) {
        return 0;
    }
    int retval = abstract_issubclass(icls, cls);
    Py_DECREF(icls);
    return retval;
}

int
_PyObject_RealIsSubclass(PyObject *derived, PyObject *cls)
{
    if (PyType_Check(cls) && PyType_Check(derived)) {
        return PyType_IsSubtype((PyTypeObject *)derived, (PyTypeObject *)cls);
    }
    if (!check_class(derived, "issubclass() arg 1 must be a class")) {
        return -1;
    }
    if (!check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union")) {
        return -1;
    }
    return abstract_issubclass(derived, cls);
}

/* Calls CLS's __instancecheck__/__subclasscheck__ hook NAME on ARG (guarded against runaway
 * recursion, WHERE names it in the RecursionError): 1 or 0 for its truth, -1 on error, -2 when
 * CLS has no such hook (so the caller falls back to the real check). */
static int
call_check_hook(PyObject *cls, PyObject *name, const char *where, PyObject *arg)
{
    PyObject *checker = _PyObject_LookupSpecial(cls, name);
    if (checker == NULL) {
        return PyErr_Occurred() ? -1 : -2;
    }
    if (Py_EnterRecursiveCall(where)) {
        Py_DECREF(checker);
        return -1;
    }
    PyObject *res = PyObject_CallOneArg(checker, arg);
    Py_LeaveRecursiveCall();
    Py_DECREF(checker);
    if (res == NULL) {
        return -1;
    }
    int ok = PyObject_IsTrue(res);
    Py_DECREF(res);
    return ok;
}

int
PyObject_IsInstance(PyObject *inst, PyObject *cls)
{
    if (Py_IS_TYPE(inst, (PyTypeObject *)cls)) {
        return 1;
    }
    if (PyType_CheckExact(cls)) {
        return _PyObject_RealIsInstance(inst, cls);
    }
    if (PyTuple_Check(cls)) {
        /* nested tuples recurse in C: bounded by the recursion limit, as in CPython */
        if (Py_EnterRecursiveCall(" in __instancecheck__")) {
            return -1;
        }
        int r = 0;
        for (Py_ssize_t i = 0; r == 0 && i < PyTuple_GET_SIZE(cls); i++) {
            r = PyObject_IsInstance(inst, PyTuple_GET_ITEM(cls, i));
        }
        Py_LeaveRecursiveCall();
        return r;
    }
    int r = call_check_hook(cls, ID("__instancecheck__"), " in __instancecheck__", inst);
    if (r != -2) {
        return r;
    }
    return _PyObject_RealIsInstance(inst, cls);
}

int
PyObject_IsSubclass(PyObject *derived, PyObject *cls)
{
    if (PyType_CheckExact(cls)) {
        if (derived == cls) {
            return 1;
        }
        return _PyObject_RealIsSubclass(derived, cls);
    }
    if (PyTuple_Check(cls)) {
        if (Py_EnterRecursiveCall(" in __subclasscheck__")) {
            return -1;
        }
        int r = 0;
        for (Py_ssize_t i = 0; r == 0 && i < PyTuple_GET_SIZE(cls); i++) {
            r = PyObject_IsSubclass(derived, PyTuple_GET_ITEM(cls, i));
        }
        Py_LeaveRecursiveCall();
        return r;
    }
    int r = call_check_hook(cls, ID("__subclasscheck__"), " in __subclasscheck__", derived);
    if (r != -2) {
        return r;
    }
    return _PyObject_RealIsSubclass(derived, cls);
}

/* ---- buffers ---- */

int
PyObject_CheckBuffer(PyObject *obj)
{
    PyBufferProcs *tp_as_buffer = Py_TYPE(obj)->tp_as_buffer;
    return tp_as_buffer != NULL && tp_as_buffer->bf_getbuffer != NULL;
}

int
PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags)
{
    PyBufferProcs *pb = Py_TYPE(obj)->tp_as_buffer;
    if (pb == NULL || pb->bf_getbuffer == NULL) {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    return pb->bf_getbuffer(obj, view, flags);
}

void
PyBuffer_Release(Py_buffer *view)
{
    PyObject *obj = view->obj;
    if (obj == NULL) {
        return;
    }
    PyBufferProcs *pb = Py_TYPE(obj)->tp_as_buffer;
    if (pb != NULL && pb->bf_releasebuffer != NULL) {
        pb->bf_releasebuffer(obj, view);
    }
    view->obj = NULL;
    Py_DECREF(obj);
}

int
PyBuffer_FillInfo(Py_buffer *view, PyObject *obj, void *buf, Py_ssize_t len, int readonly,
                  int flags)
{
    if (view == NULL) {
        PyErr_SetString(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
        return -1;
    }
    if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly == 1) {
        PyErr_SetString(PyExc_BufferError, "Object is not writable.");
        return -1;
    }
    view->obj = Py_XNewRef(obj);
    view->buf = buf;
    view->len = len;
    view->readonly = readonly;
    view->itemsize = 1;
    view->format = NULL;
    if ((flags & PyBUF_FORMAT) == PyBUF_FORMAT) {
        view->format = (char *)"B";
    }
    view->ndim = 1;
    view->shape = NULL;
    if ((flags & PyBUF_ND) == PyBUF_ND) {
        view->shape = &view->len;
    }
    view->strides = NULL;
    if ((flags & PyBUF_STRIDES) == PyBUF_STRIDES) {
        view->strides = &view->itemsize;
    }
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static int
is_c_contiguous(const Py_buffer *view)
{
    if (view->len == 0 || view->strides == NULL) {
        return 1;
    }
    Py_ssize_t sd = view->itemsize;
    for (int i = view->ndim - 1; i >= 0; i--) {
        Py_ssize_t dim = view->shape[i];
        if (dim > 1 && view->strides[i] != sd) {
            return 0;
        }
        sd *= dim;
    }
    return 1;
}

static int
is_f_contiguous(const Py_buffer *view)
{
    if (view->len == 0) {
        return 1;
    }
    if (view->strides == NULL) {
        if (view->ndim <= 1) {
            return 1;
        }
        Py_ssize_t sd = 1;
        for (int i = 0; i < view->ndim; i++) {
            if (view->shape[i] > 1) {
                sd *= view->shape[i];
            }
        }
        return sd == view->len;
    }
    Py_ssize_t sd = view->itemsize;
    for (int i = 0; i < view->ndim; i++) {
        Py_ssize_t dim = view->shape[i];
        if (dim > 1 && view->strides[i] != sd) {
            return 0;
        }
        sd *= dim;
    }
    return 1;
}

int
PyBuffer_IsContiguous(const Py_buffer *view, char order)
{
    if (view->suboffsets != NULL) {
        return 0;
    }
    if (order == 'C') {
        return is_c_contiguous(view);
    }
    if (order == 'F') {
        return is_f_contiguous(view);
    }
    if (order == 'A') {
        return is_c_contiguous(view) || is_f_contiguous(view);
    }
    return 0;
}

void *
PyBuffer_GetPointer(const Py_buffer *view, const Py_ssize_t *indices)
{
    char *pointer = (char *)view->buf;
    for (int i = 0; i < view->ndim; i++) {
        pointer += view->strides[i] * indices[i];
        if (view->suboffsets != NULL && view->suboffsets[i] >= 0) {
            pointer = *((char **)pointer) + view->suboffsets[i];
        }
    }
    return pointer;
}

void
PyBuffer_FillContiguousStrides(int nd, Py_ssize_t *shape, Py_ssize_t *strides, int itemsize,
                               char order)
{
    Py_ssize_t sd = itemsize;
    if (order == 'F') {
        for (int k = 0; k < nd; k++) {
            strides[k] = sd;
            sd *= shape[k];
        }
    } else {
        for (int k = nd - 1; k >= 0; k--) {
            strides[k] = sd;
            sd *= shape[k];
        }
    }
}

/* Advances the multi-dimensional INDEX in C (or Fortran) order. */
static void
add_one_to_index(int nd, Py_ssize_t *index, const Py_ssize_t *shape, int fortran)
{
    if (fortran) {
        for (int k = 0; k < nd; k++) {
            if (++index[k] < shape[k]) {
                return;
            }
            index[k] = 0;
        }
    } else {
        for (int k = nd - 1; k >= 0; k--) {
            if (++index[k] < shape[k]) {
                return;
            }
            index[k] = 0;
        }
    }
}

/* Copies between the buffer VIEW and contiguous memory BUF in ORDER; TO_BUF picks direction. */
static int
copy_contiguous(const Py_buffer *view, char *buf, Py_ssize_t len, char order, int to_buf)
{
    if (len > view->len) {
        len = view->len;
    }
    if (PyBuffer_IsContiguous(view, order == 'A' ? 'A' : order) || view->ndim <= 0) {
        if (to_buf) {
            memcpy(buf, view->buf, (size_t)len);
        } else {
            memcpy(view->buf, buf, (size_t)len);
        }
        return 0;
    }
    Py_ssize_t *indices = PyMem_Calloc((size_t)view->ndim, sizeof(Py_ssize_t));
    if (indices == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int fortran = order == 'F';
    Py_ssize_t elements = len / view->itemsize;
    for (Py_ssize_t i = 0; i < elements; i++) {
        char *ptr = PyBuffer_GetPointer(view, indices);
        if (to_buf) {
            memcpy(buf, ptr, (size_t)view->itemsize);
        } else {
            memcpy(ptr, buf, (size_t)view->itemsize);
        }
        buf += view->itemsize;
        add_one_to_index(view->ndim, indices, view->shape, fortran);
    }
    PyMem_Free(indices);
    return 0;
}

int
PyBuffer_ToContiguous(void *buf, const Py_buffer *src, Py_ssize_t len, char order)
{
    if (len != src->len) {
        PyErr_SetString(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
        return -1;
    }
    return copy_contiguous(src, buf, len, order, 1);
}

int
PyBuffer_FromContiguous(const Py_buffer *view, const void *buf, Py_ssize_t len, char fort)
{
    return copy_contiguous(view, (char *)buf, len, fort, 0);
}

Py_ssize_t
PyBuffer_SizeFromFormat(const char *format)
{
    /* The native single-character struct formats (what memoryview uses). */
    static const struct {
        char code;
        Py_ssize_t size;
    } sizes[] = {
        {'x', 1}, {'c', 1}, {'b', 1}, {'B', 1}, {'?', 1}, {'h', 2}, {'H', 2},
        {'i', 4}, {'I', 4}, {'l', 8}, {'L', 8}, {'q', 8}, {'Q', 8}, {'n', 8},
        {'N', 8}, {'e', 2}, {'f', 4}, {'d', 8}, {'P', 8},
    };
    const char *f = format;
    if (*f == '@') {
        f++;
    }
    if (f[0] != '\0' && f[1] == '\0') {
        for (size_t i = 0; i < Py_ARRAY_LENGTH(sizes); i++) {
            if (sizes[i].code == f[0]) {
                return sizes[i].size;
            }
        }
    }
    PyErr_Format(PyExc_ValueError, "bad format string: %s", format);
    return -1;
}

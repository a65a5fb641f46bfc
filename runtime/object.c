/* object.c: the generic object protocol (repr, str, rich comparison, hashing, truth, attribute
 * access with the descriptor protocol, dir) and the None, NotImplemented and Ellipsis
 * singletons, mirroring CPython 3.11's Objects/object.c behaviour and error messages. */
#include "Python.h"
#include "pyrs/dict.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"
#include "pyrs/state.h"
#include "pyrs/type.h"

/* ---- interned identifiers ---- */

#define ID_TABLE_SIZE 1024

typedef struct {
    const char *key; /* address of the C literal */
    PyObject *value; /* interned str, owned forever */
} IdEntry;

static IdEntry id_table[ID_TABLE_SIZE];

PyObject *
pyrs_object_id(const char *s)
{
    size_t h = ((uintptr_t)s >> 3) * 2654435761u;
    for (size_t i = 0; i < ID_TABLE_SIZE; i++) {
        IdEntry *e = &id_table[(h + i) & (ID_TABLE_SIZE - 1)];
        if (e->key == s) {
            return e->value;
        }
        if (e->key == NULL) {
            PyObject *v = PyUnicode_InternFromString(s);
            if (v == NULL) {
                return NULL;
            }
            e->key = s;
            e->value = v;
            return v;
        }
    }
    /* Table full: fall back to interning every time (leaks one reference per call). */
    return PyUnicode_InternFromString(s);
}

static void set_attribute_error_context(PyObject *v, PyObject *name);

PyObject *
pyrs_object_no_attribute(PyObject *obj, PyObject *name)
{
    PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'",
                 Py_TYPE(obj)->tp_name, name);
    set_attribute_error_context(obj, name); /* as CPython's generic getattr: name and obj */
    return NULL;
}

PyObject *
pyrs_object_call_special(PyObject *self, const char *name, PyObject *const *args, Py_ssize_t nargs,
                         int *found)
{
    PyObject *id = pyrs_object_id(name);
    if (id == NULL) {
        return NULL;
    }
    PyObject *meth = _PyObject_LookupSpecial(self, id);
    if (found != NULL) {
        *found = meth != NULL || PyErr_Occurred();
    }
    if (meth == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_Vectorcall(meth, args, (size_t)nargs, NULL);
    Py_DECREF(meth);
    return res;
}

/* ---- reference counting entry points ---- */

void
_Py_Dealloc(PyObject *op)
{
    destructor dealloc = Py_TYPE(op)->tp_dealloc;
    dealloc(op);
}

void
_Py_NewReference(PyObject *op)
{
    Py_SET_REFCNT(op, 1);
}

void
Py_IncRef(PyObject *o)
{
    Py_XINCREF(o);
}

void
Py_DecRef(PyObject *o)
{
    Py_XDECREF(o);
}

/* ---- repr / str ---- */

PyObject *
PyObject_Repr(PyObject *v)
{
    if (v == NULL) {
        return PyUnicode_FromString("<NULL>");
    }
    if (Py_TYPE(v)->tp_repr == NULL) {
        return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(v)->tp_name, (void *)v);
    }
    if (Py_EnterRecursiveCall(" while getting the repr of an object")) {
        return NULL;
    }
    PyObject *res = Py_TYPE(v)->tp_repr(v);
    Py_LeaveRecursiveCall();
    if (res == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(res)) {
        PyErr_Format(PyExc_TypeError, "__repr__ returned non-string (type %.200s)",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

PyObject *
PyObject_Str(PyObject *v)
{
    if (v == NULL) {
        return PyUnicode_FromString("<NULL>");
    }
    if (PyUnicode_CheckExact(v)) {
        return Py_NewRef(v);
    }
    if (PyLong_CheckExact(v) && Py_TYPE(v)->tp_str != NULL) {
        return Py_TYPE(v)->tp_str(v); /* cannot recurse and always gives a str */
    }
    if (Py_TYPE(v)->tp_str == NULL) {
        return PyObject_Repr(v);
    }
    if (Py_EnterRecursiveCall(" while getting the str of an object")) {
        return NULL;
    }
    PyObject *res = Py_TYPE(v)->tp_str(v);
    Py_LeaveRecursiveCall();
    if (res == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(res)) {
        PyErr_Format(PyExc_TypeError, "__str__ returned non-string (type %.200s)",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return NULL;
    }
    return res;
}

/* Appends the escape for code point CH to BUF (at least 11 bytes); returns bytes written. */
static int
ascii_escape(char *buf, Py_UCS4 ch)
{
    if (ch < 0x100) {
        return snprintf(buf, 11, "\\x%02x", (unsigned)ch);
    }
    if (ch < 0x10000) {
        return snprintf(buf, 11, "\\u%04x", (unsigned)ch);
    }
    return snprintf(buf, 11, "\\U%08x", (unsigned)ch);
}

PyObject *
PyObject_ASCII(PyObject *v)
{
    PyObject *repr = PyObject_Repr(v);
    if (repr == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GetLength(repr);
    char *buf = PyMem_Malloc((size_t)n * 10 + 1);
    if (buf == NULL) {
        Py_DECREF(repr);
        return PyErr_NoMemory();
    }
    size_t len = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_ReadChar(repr, i);
        if (ch < 0x80) {
            buf[len++] = (char)ch;
        } else {
            len += (size_t)ascii_escape(buf + len, ch);
        }
    }
    Py_DECREF(repr);
    PyObject *res = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)len);
    PyMem_Free(buf);
    return res;
}

PyObject *
PyObject_Bytes(PyObject *v)
{
    if (v == NULL) {
        return PyBytes_FromString("<NULL>");
    }
    if (PyBytes_CheckExact(v)) {
        return Py_NewRef(v);
    }
    int found = 0;
    PyObject *res = pyrs_object_call_special(v, "__bytes__", NULL, 0, &found);
    if (!found) {
        return PyBytes_FromObject(v);
    }
    if (res != NULL && !PyBytes_Check(res)) {
        PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    return res;
}

int
PyObject_Print(PyObject *op, FILE *fp, int flags)
{
    if (op == NULL) {
        fputs("<nil>", fp);
        return 0;
    }
    if (Py_REFCNT(op) <= 0) {
        fprintf(fp, "<refcnt %ld at %p>", (long)Py_REFCNT(op), (void *)op);
        return 0;
    }
    PyObject *s = (flags & Py_PRINT_RAW) ? PyObject_Str(op) : PyObject_Repr(op);
    if (s == NULL) {
        return -1;
    }
    const char *t = PyUnicode_AsUTF8(s);
    int ret = 0;
    if (t == NULL) {
        ret = -1;
    } else {
        fputs(t, fp);
    }
    Py_DECREF(s);
    return ret;
}

/* ---- recursion guard for container reprs ---- */

/* Objects whose repr is in progress, per thread (pyrs/state.h). */
#define repr_list (pyrs_state_ext()->repr_list)

int
Py_ReprEnter(PyObject *obj)
{
    if (repr_list == NULL) {
        repr_list = PyList_New(0);
        if (repr_list == NULL) {
            return -1;
        }
    }
    for (Py_ssize_t i = PyList_GET_SIZE(repr_list); --i >= 0;) {
        if (PyList_GET_ITEM(repr_list, i) == obj) {
            return 1;
        }
    }
    return PyList_Append(repr_list, obj) < 0 ? -1 : 0;
}

void
Py_ReprLeave(PyObject *obj)
{
    if (repr_list == NULL) {
        return;
    }
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    for (Py_ssize_t i = PyList_GET_SIZE(repr_list); --i >= 0;) {
        if (PyList_GET_ITEM(repr_list, i) == obj) {
            if (PyList_SetSlice(repr_list, i, i + 1, NULL) < 0) {
                PyErr_Clear();
            }
            break;
        }
    }
    PyErr_Restore(et, ev, tb);
}

/* ---- rich comparison ---- */

static const char *const opstrings[] = {"<", "<=", "==", "!=", ">", ">="};
static const int swapped_op[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};

static PyObject *
do_richcompare(PyObject *v, PyObject *w, int op)
{
    richcmpfunc f;
    PyObject *res;
    int checked_reverse = 0;

    if (!Py_IS_TYPE(v, Py_TYPE(w)) && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v)) &&
        (f = Py_TYPE(w)->tp_richcompare) != NULL) {
        checked_reverse = 1;
        res = f(w, v, swapped_op[op]);
        if (res != Py_NotImplemented) {
            return res;
        }
        Py_DECREF(res);
    }
    if ((f = Py_TYPE(v)->tp_richcompare) != NULL) {
        res = f(v, w, op);
        if (res != Py_NotImplemented) {
            return res;
        }
        Py_DECREF(res);
    }
    if (!checked_reverse && (f = Py_TYPE(w)->tp_richcompare) != NULL) {
        res = f(w, v, swapped_op[op]);
        if (res != Py_NotImplemented) {
            return res;
        }
        Py_DECREF(res);
    }
    switch (op) {
    case Py_EQ:
        return PyBool_FromLong(v == w);
    case Py_NE:
        return PyBool_FromLong(v != w);
    default:
        PyErr_Format(PyExc_TypeError,
                     "'%s' not supported between instances of '%.100s' and '%.100s'", opstrings[op],
                     Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
        return NULL;
    }
}

PyObject *
PyObject_RichCompare(PyObject *v, PyObject *w, int op)
{
    if (v == NULL || w == NULL || op < Py_LT || op > Py_GE) {
        if (!PyErr_Occurred()) {
            PyErr_BadInternalCall();
        }
        return NULL;
    }
    if (Py_EnterRecursiveCall(" in comparison")) {
        return NULL;
    }
    PyObject *res = do_richcompare(v, w, op);
    Py_LeaveRecursiveCall();
    return res;
}

/* The comparison OP of two exact one-digit ints, two exact floats, or (for == and !=) two
 * exact strs, as their tp_richcompare would decide it: 0 or 1, or -1 for other operands. */
static inline int
compare_exact_builtins(PyObject *v, PyObject *w, int op)
{
    double a, b;
    if (PyLong_CheckExact(v) && PyLong_CheckExact(w) && Py_SIZE(v) >= -1 && Py_SIZE(v) <= 1 &&
        Py_SIZE(w) >= -1 && Py_SIZE(w) <= 1) {
        /* the values are below 2**30, so doubles hold them exactly */
        a = Py_SIZE(v) * (double)((PyLongObject *)v)->ob_digit[0];
        b = Py_SIZE(w) * (double)((PyLongObject *)w)->ob_digit[0];
    } else if (PyFloat_CheckExact(v) && PyFloat_CheckExact(w)) {
        a = PyFloat_AS_DOUBLE(v);
        b = PyFloat_AS_DOUBLE(w);
    } else if (PyUnicode_CheckExact(v) && PyUnicode_CheckExact(w) && (op == Py_EQ || op == Py_NE)) {
        return _PyUnicode_Equal(v, w) == (op == Py_EQ);
    } else {
        return -1;
    }
    switch (op) {
    case Py_LT:
        return a < b;
    case Py_LE:
        return a <= b;
    case Py_EQ:
        return a == b;
    case Py_NE:
        return a != b;
    case Py_GT:
        return a > b;
    default:
        return a >= b;
    }
}

int
PyObject_RichCompareBool(PyObject *v, PyObject *w, int op)
{
    if (v == w) {
        if (op == Py_EQ) {
            return 1;
        }
        if (op == Py_NE) {
            return 0;
        }
    }
    if (op >= Py_LT && op <= Py_GE) {
        int r = compare_exact_builtins(v, w, op);
        if (r >= 0) {
            return r;
        }
    }
    PyObject *res = PyObject_RichCompare(v, w, op);
    if (res == NULL) {
        return -1;
    }
    int ok = PyBool_Check(res) ? res == Py_True : PyObject_IsTrue(res);
    Py_DECREF(res);
    return ok;
}

/* ---- hashing and truth ---- */

Py_hash_t
PyObject_HashNotImplemented(PyObject *v)
{
    PyErr_Format(PyExc_TypeError, "unhashable type: '%.200s'", Py_TYPE(v)->tp_name);
    return -1;
}

Py_hash_t
PyObject_Hash(PyObject *v)
{
    PyTypeObject *tp = Py_TYPE(v);
    if (tp->tp_hash != NULL) {
        return tp->tp_hash(v);
    }
    if (!PyType_HasFeature(tp, Py_TPFLAGS_READY)) {
        if (PyType_Ready(tp) < 0) {
            return -1;
        }
        if (tp->tp_hash != NULL) {
            return tp->tp_hash(v);
        }
    }
    return PyObject_HashNotImplemented(v);
}

int
PyObject_IsTrue(PyObject *v)
{
    Py_ssize_t res;
    if (v == Py_True) {
        return 1;
    }
    if (v == Py_False || v == Py_None) {
        return 0;
    }
    PyTypeObject *tp = Py_TYPE(v);
    if (tp->tp_as_number != NULL && tp->tp_as_number->nb_bool != NULL) {
        res = tp->tp_as_number->nb_bool(v);
    } else if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL) {
        res = tp->tp_as_mapping->mp_length(v);
    } else if (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL) {
        res = tp->tp_as_sequence->sq_length(v);
    } else {
        return 1;
    }
    return res > 0 ? 1 : (int)res;
}

int
PyObject_Not(PyObject *v)
{
    int res = PyObject_IsTrue(v);
    return res < 0 ? res : !res;
}

int
PyCallable_Check(PyObject *x)
{
    return x != NULL && Py_TYPE(x)->tp_call != NULL;
}

PyObject *
PyObject_SelfIter(PyObject *obj)
{
    return Py_NewRef(obj);
}

/* ---- attributes ---- */

static int
check_name(PyObject *name)
{
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                     Py_TYPE(name)->tp_name);
        return -1;
    }
    return 0;
}

/* Records NAME and the object V on a pending AttributeError (once), as CPython 3.11 does so
 * the traceback printer can suggest similar names. */
static void
set_attribute_error_context(PyObject *v, PyObject *name)
{
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return;
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && PyErr_GivenExceptionMatches(value, PyExc_AttributeError)) {
        PyObject *old_name = PyObject_GetAttrString(value, "name");
        PyObject *old_obj = old_name == NULL ? NULL : PyObject_GetAttrString(value, "obj");
        int fresh = old_name == Py_None && old_obj == Py_None;
        Py_XDECREF(old_name);
        Py_XDECREF(old_obj);
        if (PyErr_Occurred()) {
            PyErr_Clear();
        } else if (fresh && (PyObject_SetAttrString(value, "name", name) < 0 ||
                             PyObject_SetAttrString(value, "obj", v) < 0)) {
            PyErr_Clear();
        }
    }
    PyErr_Restore(type, value, tb);
}

PyObject *
PyObject_GetAttr(PyObject *v, PyObject *name)
{
    PyTypeObject *tp = Py_TYPE(v);
    PyObject *res;
    if (check_name(name) < 0) {
        return NULL;
    }
    if (tp->tp_getattro != NULL) {
        res = tp->tp_getattro(v, name);
    } else if (tp->tp_getattr != NULL) {
        const char *s = PyUnicode_AsUTF8(name);
        res = s == NULL ? NULL : tp->tp_getattr(v, (char *)s);
    } else {
        res = pyrs_object_no_attribute(v, name);
    }
    if (res == NULL) {
        set_attribute_error_context(v, name);
    }
    return res;
}

PyObject *
PyObject_GetAttrString(PyObject *v, const char *name)
{
    if (Py_TYPE(v)->tp_getattr != NULL) {
        return Py_TYPE(v)->tp_getattr(v, (char *)name);
    }
    PyObject *w = PyUnicode_FromString(name);
    if (w == NULL) {
        return NULL;
    }
    PyObject *res = PyObject_GetAttr(v, w);
    Py_DECREF(w);
    return res;
}

int
_PyObject_LookupAttr(PyObject *v, PyObject *name, PyObject **result)
{
    if (Py_TYPE(v)->tp_getattro == PyObject_GenericGetAttr && PyUnicode_Check(name)) {
        /* Fast path: no AttributeError object is created for a miss. */
        *result = _PyObject_GenericGetAttrWithDict(v, name, NULL, 1);
        if (*result != NULL) {
            return 1;
        }
        return PyErr_Occurred() ? -1 : 0;
    }
    *result = PyObject_GetAttr(v, name);
    if (*result != NULL) {
        return 1;
    }
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return -1;
    }
    PyErr_Clear();
    return 0;
}

int
PyObject_HasAttr(PyObject *v, PyObject *name)
{
    PyObject *res;
    if (_PyObject_LookupAttr(v, name, &res) < 0) {
        PyErr_Clear();
        return 0;
    }
    if (res == NULL) {
        return 0;
    }
    Py_DECREF(res);
    return 1;
}

int
PyObject_HasAttrString(PyObject *v, const char *name)
{
    PyObject *res = PyObject_GetAttrString(v, name);
    if (res != NULL) {
        Py_DECREF(res);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

int
PyObject_SetAttr(PyObject *v, PyObject *name, PyObject *value)
{
    PyTypeObject *tp = Py_TYPE(v);
    if (check_name(name) < 0) {
        return -1;
    }
    Py_INCREF(name);
    PyUnicode_InternInPlace(&name);
    int err = -1;
    if (tp->tp_setattro != NULL) {
        err = tp->tp_setattro(v, name, value);
    } else if (tp->tp_setattr != NULL) {
        const char *s = PyUnicode_AsUTF8(name);
        err = s == NULL ? -1 : tp->tp_setattr(v, (char *)s, value);
    } else if (tp->tp_getattr == NULL && tp->tp_getattro == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.100s' object has no attributes (%s .%U)", tp->tp_name,
                     value == NULL ? "del" : "assign to", name);
    } else {
        PyErr_Format(PyExc_TypeError, "'%.100s' object has only read-only attributes (%s .%U)",
                     tp->tp_name, value == NULL ? "del" : "assign to", name);
    }
    Py_DECREF(name);
    return err;
}

int
PyObject_SetAttrString(PyObject *v, const char *name, PyObject *value)
{
    PyObject *s = PyUnicode_FromString(name);
    if (s == NULL) {
        return -1;
    }
    int res = PyObject_SetAttr(v, s, value);
    Py_DECREF(s);
    return res;
}

int
PyObject_DelAttr(PyObject *v, PyObject *name)
{
    return PyObject_SetAttr(v, name, NULL);
}

int
PyObject_DelAttrString(PyObject *v, const char *name)
{
    return PyObject_SetAttrString(v, name, NULL);
}

/* A new empty __dict__ for an instance of TP: for heap classes one sharing the class's keys
 * table (CPython's key-sharing instance dicts), else a plain dict. NULL with an exception. */
static PyObject *
new_instance_dict(PyTypeObject *tp)
{
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || tp->tp_dictoffset <= 0) {
        return PyDict_New();
    }
    PyHeapTypeObject *ht = (PyHeapTypeObject *)tp;
    if (ht->ht_cached_keys == NULL && (ht->ht_cached_keys = pyrs_dict_shared_keys_new()) == NULL) {
        return NULL;
    }
    return pyrs_dict_new_split(ht->ht_cached_keys);
}

PyObject **
_PyObject_GetDictPtr(PyObject *obj)
{
    Py_ssize_t off = Py_TYPE(obj)->tp_dictoffset;
    if (off == 0) {
        return NULL;
    }
    if (off < 0) {
        Py_ssize_t size = Py_SIZE(obj);
        size_t total = _PyObject_VAR_SIZE(Py_TYPE(obj), size < 0 ? -size : size);
        off += (Py_ssize_t)total;
    }
    return (PyObject **)((char *)obj + off);
}

PyObject *
_PyObject_GenericGetAttrWithDict(PyObject *obj, PyObject *name, PyObject *dict, int suppress)
{
    PyTypeObject *tp = Py_TYPE(obj);
    PyObject *res = NULL;
    descrgetfunc f = NULL;

    if (!PyUnicode_Check(name)) {
        return check_name(name), NULL;
    }
    Py_INCREF(name);
    if (tp->tp_dict == NULL && PyType_Ready(tp) < 0) {
        goto done;
    }
    PyObject *descr = pyrs_type_lookup(tp, name);
    Py_XINCREF(descr);
    if (descr != NULL) {
        f = Py_TYPE(descr)->tp_descr_get;
        if (f != NULL && Py_TYPE(descr)->tp_descr_set != NULL) {
            res = f(descr, obj, (PyObject *)tp);
            goto done_descr;
        }
    }
    if (dict == NULL) {
        PyObject **dictptr = _PyObject_GetDictPtr(obj);
        dict = dictptr == NULL ? NULL : *dictptr;
    }
    if (dict != NULL) {
        Py_INCREF(dict);
        res = PyDict_GetItemWithError(dict, name);
        Py_XINCREF(res);
        Py_DECREF(dict);
        if (res != NULL || PyErr_Occurred()) {
            goto done_descr;
        }
    }
    if (f != NULL) {
        res = f(descr, obj, (PyObject *)tp);
    } else if (descr != NULL) {
        res = Py_NewRef(descr);
    } else if (!suppress) {
        pyrs_object_no_attribute(obj, name);
    }
done_descr:
    if (res == NULL && suppress && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
    }
    Py_XDECREF(descr);
done:
    Py_DECREF(name);
    return res;
}

PyObject *
PyObject_GenericGetAttr(PyObject *obj, PyObject *name)
{
    return _PyObject_GenericGetAttrWithDict(obj, name, NULL, 0);
}

int
_PyObject_GenericSetAttrWithDict(PyObject *obj, PyObject *name, PyObject *value, PyObject *dict)
{
    PyTypeObject *tp = Py_TYPE(obj);
    int res = -1;

    if (check_name(name) < 0) {
        return -1;
    }
    if (tp->tp_dict == NULL && PyType_Ready(tp) < 0) {
        return -1;
    }
    Py_INCREF(name);
    PyObject *descr = pyrs_type_lookup(tp, name);
    Py_XINCREF(descr);
    if (descr != NULL && Py_TYPE(descr)->tp_descr_set != NULL) {
        res = Py_TYPE(descr)->tp_descr_set(descr, obj, value);
        goto done;
    }
    if (dict == NULL) {
        PyObject **dictptr = _PyObject_GetDictPtr(obj);
        if (dictptr == NULL) {
            if (descr == NULL) {
                PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'",
                             tp->tp_name, name);
            } else {
                PyErr_Format(PyExc_AttributeError, "'%.50s' object attribute '%U' is read-only",
                             tp->tp_name, name);
            }
            goto done;
        }
        if (*dictptr == NULL && value != NULL) {
            *dictptr = new_instance_dict(tp);
            if (*dictptr == NULL) {
                goto done;
            }
        }
        dict = *dictptr;
    }
    if (dict == NULL) {
        pyrs_object_no_attribute(obj, name);
        goto done;
    }
    Py_INCREF(dict);
    if (value == NULL) {
        res = PyDict_DelItem(dict, name);
        if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            if (PyType_Check(obj)) {
                PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'",
                             ((PyTypeObject *)obj)->tp_name, name);
            } else {
                pyrs_object_no_attribute(obj, name);
            }
        }
    } else {
        res = PyDict_SetItem(dict, name, value);
    }
    Py_DECREF(dict);
done:
    Py_XDECREF(descr);
    Py_DECREF(name);
    return res;
}

int
PyObject_GenericSetAttr(PyObject *obj, PyObject *name, PyObject *value)
{
    return _PyObject_GenericSetAttrWithDict(obj, name, value, NULL);
}

PyObject *
PyObject_GenericGetDict(PyObject *obj, void *Py_UNUSED(context))
{
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == NULL) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return NULL;
    }
    if (*dictptr == NULL) {
        *dictptr = new_instance_dict(Py_TYPE(obj));
        if (*dictptr == NULL) {
            return NULL;
        }
    }
    return Py_NewRef(*dictptr);
}

int
PyObject_GenericSetDict(PyObject *obj, PyObject *value, void *Py_UNUSED(context))
{
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == NULL) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_XSETREF(*dictptr, Py_NewRef(value));
    return 0;
}

PyObject *
_PyObject_LookupSpecial(PyObject *self, PyObject *attr)
{
    PyObject *res = pyrs_type_lookup(Py_TYPE(self), attr);
    if (res == NULL) {
        return NULL;
    }
    descrgetfunc f = Py_TYPE(res)->tp_descr_get;
    if (f == NULL) {
        return Py_NewRef(res);
    }
    return f(res, self, (PyObject *)Py_TYPE(self));
}

int
_PyObject_GetMethod(PyObject *obj, PyObject *name, PyObject **method)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (tp->tp_getattro != PyObject_GenericGetAttr || !PyUnicode_Check(name)) {
        *method = PyObject_GetAttr(obj, name);
        return 0;
    }
    PyObject *descr = pyrs_type_lookup(tp, name);
    if (descr != NULL && PyType_HasFeature(Py_TYPE(descr), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        PyObject **dictptr = _PyObject_GetDictPtr(obj);
        PyObject *found = NULL;
        if (dictptr != NULL && *dictptr != NULL) {
            found = PyDict_GetItemWithError(*dictptr, name);
            if (found == NULL && PyErr_Occurred()) {
                *method = NULL;
                return 0;
            }
        }
        if (found == NULL) {
            *method = Py_NewRef(descr);
            return 1;
        }
    }
    *method = PyObject_GetAttr(obj, name);
    return 0;
}

/* ---- dir() ---- */

PyObject *
PyObject_Dir(PyObject *obj)
{
    if (obj == NULL) {
        PyErr_SetString(PyExc_SystemError, "dir() without arguments needs a running frame");
        return NULL;
    }
    int found = 0;
    PyObject *res = pyrs_object_call_special(obj, "__dir__", NULL, 0, &found);
    if (!found) {
        PyErr_SetString(PyExc_TypeError, "object does not provide __dir__");
        return NULL;
    }
    if (res == NULL) {
        return NULL;
    }
    PyObject *list = PySequence_List(res);
    Py_DECREF(res);
    if (list != NULL && PyList_Sort(list) < 0) {
        Py_CLEAR(list);
    }
    return list;
}

/* ---- None ---- */

static PyObject *
none_repr(PyObject *Py_UNUSED(op))
{
    return PyUnicode_FromString("None");
}

static void
singleton_dealloc(PyObject *op)
{
    /* The singletons are static and start with a huge count; reaching zero means a refcount
     * bug somewhere, so resurrect rather than corrupt memory. */
    Py_SET_REFCNT(op, (Py_ssize_t)1 << 40);
}

static int
none_bool(PyObject *Py_UNUSED(v))
{
    return 0;
}

static PyObject *
singleton_new_check(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) || (kwargs != NULL && PyDict_GET_SIZE(kwargs))) {
        PyErr_Format(PyExc_TypeError, "%s takes no arguments", type->tp_name);
        return NULL;
    }
    return NULL;
}

static PyObject *
none_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (singleton_new_check(type, args, kwargs) == NULL && PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyNumberMethods none_as_number = {.nb_bool = none_bool};

PyTypeObject _PyNone_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "NoneType",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = singleton_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = none_new,
};

PyObject _Py_NoneStruct = {(Py_ssize_t)1 << 40, &_PyNone_Type};

/* ---- NotImplemented ---- */

static PyObject *
notimplemented_repr(PyObject *Py_UNUSED(op))
{
    return PyUnicode_FromString("NotImplemented");
}

static PyObject *
notimplemented_reduce(PyObject *Py_UNUSED(op), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("NotImplemented");
}

static int
notimplemented_bool(PyObject *Py_UNUSED(v))
{
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "NotImplemented should not be used in a boolean context", 1) < 0) {
        return -1;
    }
    return 1;
}

static PyObject *
notimplemented_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (singleton_new_check(type, args, kwargs) == NULL && PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyMethodDef notimplemented_methods[] = {
    {"__reduce__", (PyCFunction)notimplemented_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyNumberMethods notimplemented_as_number = {.nb_bool = notimplemented_bool};

PyTypeObject _PyNotImplemented_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = singleton_dealloc,
    .tp_repr = notimplemented_repr,
    .tp_as_number = &notimplemented_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = notimplemented_methods,
    .tp_new = notimplemented_new,
};

PyObject _Py_NotImplementedStruct = {(Py_ssize_t)1 << 40, &_PyNotImplemented_Type};

/* ---- Ellipsis ---- */

static PyObject *
ellipsis_repr(PyObject *Py_UNUSED(op))
{
    return PyUnicode_FromString("Ellipsis");
}

static PyObject *
ellipsis_reduce(PyObject *Py_UNUSED(op), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("Ellipsis");
}

static PyObject *
ellipsis_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (singleton_new_check(type, args, kwargs) == NULL && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(Py_Ellipsis);
}

static PyMethodDef ellipsis_methods[] = {
    {"__reduce__", (PyCFunction)ellipsis_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

PyTypeObject PyEllipsis_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "ellipsis",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = singleton_dealloc,
    .tp_repr = ellipsis_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = ellipsis_methods,
    .tp_new = ellipsis_new,
};

PyObject _Py_EllipsisObject = {(Py_ssize_t)1 << 40, &PyEllipsis_Type};

int
pyrs_object_init(void)
{
    if (PyType_Ready(&_PyNone_Type) < 0 || PyType_Ready(&_PyNotImplemented_Type) < 0 ||
        PyType_Ready(&PyEllipsis_Type) < 0) {
        return -1;
    }
    return 0;
}

PyObject *
_PyObject_NextNotImplemented(PyObject *self)
{
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
    return NULL;
}

void
PyObject_CallFinalizer(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    if (tp->tp_finalize == NULL) {
        return;
    }
    if (_PyType_IS_GC(tp) && PyObject_GC_IsFinalized(self)) {
        return;
    }
    tp->tp_finalize(self);
    if (_PyType_IS_GC(tp)) {
        _Py_AS_GC(self)->_gc_prev |= _PyGC_PREV_MASK_FINALIZED;
    }
}

int
PyObject_CallFinalizerFromDealloc(PyObject *self)
{
    /* Resurrect temporarily so the finalizer may use SELF. */
    Py_SET_REFCNT(self, 1);
    PyObject_CallFinalizer(self);
    if (--self->ob_refcnt == 0) {
        return 0;
    }
    return -1;
}

PyObject *
_PyObject_FunctionStr(PyObject *x)
{
    PyObject *qualname = NULL, *module = NULL, *result = NULL;
    if (_PyObject_LookupAttr(x, pyrs_object_id("__qualname__"), &qualname) < 0) {
        return NULL;
    }
    if (qualname == NULL) {
        return PyObject_Str(x);
    }
    if (_PyObject_LookupAttr(x, pyrs_object_id("__module__"), &module) < 0) {
        goto done;
    }
    if (module != NULL && module != Py_None && PyUnicode_Check(module) &&
        !_PyUnicode_EqualToASCIIString(module, "builtins")) {
        result = PyUnicode_FromFormat("%S.%S()", module, qualname);
    } else {
        result = PyUnicode_FromFormat("%S()", qualname);
    }
done:
    Py_XDECREF(module);
    Py_DECREF(qualname);
    return result;
}

/* ---- _Py_Identifier forms ---- */

PyObject *
_PyObject_GetAttrId(PyObject *v, _Py_Identifier *name)
{
    PyObject *oname = _PyUnicode_FromId(name);
    return oname == NULL ? NULL : PyObject_GetAttr(v, oname);
}

int
_PyObject_SetAttrId(PyObject *v, _Py_Identifier *name, PyObject *w)
{
    PyObject *oname = _PyUnicode_FromId(name);
    return oname == NULL ? -1 : PyObject_SetAttr(v, oname, w);
}

int
_PyObject_LookupAttrId(PyObject *v, _Py_Identifier *name, PyObject **result)
{
    PyObject *oname = _PyUnicode_FromId(name);
    if (oname == NULL) {
        *result = NULL;
        return -1;
    }
    return _PyObject_LookupAttr(v, oname, result);
}

PyObject *
_PyObject_LookupSpecialId(PyObject *self, _Py_Identifier *attrid)
{
    PyObject *oname = _PyUnicode_FromId(attrid);
    return oname == NULL ? NULL : _PyObject_LookupSpecial(self, oname);
}

PyObject *
_PyType_LookupId(PyTypeObject *type, _Py_Identifier *name)
{
    PyObject *oname = _PyUnicode_FromId(name);
    return oname == NULL ? NULL : _PyType_Lookup(type, oname);
}

int
_PyObject_IsFreed(PyObject *Py_UNUSED(op))
{
    return 0;
}

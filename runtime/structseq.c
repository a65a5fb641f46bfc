/* structseq.c: struct sequences (PyStructSequence_*), tuple subclasses whose items are also
 * named attributes, with some fields only reachable by name (os.stat_result, sys.flags, ...).
 * Mirrors CPython 3.11's Objects/structseq.c: the type-dict counts, repr, __reduce__,
 * __match_args__ and the constructor's messages. */
#include "Python.h"
#include "pyrs/object.h"
#include "structmember.h"

const char *const PyStructSequence_UnnamedField = "unnamed field";

/* ---- the counts kept in the type's dict ------------------------------------------------- */

/* The count NAME (an interned literal) stored in TP's dict; 0 when missing. */
static Py_ssize_t
type_count(PyTypeObject *tp, const char *name)
{
    PyObject *key = pyrs_object_id(name);
    PyObject *v = tp->tp_dict != NULL && key != NULL ? PyDict_GetItem(tp->tp_dict, key) : NULL;
    return v != NULL ? PyLong_AsSsize_t(v) : 0;
}

#define VISIBLE_SIZE_TP(tp) type_count((tp), "n_sequence_fields")
#define REAL_SIZE_TP(tp)    type_count((tp), "n_fields")
#define UNNAMED_TP(tp)      type_count((tp), "n_unnamed_fields")

/* ---- instances ------------------------------------------------------------------------- */

PyObject *
PyStructSequence_New(PyTypeObject *type)
{
    Py_ssize_t size = REAL_SIZE_TP(type), vsize = VISIBLE_SIZE_TP(type);
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyStructSequence *obj = PyObject_GC_NewVar(PyStructSequence, type, size);
    if (obj == NULL) {
        return NULL;
    }
    /* the tuple part shows only the visible fields; the rest follow in ob_item */
    Py_SET_SIZE(obj, vsize);
    for (Py_ssize_t i = 0; i < size; i++) {
        obj->ob_item[i] = NULL;
    }
    PyObject_GC_Track(obj);
    return (PyObject *)obj;
}

void
PyStructSequence_SetItem(PyObject *op, Py_ssize_t i, PyObject *v)
{
    PyStructSequence_SET_ITEM(op, i, v);
}

PyObject *
PyStructSequence_GetItem(PyObject *op, Py_ssize_t i)
{
    return PyStructSequence_GET_ITEM(op, i);
}

static int
structseq_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyTypeObject *tp = Py_TYPE(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_VISIT(tp);
    }
    Py_ssize_t size = REAL_SIZE_TP(tp);
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_VISIT(((PyStructSequence *)self)->ob_item[i]);
    }
    return 0;
}

static void
structseq_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_ssize_t size = REAL_SIZE_TP(tp);
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_XDECREF(((PyStructSequence *)self)->ob_item[i]);
    }
    PyObject_GC_Del(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_DECREF(tp);
    }
}

/* Checks the length of the constructor's sequence against the type's field counts. */
static int
check_new_length(PyTypeObject *type, Py_ssize_t len, Py_ssize_t min_len, Py_ssize_t max_len)
{
    if (min_len > len || len > max_len) {
        if (min_len == max_len) {
            PyErr_Format(PyExc_TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)",
                         type->tp_name, min_len, len);
        } else if (len < min_len) {
            PyErr_Format(PyExc_TypeError,
                         "%.500s() takes an at least %zd-sequence (%zd-sequence given)",
                         type->tp_name, min_len, len);
        } else {
            PyErr_Format(PyExc_TypeError,
                         "%.500s() takes an at most %zd-sequence (%zd-sequence given)",
                         type->tp_name, max_len, len);
        }
        return -1;
    }
    return 0;
}

/* structseq(sequence=(), dict={}): the invisible fields come from DICT by name, else None. */
static PyObject *
structseq_new_impl(PyTypeObject *type, PyObject *arg, PyObject *dict)
{
    Py_ssize_t min_len = VISIBLE_SIZE_TP(type), max_len = REAL_SIZE_TP(type);
    Py_ssize_t n_unnamed = UNNAMED_TP(type);
    arg = PySequence_Fast(arg, "constructor requires a sequence");
    if (arg == NULL) {
        return NULL;
    }
    if (dict != NULL && !PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "%.500s() takes a dict as second arg, if any", type->tp_name);
        Py_DECREF(arg);
        return NULL;
    }
    Py_ssize_t len = PySequence_Fast_GET_SIZE(arg);
    if (check_new_length(type, len, min_len, max_len) < 0) {
        Py_DECREF(arg);
        return NULL;
    }
    PyStructSequence *res = (PyStructSequence *)PyStructSequence_New(type);
    if (res == NULL) {
        Py_DECREF(arg);
        return NULL;
    }
    Py_ssize_t i;
    for (i = 0; i < len; i++) {
        res->ob_item[i] = Py_NewRef(PySequence_Fast_GET_ITEM(arg, i));
    }
    Py_DECREF(arg);
    for (; i < max_len; i++) {
        PyObject *ob = NULL;
        if (dict != NULL) {
            ob = PyDict_GetItemString(dict, type->tp_members[i - n_unnamed].name);
        }
        res->ob_item[i] = Py_NewRef(ob != NULL ? ob : Py_None);
    }
    return (PyObject *)res;
}

static PyObject *
structseq_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static const char *const keywords[] = {"sequence", "dict", NULL};
    static struct _PyArg_Parser parser = {NULL, keywords, "structseq", NULL, 0, 0, 0, NULL, NULL};
    PyObject *argsbuf[2] = {NULL, NULL};
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    PyObject *const *fast = _PyArg_UnpackKeywords(&PyTuple_GET_ITEM(args, 0), nargs, kwds, NULL,
                                                  &parser, 1, 2, 0, argsbuf);
    if (fast == NULL) {
        return NULL;
    }
    PyObject *dict = nargs + (kwds != NULL ? PyDict_GET_SIZE(kwds) : 0) > 1 ? fast[1] : NULL;
    return structseq_new_impl(type, fast[0], dict);
}

/* "name(field=value, ...)" over the visible fields. */
static PyObject *
structseq_repr(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject *parts = PyList_New(0);
    if (parts == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        const char *name = tp->tp_members[i].name;
        if (name == NULL) {
            PyErr_Format(PyExc_SystemError,
                         "In structseq_repr(), member %zd name is NULL for type %.500s", i,
                         tp->tp_name);
            goto error;
        }
        PyObject *s = PyUnicode_FromFormat("%s=%R", name, PyTuple_GET_ITEM(self, i));
        if (s == NULL || PyList_Append(parts, s) < 0) {
            Py_XDECREF(s);
            goto error;
        }
        Py_DECREF(s);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *body = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    if (body == NULL) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("%s(%U)", tp->tp_name, body);
    Py_DECREF(body);
    return res;
error:
    Py_DECREF(parts);
    return NULL;
}

/* (type, (visible tuple, {invisible name: value})) */
static PyObject *
structseq_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_ssize_t n_fields = REAL_SIZE_TP(tp), n_visible = Py_SIZE(self);
    Py_ssize_t n_unnamed = UNNAMED_TP(tp);
    PyObject *tup = PyTuple_New(n_visible);
    PyObject *dict = PyDict_New();
    if (tup == NULL || dict == NULL) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n_visible; i++) {
        PyTuple_SET_ITEM(tup, i, Py_NewRef(PyTuple_GET_ITEM(self, i)));
    }
    for (Py_ssize_t i = n_visible; i < n_fields; i++) {
        const char *name = tp->tp_members[i - n_unnamed].name;
        if (PyDict_SetItemString(dict, name, ((PyStructSequence *)self)->ob_item[i]) < 0) {
            goto error;
        }
    }
    PyObject *res = Py_BuildValue("(O(OO))", (PyObject *)tp, tup, dict);
    Py_DECREF(tup);
    Py_DECREF(dict);
    return res;
error:
    Py_XDECREF(tup);
    Py_XDECREF(dict);
    return NULL;
}

static PyMethodDef structseq_methods[] = {
    {"__reduce__", structseq_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- building the type ------------------------------------------------------------------- */

static Py_ssize_t
count_fields(PyStructSequence_Desc *desc, Py_ssize_t *n_unnamed)
{
    Py_ssize_t i;
    *n_unnamed = 0;
    for (i = 0; desc->fields[i].name != NULL; i++) {
        if (desc->fields[i].name == PyStructSequence_UnnamedField) {
            (*n_unnamed)++;
        }
    }
    return i;
}

/* The read-only member table of the named fields (PyMem; kept for the type's life). */
static PyMemberDef *
make_members(PyStructSequence_Desc *desc, Py_ssize_t n_fields, Py_ssize_t n_unnamed)
{
    PyMemberDef *members = PyMem_Malloc(sizeof(PyMemberDef) * (size_t)(n_fields - n_unnamed + 1));
    if (members == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n_fields; i++) {
        if (desc->fields[i].name == PyStructSequence_UnnamedField) {
            continue;
        }
        members[k].name = desc->fields[i].name;
        members[k].type = T_OBJECT;
        members[k].offset =
            (Py_ssize_t)(offsetof(PyStructSequence, ob_item) + (size_t)i * sizeof(PyObject *));
        members[k].flags = READONLY;
        members[k].doc = desc->fields[i].doc;
        k++;
    }
    memset(&members[k], 0, sizeof(PyMemberDef));
    return members;
}

static int
set_count(PyObject *dict, const char *name, Py_ssize_t value)
{
    PyObject *v = PyLong_FromSsize_t(value);
    int r = v != NULL ? PyDict_SetItemString(dict, name, v) : -1;
    Py_XDECREF(v);
    return r;
}

/* n_sequence_fields, n_fields, n_unnamed_fields and __match_args__ in the type's dict. */
static int
init_type_dict(PyTypeObject *type, PyStructSequence_Desc *desc, Py_ssize_t n_fields,
               Py_ssize_t n_unnamed)
{
    PyObject *dict = type->tp_dict;
    if (set_count(dict, "n_sequence_fields", desc->n_in_sequence) < 0 ||
        set_count(dict, "n_fields", n_fields) < 0 ||
        set_count(dict, "n_unnamed_fields", n_unnamed) < 0) {
        return -1;
    }
    PyObject *names = PyList_New(0);
    if (names == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < desc->n_in_sequence; i++) {
        if (desc->fields[i].name == PyStructSequence_UnnamedField) {
            continue;
        }
        PyObject *s = PyUnicode_FromString(desc->fields[i].name);
        if (s == NULL || PyList_Append(names, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(names);
            return -1;
        }
        Py_DECREF(s);
    }
    PyObject *match_args = PyList_AsTuple(names);
    Py_DECREF(names);
    if (match_args == NULL) {
        return -1;
    }
    int r = PyDict_SetItemString(dict, "__match_args__", match_args);
    Py_DECREF(match_args);
    PyType_Modified(type);
    return r;
}

int
_PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc, unsigned long tp_flags)
{
    if (type->tp_flags & Py_TPFLAGS_READY) {
        return 0; /* already initialised (a module imported twice) */
    }
    Py_ssize_t n_unnamed;
    Py_ssize_t n_fields = count_fields(desc, &n_unnamed);
    PyMemberDef *members = make_members(desc, n_fields, n_unnamed);
    if (members == NULL) {
        return -1;
    }
    if (Py_TYPE(type) == NULL) {
        Py_SET_TYPE(type, &PyType_Type);
    }
    if (Py_REFCNT(type) == 0) {
        Py_SET_REFCNT(type, 1);
    }
    type->tp_name = desc->name;
    type->tp_basicsize = (Py_ssize_t)(sizeof(PyStructSequence) - sizeof(PyObject *));
    type->tp_itemsize = sizeof(PyObject *);
    type->tp_dealloc = structseq_dealloc;
    type->tp_repr = structseq_repr;
    type->tp_doc = desc->doc;
    type->tp_base = &PyTuple_Type;
    type->tp_methods = structseq_methods;
    /* sys.flags and sys.version_info: no instances from Python (CPython's flag) */
    type->tp_new = (tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION) ? NULL : structseq_new;
    type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | tp_flags;
    type->tp_traverse = structseq_traverse;
    type->tp_members = members;
    if (PyType_Ready(type) < 0) {
        PyMem_Free(members);
        type->tp_members = NULL;
        return -1;
    }
    return init_type_dict(type, desc, n_fields, n_unnamed);
}

int
PyStructSequence_InitType2(PyTypeObject *type, PyStructSequence_Desc *desc)
{
    return _PyStructSequence_InitType(type, desc, 0);
}

void
PyStructSequence_InitType(PyTypeObject *type, PyStructSequence_Desc *desc)
{
    (void)PyStructSequence_InitType2(type, desc);
}

PyTypeObject *
_PyStructSequence_NewType(PyStructSequence_Desc *desc, unsigned long tp_flags)
{
    Py_ssize_t n_unnamed;
    Py_ssize_t n_fields = count_fields(desc, &n_unnamed);
    PyMemberDef *members = make_members(desc, n_fields, n_unnamed);
    if (members == NULL) {
        return NULL;
    }
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)structseq_dealloc},
        {Py_tp_repr, (void *)structseq_repr},
        {Py_tp_doc, (void *)desc->doc},
        {Py_tp_methods, structseq_methods},
        {Py_tp_new, (void *)structseq_new},
        {Py_tp_traverse, (void *)structseq_traverse},
        {Py_tp_members, members},
        {0, NULL},
    };
    PyType_Spec spec = {
        desc->name,
        (int)(sizeof(PyStructSequence) - sizeof(PyObject *)),
        (int)sizeof(PyObject *),
        (unsigned int)(Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | tp_flags),
        slots,
    };
    PyObject *bases = PyTuple_Pack(1, (PyObject *)&PyTuple_Type);
    if (bases == NULL) {
        PyMem_Free(members);
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)PyType_FromSpecWithBases(&spec, bases);
    Py_DECREF(bases);
    /* the new type holds its own copy of the member table, as in CPython */
    PyMem_Free(members);
    if (type == NULL) {
        return NULL;
    }
    if (init_type_dict(type, desc, n_fields, n_unnamed) < 0) {
        Py_DECREF(type);
        return NULL;
    }
    return type;
}

PyTypeObject *
PyStructSequence_NewType(PyStructSequence_Desc *desc)
{
    return _PyStructSequence_NewType(desc, 0);
}

/* typeobject.c: the type system: `object`, `type` and `super`, PyType_Ready with C3 MRO and
 * slot inheritance, heap types from type(name, bases, dict) and from C specs, the version-tagged
 * method cache, and the slot machinery that connects Python dunders and C slots both ways.
 * Behaviour and error messages follow CPython 3.11's Objects/typeobject.c. */
#include "Python.h"
#include "pyrs/call.h"
#include "pyrs/descr.h"
#include "pyrs/dict.h"
#include "pyrs/lifecycle.h"
#include "pyrs/object.h"
#include "pyrs/type.h"

#define ID(s) pyrs_object_id(s)

static PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds);
static int object_init(PyObject *self, PyObject *args, PyObject *kwds);
static PyObject *type_new(PyTypeObject *metatype, PyObject *args, PyObject *kwds);
static void subtype_dealloc(PyObject *self);
static int slotdefs_init(void);
static int update_all_slots(PyTypeObject *type);

/* ---- the method cache ---- */

#define MCACHE_BITS 12
#define MCACHE_SIZE (1 << MCACHE_BITS)

typedef struct {
    unsigned int version; /* tp_version_tag of the type looked up */
    PyObject *name;       /* the looked-up name (exact str), owned */
    PyObject *value;      /* result, borrowed */
} MCacheEntry;

static MCacheEntry mcache[MCACHE_SIZE];
static unsigned int next_version_tag = 1;

static size_t
mcache_index(unsigned int version, PyObject *name)
{
    return ((size_t)version ^ ((uintptr_t)name >> 3)) & (MCACHE_SIZE - 1);
}

unsigned int
PyType_ClearCache(void)
{
    unsigned int cur = next_version_tag - 1;
    for (size_t i = 0; i < MCACHE_SIZE; i++) {
        mcache[i].version = 0;
        mcache[i].value = NULL;
        Py_CLEAR(mcache[i].name);
    }
    return cur;
}

static void
modified_recursive(PyTypeObject *type)
{
    if (!PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return;
    }
    PyObject *subs = type->tp_subclasses;
    if (subs != NULL) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(subs, &pos, &key, &value)) {
            modified_recursive((PyTypeObject *)PyLong_AsVoidPtr(value));
        }
    }
    type->tp_flags &= ~Py_TPFLAGS_VALID_VERSION_TAG;
    type->tp_version_tag = 0;
}

void
PyType_Modified(PyTypeObject *type)
{
    modified_recursive(type);
}

static int
assign_version_tag(PyTypeObject *type)
{
    if (PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return 1;
    }
    if (!PyType_HasFeature(type, Py_TPFLAGS_READY) || type->tp_mro == NULL) {
        return 0;
    }
    if (next_version_tag == 0) {
        return 0; /* exhausted: lookups stay uncached */
    }
    /* Bases first: PyType_Modified only walks down from types holding a valid tag, so a
     * cached subclass needs every base to hold one too. */
    /* (the bases, not the MRO: a metaclass's mro() may return any order, even one
     * listing the type itself last) */
    PyObject *bases = type->tp_bases;
    for (Py_ssize_t i = 0; bases != NULL && i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        if (!PyType_Check(b) || !assign_version_tag((PyTypeObject *)b)) {
            return 0;
        }
    }
    type->tp_version_tag = next_version_tag++;
    type->tp_flags |= Py_TPFLAGS_VALID_VERSION_TAG | Py_TPFLAGS_HAVE_VERSION_TAG;
    return 1;
}

/* Uncached lookup along the MRO (or the base chain while the MRO is being built). */
static PyObject *
find_name_in_mro(PyTypeObject *type, PyObject *name)
{
    PyObject *mro = type->tp_mro;
    if (mro == NULL) {
        for (PyTypeObject *b = type; b != NULL; b = b->tp_base) {
            if (b->tp_dict != NULL) {
                PyObject *res = PyDict_GetItemWithError(b->tp_dict, name);
                if (res != NULL) {
                    return res;
                }
                PyErr_Clear();
            }
        }
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(mro);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *dict = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
        if (dict == NULL) {
            continue;
        }
        PyObject *res = PyDict_GetItemWithError(dict, name);
        if (res != NULL) {
            return res;
        }
        if (PyErr_Occurred()) {
            PyErr_Clear();
        }
    }
    return NULL;
}

PyObject *
pyrs_type_lookup(PyTypeObject *type, PyObject *name)
{
    int cacheable = PyUnicode_CheckExact(name) && assign_version_tag(type);
    if (cacheable) {
        MCacheEntry *e = &mcache[mcache_index(type->tp_version_tag, name)];
        if (e->version == type->tp_version_tag && e->name == name) {
            return e->value;
        }
    }
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyObject *res = find_name_in_mro(type, name);
    PyErr_Restore(et, ev, tb);
    if (cacheable && PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        /* The entry owns NAME so its address cannot be reused by another string. */
        MCacheEntry *e = &mcache[mcache_index(type->tp_version_tag, name)];
        e->version = type->tp_version_tag;
        Py_INCREF(name);
        Py_XSETREF(e->name, name);
        e->value = res;
    }
    return res;
}

PyObject *
_PyType_Lookup(PyTypeObject *type, PyObject *name)
{
    return pyrs_type_lookup(type, name);
}

/* ---- subtype relation ---- */

int
PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b)
{
    PyObject *mro = a->tp_mro;
    if (mro != NULL && PyTuple_Check(mro)) {
        Py_ssize_t n = PyTuple_GET_SIZE(mro);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (PyTuple_GET_ITEM(mro, i) == (PyObject *)b) {
                return 1;
            }
        }
        return 0;
    }
    do {
        if (a == b) {
            return 1;
        }
        a = a->tp_base;
    } while (a != NULL);
    return b == &PyBaseObject_Type;
}

unsigned long
PyType_GetFlags(PyTypeObject *type)
{
    return type->tp_flags;
}

const char *
_PyType_Name(PyTypeObject *type)
{
    const char *s = strrchr(type->tp_name, '.');
    return s == NULL ? type->tp_name : s + 1;
}

PyObject *
_PyType_GetDict(PyTypeObject *type)
{
    return type->tp_dict;
}

PyObject *
PyType_GetName(PyTypeObject *type)
{
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        return Py_NewRef(((PyHeapTypeObject *)type)->ht_name);
    }
    return PyUnicode_FromString(_PyType_Name(type));
}

PyObject *
PyType_GetQualName(PyTypeObject *type)
{
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        return Py_NewRef(((PyHeapTypeObject *)type)->ht_qualname);
    }
    return PyUnicode_FromString(_PyType_Name(type));
}

/* ---- subclass registry: tp_subclasses maps id(sub) -> id(sub) as ints ---- */

static int
add_subclass(PyTypeObject *base, PyTypeObject *type)
{
    if (base->tp_subclasses == NULL) {
        base->tp_subclasses = PyDict_New();
        if (base->tp_subclasses == NULL) {
            return -1;
        }
    }
    PyObject *key = PyLong_FromVoidPtr(type);
    if (key == NULL) {
        return -1;
    }
    int res = PyDict_SetItem(base->tp_subclasses, key, key);
    Py_DECREF(key);
    return res;
}

static void
remove_subclass(PyTypeObject *base, PyTypeObject *type)
{
    if (base->tp_subclasses == NULL) {
        return;
    }
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyObject *key = PyLong_FromVoidPtr(type);
    if (key == NULL || PyDict_DelItem(base->tp_subclasses, key) < 0) {
        PyErr_Clear();
    }
    Py_XDECREF(key);
    PyErr_Restore(et, ev, tb);
}

static void
remove_all_subclasses(PyTypeObject *type, PyObject *bases)
{
    if (bases == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        if (PyType_Check(b)) {
            remove_subclass((PyTypeObject *)b, type);
        }
    }
}

static PyObject *
type_subclasses(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyTypeObject *type = (PyTypeObject *)self;
    PyObject *list = PyList_New(0);
    if (list == NULL || type->tp_subclasses == NULL) {
        return list;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(type->tp_subclasses, &pos, &key, &value)) {
        if (PyList_Append(list, (PyObject *)PyLong_AsVoidPtr(value)) < 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

/* ---- C3 linearisation ---- */

static int
tail_contains(PyObject *list, Py_ssize_t whence, PyObject *o)
{
    for (Py_ssize_t j = whence + 1; j < PyList_GET_SIZE(list); j++) {
        if (PyList_GET_ITEM(list, j) == o) {
            return 1;
        }
    }
    return 0;
}

static PyObject *
class_name(PyObject *cls)
{
    PyObject *name = PyObject_GetAttr(cls, ID("__name__"));
    if (name == NULL) {
        PyErr_Clear();
        name = PyObject_Repr(cls);
    }
    return name;
}

/* Raises the "Cannot create a consistent method resolution order (MRO)" TypeError naming the
 * heads that could not be placed, in CPython's order. */
static void
set_mro_error(PyObject **to_merge, Py_ssize_t to_merge_size, Py_ssize_t *remain)
{
    PyObject *set = PyDict_New();
    PyObject *names = PyList_New(0);
    if (set == NULL || names == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < to_merge_size; i++) {
        PyObject *L = to_merge[i];
        if (remain[i] < PyList_GET_SIZE(L)) {
            PyObject *c = PyList_GET_ITEM(L, remain[i]);
            if (PyDict_Contains(set, c)) {
                continue;
            }
            if (PyDict_SetItem(set, c, Py_None) < 0) {
                goto done;
            }
            PyObject *name = class_name(c);
            if (name == NULL || PyList_Append(names, name) < 0) {
                Py_XDECREF(name);
                goto done;
            }
            Py_DECREF(name);
        }
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep == NULL ? NULL : PyUnicode_Join(sep, names);
    Py_XDECREF(sep);
    if (joined != NULL) {
        PyErr_Format(PyExc_TypeError,
                     "Cannot create a consistent method resolution\norder (MRO) for bases %U",
                     joined);
        Py_DECREF(joined);
    }
done:
    Py_XDECREF(set);
    Py_XDECREF(names);
}

static int
pmerge(PyObject *acc, PyObject **to_merge, Py_ssize_t to_merge_size)
{
    Py_ssize_t *remain = PyMem_Calloc((size_t)to_merge_size + 1, sizeof(Py_ssize_t));
    if (remain == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int res = 0;
    int empty_cnt;
again:
    empty_cnt = 0;
    for (Py_ssize_t i = 0; i < to_merge_size; i++) {
        PyObject *cur_list = to_merge[i];
        if (remain[i] >= PyList_GET_SIZE(cur_list)) {
            empty_cnt++;
            continue;
        }
        PyObject *candidate = PyList_GET_ITEM(cur_list, remain[i]);
        int in_tail = 0;
        for (Py_ssize_t j = 0; j < to_merge_size; j++) {
            if (tail_contains(to_merge[j], remain[j], candidate)) {
                in_tail = 1;
                break;
            }
        }
        if (in_tail) {
            continue;
        }
        if (PyList_Append(acc, candidate) < 0) {
            res = -1;
            goto out;
        }
        for (Py_ssize_t j = 0; j < to_merge_size; j++) {
            if (remain[j] < PyList_GET_SIZE(to_merge[j]) &&
                PyList_GET_ITEM(to_merge[j], remain[j]) == candidate) {
                remain[j]++;
            }
        }
        goto again;
    }
    if (empty_cnt != to_merge_size) {
        set_mro_error(to_merge, to_merge_size, remain);
        res = -1;
    }
out:
    PyMem_Free(remain);
    return res;
}

static int
check_duplicates(PyObject *tuple)
{
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyTuple_GET_ITEM(tuple, i);
        for (Py_ssize_t j = i + 1; j < n; j++) {
            if (PyTuple_GET_ITEM(tuple, j) == o) {
                PyObject *name = class_name(o);
                if (name != NULL) {
                    PyErr_Format(PyExc_TypeError, "duplicate base class %U", name);
                    Py_DECREF(name);
                }
                return -1;
            }
        }
    }
    return 0;
}

static PyObject *
mro_implementation(PyTypeObject *type)
{
    PyObject *bases = type->tp_bases;
    Py_ssize_t n = PyTuple_GET_SIZE(bases);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(bases, i);
        if (base->tp_mro == NULL) {
            PyErr_Format(PyExc_TypeError, "Cannot extend an incomplete type '%.100s'",
                         base->tp_name);
            return NULL;
        }
    }
    if (n == 1) {
        PyObject *base_mro = ((PyTypeObject *)PyTuple_GET_ITEM(bases, 0))->tp_mro;
        Py_ssize_t k = PyTuple_GET_SIZE(base_mro);
        PyObject *result = PyTuple_New(k + 1);
        if (result == NULL) {
            return NULL;
        }
        PyTuple_SET_ITEM(result, 0, Py_NewRef((PyObject *)type));
        for (Py_ssize_t i = 0; i < k; i++) {
            PyTuple_SET_ITEM(result, i + 1, Py_NewRef(PyTuple_GET_ITEM(base_mro, i)));
        }
        return result;
    }
    if (check_duplicates(bases) < 0) {
        return NULL;
    }
    PyObject **to_merge = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n + 1));
    if (to_merge == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *result = NULL;
    Py_ssize_t made = 0;
    for (; made < n; made++) {
        to_merge[made] = PySequence_List(((PyTypeObject *)PyTuple_GET_ITEM(bases, made))->tp_mro);
        if (to_merge[made] == NULL) {
            goto out;
        }
    }
    to_merge[n] = PySequence_List(bases);
    if (to_merge[n] == NULL) {
        goto out;
    }
    made = n + 1;
    result = PyList_New(1);
    if (result == NULL) {
        goto out;
    }
    PyList_SET_ITEM(result, 0, Py_NewRef((PyObject *)type));
    if (pmerge(result, to_merge, n + 1) < 0) {
        Py_CLEAR(result);
    }
out:
    for (Py_ssize_t i = 0; i < made; i++) {
        Py_DECREF(to_merge[i]);
    }
    PyMem_Free(to_merge);
    if (result != NULL) {
        Py_SETREF(result, PyList_AsTuple(result));
    }
    return result;
}

static PyObject *
type_mro_method(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *seq = mro_implementation((PyTypeObject *)self);
    if (seq == NULL) {
        return NULL;
    }
    PyObject *list = PySequence_List(seq);
    Py_DECREF(seq);
    return list;
}

/* Calls METH, the mro found on the metatype of TYPE, bound to TYPE (looked up on the
 * metatype only, as CPython does, so a metaclass deriving from type is not confused with the
 * class's own attributes). New reference or NULL. */
static PyObject *
call_meta_mro(PyObject *meth, PyTypeObject *type)
{
    PyObject *res;
    Py_INCREF(meth);
    descrgetfunc get = Py_TYPE(meth)->tp_descr_get;
    if (get == NULL) {
        res = PyObject_CallNoArgs(meth);
    } else {
        PyObject *bound = get(meth, (PyObject *)type, (PyObject *)Py_TYPE(type));
        res = bound == NULL ? NULL : PyObject_CallNoArgs(bound);
        Py_XDECREF(bound);
    }
    Py_DECREF(meth);
    return res;
}

static PyTypeObject *solid_base(PyTypeObject *type);

/* Computes tp_mro, honouring a metaclass that overrides mro(). */
static int
mro_internal(PyTypeObject *type)
{
    PyObject *mro;
    if (Py_IS_TYPE(type, &PyType_Type) || Py_TYPE(type) == NULL) {
        mro = mro_implementation(type);
    } else {
        PyObject *meth = pyrs_type_lookup(Py_TYPE(type), ID("mro"));
        PyObject *res = meth == NULL ? NULL : call_meta_mro(meth, type);
        if (meth == NULL) {
            mro = mro_implementation(type);
        } else if (res == NULL) {
            return -1;
        } else {
            mro = PySequence_Tuple(res);
            Py_DECREF(res);
            if (mro != NULL) {
                for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
                    PyObject *c = PyTuple_GET_ITEM(mro, i);
                    if (!PyType_Check(c)) {
                        PyErr_Format(PyExc_TypeError, "mro() returned a non-class ('%.500s')",
                                     Py_TYPE(c)->tp_name);
                        Py_CLEAR(mro);
                        break;
                    }
                    /* an instance must have the layout of every class in its MRO */
                    if (!PyType_IsSubtype(solid_base(type), solid_base((PyTypeObject *)c))) {
                        PyErr_Format(PyExc_TypeError,
                                     "mro() returned base with unsuitable layout ('%.500s')",
                                     ((PyTypeObject *)c)->tp_name);
                        Py_CLEAR(mro);
                        break;
                    }
                }
            }
        }
    }
    if (mro == NULL) {
        return -1;
    }
    Py_XSETREF(type->tp_mro, mro);
    PyType_Modified(type);
    return 0;
}

/* ---- slot inheritance ---- */

static int
dict_has(PyObject *dict, const char *name)
{
    PyObject *id = ID(name);
    return id != NULL && dict != NULL && PyDict_GetItemWithError(dict, id) != NULL;
}

static void
inherit_special(PyTypeObject *type, PyTypeObject *base)
{
    if (!(type->tp_flags & Py_TPFLAGS_HAVE_GC) && (base->tp_flags & Py_TPFLAGS_HAVE_GC) &&
        type->tp_traverse == NULL && type->tp_clear == NULL) {
        type->tp_flags |= Py_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    if (type->tp_basicsize == 0) {
        type->tp_basicsize = base->tp_basicsize;
    }
    if (type->tp_itemsize == 0) {
        type->tp_itemsize = base->tp_itemsize;
    }
    if (type->tp_weaklistoffset == 0) {
        type->tp_weaklistoffset = base->tp_weaklistoffset;
    }
    if (type->tp_dictoffset == 0) {
        type->tp_dictoffset = base->tp_dictoffset;
    }
    static const unsigned long subclass_flags[] = {
        Py_TPFLAGS_LONG_SUBCLASS,     Py_TPFLAGS_LIST_SUBCLASS,    Py_TPFLAGS_TUPLE_SUBCLASS,
        Py_TPFLAGS_BYTES_SUBCLASS,    Py_TPFLAGS_UNICODE_SUBCLASS, Py_TPFLAGS_DICT_SUBCLASS,
        Py_TPFLAGS_BASE_EXC_SUBCLASS, Py_TPFLAGS_TYPE_SUBCLASS,
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(subclass_flags); i++) {
        type->tp_flags |= base->tp_flags & subclass_flags[i];
    }
    if (PyType_IsSubtype(base, &PyType_Type)) {
        type->tp_flags |= Py_TPFLAGS_TYPE_SUBCLASS;
    }
    /* As in CPython, a static type straight under object without tp_new (an iterator, a
     * view) cannot be instantiated from Python; one with its own tp_init still can. */
    if (type->tp_new == NULL && base == &PyBaseObject_Type && type->tp_init == NULL &&
        !(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        type->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
    }
    if (type->tp_new == NULL && !(type->tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION) &&
        base == type->tp_base) {
        type->tp_new = base->tp_new;
    }
}

#define COPY(field)                                                                                \
    do {                                                                                           \
        if (type->field == NULL && base->field != NULL) {                                          \
            type->field = base->field;                                                             \
        }                                                                                          \
    } while (0)
#define COPYSUB(sub, field)                                                                        \
    do {                                                                                           \
        if (type->sub->field == NULL) {                                                            \
            type->sub->field = base->sub->field;                                                   \
        }                                                                                          \
    } while (0)

static void
inherit_number(PyTypeObject *type, PyTypeObject *base)
{
    if (type->tp_as_number == NULL || base->tp_as_number == NULL ||
        type->tp_as_number == base->tp_as_number) {
        return;
    }
    /* The struct is all function pointers: copy every NULL entry from the base. */
    void **dst = (void **)type->tp_as_number;
    void *const *src = (void *const *)base->tp_as_number;
    for (size_t i = 0; i < sizeof(PyNumberMethods) / sizeof(void *); i++) {
        if (dst[i] == NULL) {
            dst[i] = src[i];
        }
    }
}

static void
inherit_table(void *dstp, const void *srcp, size_t size)
{
    if (dstp == NULL || srcp == NULL || dstp == srcp) {
        return;
    }
    void **dst = dstp;
    void *const *src = srcp;
    for (size_t i = 0; i < size / sizeof(void *); i++) {
        if (dst[i] == NULL) {
            dst[i] = src[i];
        }
    }
}

static void
inherit_slots(PyTypeObject *type, PyTypeObject *base)
{
    inherit_number(type, base);
    inherit_table(type->tp_as_async, base->tp_as_async, sizeof(PyAsyncMethods));
    inherit_table(type->tp_as_sequence, base->tp_as_sequence, sizeof(PySequenceMethods));
    inherit_table(type->tp_as_mapping, base->tp_as_mapping, sizeof(PyMappingMethods));
    inherit_table(type->tp_as_buffer, base->tp_as_buffer, sizeof(PyBufferProcs));
    COPY(tp_dealloc);
    if (type->tp_getattr == NULL && type->tp_getattro == NULL) {
        type->tp_getattr = base->tp_getattr;
        type->tp_getattro = base->tp_getattro;
    }
    if (type->tp_setattr == NULL && type->tp_setattro == NULL) {
        type->tp_setattr = base->tp_setattr;
        type->tp_setattro = base->tp_setattro;
    }
    COPY(tp_repr);
    COPY(tp_call);
    COPY(tp_str);
    if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
        int overrides = dict_has(type->tp_dict, "__eq__") || dict_has(type->tp_dict, "__hash__");
        if (PyErr_Occurred()) {
            PyErr_Clear();
        }
        if (!overrides) {
            type->tp_richcompare = base->tp_richcompare;
            type->tp_hash = base->tp_hash;
        }
    }
    COPY(tp_iter);
    COPY(tp_iternext);
    if (type->tp_descr_get == NULL && base->tp_descr_get != NULL) {
        type->tp_descr_get = base->tp_descr_get;
        if (base->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR) {
            type->tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
        }
    }
    COPY(tp_descr_set);
    COPY(tp_init);
    COPY(tp_alloc);
    COPY(tp_is_gc);
    COPY(tp_finalize);
    if (type->tp_call == base->tp_call && !(type->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
        (base->tp_flags & Py_TPFLAGS_HAVE_VECTORCALL) && type->tp_vectorcall_offset == 0) {
        type->tp_vectorcall_offset = base->tp_vectorcall_offset;
        type->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
    }
    if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) == (base->tp_flags & Py_TPFLAGS_HAVE_GC)) {
        COPY(tp_free);
    } else if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_free == NULL &&
               base->tp_free == PyObject_Free) {
        type->tp_free = PyObject_GC_Del;
    }
}

static void
inherit_as_structs(PyTypeObject *type, PyTypeObject *base)
{
    if (type->tp_as_async == NULL) {
        type->tp_as_async = base->tp_as_async;
    }
    if (type->tp_as_number == NULL) {
        type->tp_as_number = base->tp_as_number;
    }
    if (type->tp_as_sequence == NULL) {
        type->tp_as_sequence = base->tp_as_sequence;
    }
    if (type->tp_as_mapping == NULL) {
        type->tp_as_mapping = base->tp_as_mapping;
    }
    if (type->tp_as_buffer == NULL) {
        type->tp_as_buffer = base->tp_as_buffer;
    }
}

/* ---- filling a type's dict from its C tables ---- */

static int
add_methods(PyTypeObject *type, PyMethodDef *meth)
{
    PyObject *dict = type->tp_dict;
    for (; meth != NULL && meth->ml_name != NULL; meth++) {
        PyObject *name = PyUnicode_InternFromString(meth->ml_name);
        if (name == NULL) {
            return -1;
        }
        int has = PyDict_Contains(dict, name);
        if (has < 0 || (has && !(meth->ml_flags & METH_COEXIST))) {
            Py_DECREF(name);
            if (has < 0) {
                return -1;
            }
            continue;
        }
        PyObject *descr;
        if (meth->ml_flags & METH_CLASS) {
            if (meth->ml_flags & METH_STATIC) {
                Py_DECREF(name);
                PyErr_SetString(PyExc_ValueError, "method cannot be both class and static");
                return -1;
            }
            descr = PyDescr_NewClassMethod(type, meth);
        } else if (meth->ml_flags & METH_STATIC) {
            PyObject *cfunc = PyCFunction_NewEx(meth, (PyObject *)type, NULL);
            descr = cfunc == NULL ? NULL : PyStaticMethod_New(cfunc);
            Py_XDECREF(cfunc);
        } else {
            descr = PyDescr_NewMethod(type, meth);
        }
        int err = descr == NULL ? -1 : PyDict_SetItem(dict, name, descr);
        Py_XDECREF(descr);
        Py_DECREF(name);
        if (err < 0) {
            return -1;
        }
    }
    return 0;
}

static int
add_members(PyTypeObject *type, PyMemberDef *memb)
{
    for (; memb != NULL && memb->name != NULL; memb++) {
        PyObject *descr = PyDescr_NewMember(type, memb);
        if (descr == NULL) {
            return -1;
        }
        int err = PyDict_SetDefault(type->tp_dict, PyDescr_NAME(descr), descr) == NULL;
        Py_DECREF(descr);
        if (err) {
            return -1;
        }
    }
    return 0;
}

static int
add_getset(PyTypeObject *type, PyGetSetDef *gsp)
{
    for (; gsp != NULL && gsp->name != NULL; gsp++) {
        PyObject *descr = PyDescr_NewGetSet(type, gsp);
        if (descr == NULL) {
            return -1;
        }
        int err = PyDict_SetDefault(type->tp_dict, PyDescr_NAME(descr), descr) == NULL;
        Py_DECREF(descr);
        if (err) {
            return -1;
        }
    }
    return 0;
}

/* The doc text after a "name(sig)\n--\n\n" signature prefix, or DOC itself. */
static const char *
skip_signature(const char *doc, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot != NULL) {
        name = dot + 1;
    }
    size_t n = strlen(name);
    if (strncmp(doc, name, n) != 0 || doc[n] != '(') {
        return doc;
    }
    const char *end = strstr(doc, ")\n--\n\n");
    return end == NULL ? doc : end + 6;
}

static int
set_doc(PyTypeObject *type)
{
    PyObject *key = ID("__doc__");
    if (key == NULL) {
        return -1;
    }
    int has = PyDict_Contains(type->tp_dict, key);
    if (has != 0) {
        return has < 0 ? -1 : 0;
    }
    PyObject *doc;
    if (type->tp_doc != NULL && !(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        doc = PyUnicode_FromString(skip_signature(type->tp_doc, type->tp_name));
        if (doc == NULL) {
            return -1;
        }
    } else {
        doc = Py_NewRef(Py_None);
    }
    int err = PyDict_SetItem(type->tp_dict, key, doc);
    Py_DECREF(doc);
    return err;
}

static PyObject *tp_new_wrapper(PyObject *self, PyObject *args, PyObject *kwds);

static PyMethodDef tp_new_methoddef[] = {
    {"__new__", (PyCFunction)(void (*)(void))tp_new_wrapper, METH_VARARGS | METH_KEYWORDS,
     "__new__($type, *args, **kwargs)\n--\n\n"
     "Create and return a new object.  See help(type) for accurate signature."},
    {NULL, NULL, 0, NULL},
};

static int
add_tp_new_wrapper(PyTypeObject *type)
{
    PyObject *key = ID("__new__");
    if (key == NULL) {
        return -1;
    }
    int has = PyDict_Contains(type->tp_dict, key);
    if (has != 0) {
        return has < 0 ? -1 : 0;
    }
    PyObject *func = PyCFunction_NewEx(tp_new_methoddef, (PyObject *)type, NULL);
    if (func == NULL) {
        return -1;
    }
    int err = PyDict_SetItem(type->tp_dict, key, func);
    Py_DECREF(func);
    return err;
}

/* ---- PyType_Ready ---- */

static int
ready_bases(PyTypeObject *type)
{
    PyTypeObject *base = type->tp_base;
    if (base == NULL && type != &PyBaseObject_Type) {
        base = &PyBaseObject_Type;
        if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
            Py_INCREF(base);
        }
        type->tp_base = base;
    }
    if (base != NULL && !(base->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(base) < 0) {
        return -1;
    }
    if (Py_TYPE(type) == NULL && base != NULL) {
        Py_SET_TYPE(type, Py_TYPE(base));
    }
    if (type->tp_bases == NULL) {
        type->tp_bases = base == NULL ? PyTuple_New(0) : PyTuple_Pack(1, (PyObject *)base);
        if (type->tp_bases == NULL) {
            return -1;
        }
    }
    return 0;
}

static int
ready_fill_dict(PyTypeObject *type)
{
    if (type->tp_dict == NULL) {
        type->tp_dict = PyDict_New();
        if (type->tp_dict == NULL) {
            return -1;
        }
    }
    if (pyrs_type_add_operators(type, type->tp_dict) < 0) {
        return -1;
    }
    if (type->tp_new != NULL && add_tp_new_wrapper(type) < 0) {
        return -1;
    }
    if (add_methods(type, type->tp_methods) < 0 || add_members(type, type->tp_members) < 0 ||
        add_getset(type, type->tp_getset) < 0) {
        return -1;
    }
    return set_doc(type);
}

static int
ready_inherit(PyTypeObject *type)
{
    PyTypeObject *base = type->tp_base;
    if (base != NULL) {
        inherit_special(type, base);
    }
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *b = PyTuple_GET_ITEM(mro, i);
        if (PyType_Check(b)) {
            inherit_slots(type, (PyTypeObject *)b);
            /* pattern matching: a sequence or a mapping like the first class of its MRO
             * that is one, unless it says */
            if ((type->tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING)) == 0) {
                type->tp_flags |=
                    ((PyTypeObject *)b)->tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING);
            }
        }
    }
    if (base != NULL) {
        inherit_as_structs(type, base);
    }
    if (type->tp_free == NULL) {
        type->tp_free = (type->tp_flags & Py_TPFLAGS_HAVE_GC) ? PyObject_GC_Del : PyObject_Free;
    }
    return 0;
}

static int
ready_set_hash(PyTypeObject *type)
{
    if (type->tp_hash != NULL) {
        return 0;
    }
    PyObject *key = ID("__hash__");
    if (key == NULL) {
        return -1;
    }
    int has = PyDict_Contains(type->tp_dict, key);
    if (has != 0) {
        return has < 0 ? -1 : 0;
    }
    if (PyDict_SetItem(type->tp_dict, key, Py_None) < 0) {
        return -1;
    }
    type->tp_hash = PyObject_HashNotImplemented;
    return 0;
}

static int
ready_add_subclasses(PyTypeObject *type)
{
    PyObject *bases = type->tp_bases;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        if (PyType_Check(b) && add_subclass((PyTypeObject *)b, type) < 0) {
            return -1;
        }
    }
    return 0;
}

int
PyType_Ready(PyTypeObject *type)
{
    if (type->tp_flags & Py_TPFLAGS_READY) {
        return 0;
    }
    if (type->tp_name == NULL) {
        PyErr_SetString(PyExc_SystemError, "Type does not define the tp_name field.");
        return -1;
    }
    if (slotdefs_init() < 0) {
        return -1;
    }
    type->tp_flags |= Py_TPFLAGS_READYING;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        type->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
    }
    if (ready_bases(type) < 0 || ready_fill_dict(type) < 0 || mro_internal(type) < 0 ||
        ready_inherit(type) < 0 || ready_set_hash(type) < 0 || ready_add_subclasses(type) < 0) {
        type->tp_flags &= ~Py_TPFLAGS_READYING;
        return -1;
    }
    type->tp_flags = (type->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
    return 0;
}

/* ---- allocation ---- */

PyObject *
PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems)
{
    /* One spare item, as CPython, so var-sized objects can keep a sentinel. */
    size_t size = _PyObject_VAR_SIZE(type, nitems + 1);
    PyObject *obj;
    if (_PyType_IS_GC(type)) {
        obj = (PyObject *)_PyObject_GC_NewVar(type, nitems + 1);
        if (obj == NULL) {
            return NULL;
        }
    } else {
        obj = PyObject_Malloc(size);
        if (obj == NULL) {
            return PyErr_NoMemory();
        }
        PyObject_Init(obj, type);
    }
    memset((char *)obj + sizeof(PyObject), 0, size - sizeof(PyObject));
    if (type->tp_itemsize != 0) {
        Py_SET_SIZE(obj, nitems);
    }
    if (_PyType_IS_GC(type)) {
        PyObject_GC_Track(obj);
    }
    return obj;
}

PyObject *
PyType_GenericNew(PyTypeObject *type, PyObject *Py_UNUSED(args), PyObject *Py_UNUSED(kwds))
{
    return type->tp_alloc(type, 0);
}

/* ---- calling dunders from C slots ---- */

typedef void (*anyfunc)(void);

/* The dunder NAME of type(self), bound if it is a plain descriptor. *UNBOUND is set to 1 when
 * the result is a method descriptor to be called with self first. New reference; NULL without
 * an exception when missing, or with one when binding failed. */
static PyObject *
lookup_maybe_method(PyObject *self, PyObject *name, int *unbound)
{
    PyObject *res = pyrs_type_lookup(Py_TYPE(self), name);
    if (res == NULL) {
        return NULL;
    }
    if (PyType_HasFeature(Py_TYPE(res), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        *unbound = 1;
        return Py_NewRef(res);
    }
    *unbound = 0;
    descrgetfunc f = Py_TYPE(res)->tp_descr_get;
    if (f == NULL) {
        return Py_NewRef(res);
    }
    return f(res, self, (PyObject *)Py_TYPE(self));
}

/* Calls FUNC with ARGS[0..NARGS) where ARGS[0] is self (dropped when already bound). */
static PyObject *
call_unbound(int unbound, PyObject *func, PyObject *const *args, Py_ssize_t nargs)
{
    if (unbound) {
        return PyObject_Vectorcall(func, args, (size_t)nargs, NULL);
    }
    return PyObject_Vectorcall(func, args + 1, (size_t)(nargs - 1), NULL);
}

/* Calls type(args[0]).NAME(*args); AttributeError when missing. */
static PyObject *
vectorcall_method(const char *name, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *id = ID(name);
    if (id == NULL) {
        return NULL;
    }
    int unbound;
    PyObject *func = lookup_maybe_method(args[0], id, &unbound);
    if (func == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_AttributeError, id);
        }
        return NULL;
    }
    PyObject *res = call_unbound(unbound, func, args, nargs);
    Py_DECREF(func);
    return res;
}

/* Like vectorcall_method but NotImplemented when the method is missing. */
static PyObject *
vectorcall_maybe(const char *name, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *id = ID(name);
    if (id == NULL) {
        return NULL;
    }
    int unbound;
    PyObject *func = lookup_maybe_method(args[0], id, &unbound);
    if (func == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *res = call_unbound(unbound, func, args, nargs);
    Py_DECREF(func);
    return res;
}

static PyObject *
call_method1(const char *name, PyObject *self)
{
    PyObject *stack[1] = {self};
    return vectorcall_method(name, stack, 1);
}

static PyObject *
call_method2(const char *name, PyObject *self, PyObject *a)
{
    PyObject *stack[2] = {self, a};
    return vectorcall_method(name, stack, 2);
}

static PyObject *
call_method3(const char *name, PyObject *self, PyObject *a, PyObject *b)
{
    PyObject *stack[3] = {self, a, b};
    return vectorcall_method(name, stack, 3);
}

/* ---- slot functions installed for Python-level dunders ---- */

static anyfunc
number_slot(PyTypeObject *tp, size_t off)
{
    if (tp->tp_as_number == NULL) {
        return NULL;
    }
    return *(anyfunc *)((char *)tp->tp_as_number + off);
}

static int
method_is_overloaded(PyObject *left, PyObject *right, const char *name)
{
    PyObject *id = ID(name);
    if (id == NULL) {
        return -1;
    }
    return pyrs_type_lookup(Py_TYPE(right), id) != pyrs_type_lookup(Py_TYPE(left), id);
}

/* CPython's binary-operator protocol for a class slot: the reflected method of a subclass
 * operand wins when it overrides it; NotImplemented falls through to the other side. */
static PyObject *
slot_binop(PyObject *self, PyObject *other, size_t off, anyfunc testfunc, const char *op,
           const char *rop)
{
    PyObject *stack[2];
    PyObject *r;
    int do_other =
        !Py_IS_TYPE(self, Py_TYPE(other)) && number_slot(Py_TYPE(other), off) == testfunc;
    if (number_slot(Py_TYPE(self), off) == testfunc) {
        if (do_other && PyType_IsSubtype(Py_TYPE(other), Py_TYPE(self))) {
            int ok = method_is_overloaded(self, other, rop);
            if (ok < 0) {
                return NULL;
            }
            if (ok) {
                stack[0] = other;
                stack[1] = self;
                r = vectorcall_maybe(rop, stack, 2);
                if (r != Py_NotImplemented) {
                    return r;
                }
                Py_DECREF(r);
                do_other = 0;
            }
        }
        stack[0] = self;
        stack[1] = other;
        r = vectorcall_maybe(op, stack, 2);
        if (r != Py_NotImplemented || Py_IS_TYPE(other, Py_TYPE(self))) {
            return r;
        }
        Py_DECREF(r);
    }
    if (do_other) {
        stack[0] = other;
        stack[1] = self;
        return vectorcall_maybe(rop, stack, 2);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

#define SLOT_BINOP(NAME, OP, ROP)                                                                  \
    static PyObject *slot_nb_##NAME(PyObject *self, PyObject *other)                               \
    {                                                                                              \
        return slot_binop(self, other, offsetof(PyNumberMethods, nb_##NAME),                       \
                          (anyfunc)slot_nb_##NAME, OP, ROP);                                       \
    }

SLOT_BINOP(add, "__add__", "__radd__")
SLOT_BINOP(subtract, "__sub__", "__rsub__")
SLOT_BINOP(multiply, "__mul__", "__rmul__")
SLOT_BINOP(matrix_multiply, "__matmul__", "__rmatmul__")
SLOT_BINOP(remainder, "__mod__", "__rmod__")
SLOT_BINOP(divmod, "__divmod__", "__rdivmod__")
SLOT_BINOP(lshift, "__lshift__", "__rlshift__")
SLOT_BINOP(rshift, "__rshift__", "__rrshift__")
SLOT_BINOP(and, "__and__", "__rand__")
SLOT_BINOP(xor, "__xor__", "__rxor__")
SLOT_BINOP(or, "__or__", "__ror__")
SLOT_BINOP(floor_divide, "__floordiv__", "__rfloordiv__")
SLOT_BINOP(true_divide, "__truediv__", "__rtruediv__")

static PyObject *
slot_nb_power(PyObject *self, PyObject *other, PyObject *modulus)
{
    if (modulus == Py_None) {
        return slot_binop(self, other, offsetof(PyNumberMethods, nb_power), (anyfunc)slot_nb_power,
                          "__pow__", "__rpow__");
    }
    /* Three-argument pow() only tries the left operand's __pow__. */
    if (number_slot(Py_TYPE(self), offsetof(PyNumberMethods, nb_power)) == (anyfunc)slot_nb_power) {
        PyObject *stack[3] = {self, other, modulus};
        return vectorcall_method("__pow__", stack, 3);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

#define SLOT_UNARY(FUNC, NAME)                                                                     \
    static PyObject *FUNC(PyObject *self)                                                          \
    {                                                                                              \
        return call_method1(NAME, self);                                                           \
    }
#define SLOT_INPLACE(FUNC, NAME)                                                                   \
    static PyObject *FUNC(PyObject *self, PyObject *other)                                         \
    {                                                                                              \
        return call_method2(NAME, self, other);                                                    \
    }

SLOT_UNARY(slot_nb_negative, "__neg__")
SLOT_UNARY(slot_nb_positive, "__pos__")
SLOT_UNARY(slot_nb_absolute, "__abs__")
SLOT_UNARY(slot_nb_invert, "__invert__")
SLOT_UNARY(slot_nb_int, "__int__")
SLOT_UNARY(slot_nb_float, "__float__")
SLOT_UNARY(slot_nb_index, "__index__")
SLOT_UNARY(slot_am_await, "__await__")
SLOT_UNARY(slot_am_aiter, "__aiter__")
SLOT_UNARY(slot_am_anext, "__anext__")
SLOT_UNARY(slot_tp_iternext, "__next__")
SLOT_INPLACE(slot_nb_inplace_add, "__iadd__")
SLOT_INPLACE(slot_nb_inplace_subtract, "__isub__")
SLOT_INPLACE(slot_nb_inplace_multiply, "__imul__")
SLOT_INPLACE(slot_nb_inplace_matrix_multiply, "__imatmul__")
SLOT_INPLACE(slot_nb_inplace_remainder, "__imod__")
SLOT_INPLACE(slot_nb_inplace_lshift, "__ilshift__")
SLOT_INPLACE(slot_nb_inplace_rshift, "__irshift__")
SLOT_INPLACE(slot_nb_inplace_and, "__iand__")
SLOT_INPLACE(slot_nb_inplace_xor, "__ixor__")
SLOT_INPLACE(slot_nb_inplace_or, "__ior__")
SLOT_INPLACE(slot_nb_inplace_floor_divide, "__ifloordiv__")
SLOT_INPLACE(slot_nb_inplace_true_divide, "__itruediv__")
SLOT_INPLACE(slot_mp_subscript, "__getitem__")

static PyObject *
slot_nb_inplace_power(PyObject *self, PyObject *other, PyObject *Py_UNUSED(modulus))
{
    return call_method2("__ipow__", self, other);
}

/* __len__ result as a Py_ssize_t with CPython's checks; -1 with an exception on error. */
static Py_ssize_t
slot_sq_length(PyObject *self)
{
    PyObject *res = call_method1("__len__", self);
    if (res == NULL) {
        return -1;
    }
    Py_SETREF(res, PyNumber_Index(res));
    if (res == NULL) {
        return -1;
    }
    if (_PyLong_Sign(res) < 0) {
        Py_DECREF(res);
        PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    Py_ssize_t len = PyNumber_AsSsize_t(res, PyExc_OverflowError);
    Py_DECREF(res);
    return len;
}

static int
slot_nb_bool(PyObject *self)
{
    int unbound;
    int using_len = 0;
    PyObject *func = lookup_maybe_method(self, ID("__bool__"), &unbound);
    if (func == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        func = lookup_maybe_method(self, ID("__len__"), &unbound);
        if (func == NULL) {
            return PyErr_Occurred() ? -1 : 1;
        }
        using_len = 1;
    }
    PyObject *stack[1] = {self};
    PyObject *value = call_unbound(unbound, func, stack, 1);
    Py_DECREF(func);
    if (value == NULL) {
        return -1;
    }
    int result;
    if (using_len) {
        Py_DECREF(value);
        Py_ssize_t n = slot_sq_length(self);
        result = n < 0 ? -1 : n > 0;
    } else if (PyBool_Check(value)) {
        result = value == Py_True;
        Py_DECREF(value);
    } else {
        PyErr_Format(PyExc_TypeError, "__bool__ should return bool, returned %s",
                     Py_TYPE(value)->tp_name);
        Py_DECREF(value);
        result = -1;
    }
    return result;
}

static PyObject *
slot_sq_item(PyObject *self, Py_ssize_t i)
{
    PyObject *ival = PyLong_FromSsize_t(i);
    if (ival == NULL) {
        return NULL;
    }
    PyObject *res = call_method2("__getitem__", self, ival);
    Py_DECREF(ival);
    return res;
}

static int
slot_sq_ass_item(PyObject *self, Py_ssize_t index, PyObject *value)
{
    PyObject *ival = PyLong_FromSsize_t(index);
    if (ival == NULL) {
        return -1;
    }
    PyObject *res = value == NULL ? call_method2("__delitem__", self, ival)
                                  : call_method3("__setitem__", self, ival, value);
    Py_DECREF(ival);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
slot_mp_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
    PyObject *res = value == NULL ? call_method2("__delitem__", self, key)
                                  : call_method3("__setitem__", self, key, value);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
slot_sq_contains(PyObject *self, PyObject *value)
{
    int unbound;
    PyObject *func = lookup_maybe_method(self, ID("__contains__"), &unbound);
    if (func == Py_None) {
        Py_DECREF(func);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not a container", Py_TYPE(self)->tp_name);
        return -1;
    }
    if (func == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        return (int)_PySequence_IterSearch(self, value, PY_ITERSEARCH_CONTAINS);
    }
    PyObject *stack[2] = {self, value};
    PyObject *res = call_unbound(unbound, func, stack, 2);
    Py_DECREF(func);
    if (res == NULL) {
        return -1;
    }
    int result = PyObject_IsTrue(res);
    Py_DECREF(res);
    return result;
}

static PyObject *
slot_tp_repr(PyObject *self)
{
    int unbound;
    PyObject *func = lookup_maybe_method(self, ID("__repr__"), &unbound);
    if (func != NULL) {
        PyObject *stack[1] = {self};
        PyObject *res = call_unbound(unbound, func, stack, 1);
        Py_DECREF(func);
        return res;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(self)->tp_name, (void *)self);
}

SLOT_UNARY(slot_tp_str, "__str__")

static Py_hash_t
slot_tp_hash(PyObject *self)
{
    int unbound;
    PyObject *func = lookup_maybe_method(self, ID("__hash__"), &unbound);
    if (func == Py_None) {
        Py_CLEAR(func);
    }
    if (func == NULL) {
        return PyErr_Occurred() ? -1 : PyObject_HashNotImplemented(self);
    }
    PyObject *stack[1] = {self};
    PyObject *res = call_unbound(unbound, func, stack, 1);
    Py_DECREF(func);
    if (res == NULL) {
        return -1;
    }
    if (!PyLong_Check(res)) {
        PyErr_SetString(PyExc_TypeError, "__hash__ method should return an integer");
        Py_DECREF(res);
        return -1;
    }
    Py_hash_t h = PyLong_AsSsize_t(res);
    if (h == -1 && PyErr_Occurred()) {
        /* Too big for a hash: use the int's own (modular) hash. */
        PyErr_Clear();
        h = PyLong_Type.tp_hash(res);
    }
    Py_DECREF(res);
    return h == -1 ? -2 : h;
}

static PyObject *
slot_tp_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    int unbound;
    PyObject *meth = lookup_maybe_method(self, ID("__call__"), &unbound);
    if (meth == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable",
                         Py_TYPE(self)->tp_name);
        }
        return NULL;
    }
    PyObject *res;
    if (unbound) {
        Py_ssize_t n = PyTuple_GET_SIZE(args);
        PyObject *newargs = PyTuple_New(n + 1);
        if (newargs == NULL) {
            Py_DECREF(meth);
            return NULL;
        }
        PyTuple_SET_ITEM(newargs, 0, Py_NewRef(self));
        for (Py_ssize_t i = 0; i < n; i++) {
            PyTuple_SET_ITEM(newargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        }
        res = PyObject_Call(meth, newargs, kwds);
        Py_DECREF(newargs);
    } else {
        res = PyObject_Call(meth, args, kwds);
    }
    Py_DECREF(meth);
    return res;
}

static PyObject *
call_attribute(PyObject *self, PyObject *attr, PyObject *name)
{
    descrgetfunc f = Py_TYPE(attr)->tp_descr_get;
    PyObject *bound = NULL;
    if (f != NULL) {
        bound = f(attr, self, (PyObject *)Py_TYPE(self));
        if (bound == NULL) {
            return NULL;
        }
        attr = bound;
    }
    PyObject *res = PyObject_CallOneArg(attr, name);
    Py_XDECREF(bound);
    return res;
}

static PyObject *
slot_tp_getattro(PyObject *self, PyObject *name)
{
    return call_method2("__getattribute__", self, name);
}

static PyObject *
slot_tp_getattr_hook(PyObject *self, PyObject *name)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject *getattr = pyrs_type_lookup(tp, ID("__getattr__"));
    if (getattr == NULL) {
        tp->tp_getattro = slot_tp_getattro;
        return slot_tp_getattro(self, name);
    }
    Py_INCREF(getattr);
    PyObject *getattribute = pyrs_type_lookup(tp, ID("__getattribute__"));
    PyObject *res;
    if (getattribute == NULL ||
        (Py_IS_TYPE(getattribute, &PyWrapperDescr_Type) &&
         ((PyWrapperDescrObject *)getattribute)->d_wrapped == (void *)PyObject_GenericGetAttr)) {
        res = PyObject_GenericGetAttr(self, name);
    } else {
        Py_INCREF(getattribute);
        res = call_attribute(self, getattribute, name);
        Py_DECREF(getattribute);
    }
    if (res == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        res = call_attribute(self, getattr, name);
    }
    Py_DECREF(getattr);
    return res;
}

static int
slot_tp_setattro(PyObject *self, PyObject *name, PyObject *value)
{
    PyObject *res = value == NULL ? call_method2("__delattr__", self, name)
                                  : call_method3("__setattr__", self, name, value);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static PyObject *
slot_tp_richcompare(PyObject *self, PyObject *other, int op)
{
    static const char *const names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    int unbound;
    PyObject *func = lookup_maybe_method(self, ID(names[op]), &unbound);
    if (func == NULL) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *stack[2] = {self, other};
    PyObject *res = call_unbound(unbound, func, stack, 2);
    Py_DECREF(func);
    return res;
}

static PyObject *
slot_tp_iter(PyObject *self)
{
    int unbound;
    PyObject *func = lookup_maybe_method(self, ID("__iter__"), &unbound);
    if (func == Py_None) {
        Py_DECREF(func);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
        return NULL;
    }
    if (func != NULL) {
        PyObject *stack[1] = {self};
        PyObject *res = call_unbound(unbound, func, stack, 1);
        Py_DECREF(func);
        return res;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    func = lookup_maybe_method(self, ID("__getitem__"), &unbound);
    if (func == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable",
                         Py_TYPE(self)->tp_name);
        }
        return NULL;
    }
    Py_DECREF(func);
    return PySeqIter_New(self);
}

static PyObject *
slot_tp_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject *get = pyrs_type_lookup(tp, ID("__get__"));
    if (get == NULL) {
        /* No __get__ left (deleted after the slot was filled): behave as a plain value. */
        return Py_NewRef(self);
    }
    PyObject *stack[3] = {self, obj == NULL ? Py_None : obj, type == NULL ? Py_None : type};
    return PyObject_Vectorcall(get, stack, 3, NULL);
}

static int
slot_tp_descr_set(PyObject *self, PyObject *target, PyObject *value)
{
    PyObject *res = value == NULL ? call_method2("__delete__", self, target)
                                  : call_method3("__set__", self, target, value);
    if (res == NULL) {
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static int
slot_tp_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    int unbound;
    PyObject *meth = lookup_maybe_method(self, ID("__init__"), &unbound);
    if (meth == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_AttributeError, ID("__init__"));
        }
        return -1;
    }
    PyObject *res;
    if (unbound && PyTuple_GET_SIZE(args) < 8 && (kwds == NULL || PyDict_GET_SIZE(kwds) == 0)) {
        /* the usual positional call: self and the arguments on the C stack, no new tuple */
        PyObject *stack[9];
        Py_ssize_t n = PyTuple_GET_SIZE(args);
        stack[0] = self;
        for (Py_ssize_t i = 0; i < n; i++) {
            stack[i + 1] = PyTuple_GET_ITEM(args, i);
        }
        res = PyObject_Vectorcall(meth, stack, (size_t)(n + 1), NULL);
    } else if (unbound) {
        Py_ssize_t n = PyTuple_GET_SIZE(args);
        PyObject *newargs = PyTuple_New(n + 1);
        if (newargs == NULL) {
            Py_DECREF(meth);
            return -1;
        }
        PyTuple_SET_ITEM(newargs, 0, Py_NewRef(self));
        for (Py_ssize_t i = 0; i < n; i++) {
            PyTuple_SET_ITEM(newargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        }
        res = PyObject_Call(meth, newargs, kwds);
        Py_DECREF(newargs);
    } else {
        res = PyObject_Call(meth, args, kwds);
    }
    Py_DECREF(meth);
    if (res == NULL) {
        return -1;
    }
    if (res != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        return -1;
    }
    Py_DECREF(res);
    return 0;
}

static PyObject *
slot_tp_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *func = PyObject_GetAttr((PyObject *)type, ID("__new__"));
    if (func == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *newargs = PyTuple_New(n + 1);
    PyObject *res = NULL;
    if (newargs != NULL) {
        PyTuple_SET_ITEM(newargs, 0, Py_NewRef((PyObject *)type));
        for (Py_ssize_t i = 0; i < n; i++) {
            PyTuple_SET_ITEM(newargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        }
        res = PyObject_Call(func, newargs, kwds);
        Py_DECREF(newargs);
    }
    Py_DECREF(func);
    return res;
}

static void
slot_tp_finalize(PyObject *self)
{
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    int unbound;
    PyObject *del = lookup_maybe_method(self, ID("__del__"), &unbound);
    if (del != NULL) {
        PyObject *stack[1] = {self};
        PyObject *res = call_unbound(unbound, del, stack, 1);
        if (res == NULL) {
            PyErr_WriteUnraisable(del);
        } else {
            Py_DECREF(res);
        }
        Py_DECREF(del);
    } else {
        PyErr_Clear();
    }
    PyErr_Restore(et, ev, tb);
}

/* ---- wrappers: C slots called from Python (wrapper_descriptor) ---- */

static int
check_num_args(PyObject *args, Py_ssize_t n)
{
    if (!PyTuple_CheckExact(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    if (n == PyTuple_GET_SIZE(args)) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "expected %zd argument%s, got %zd", n, n == 1 ? "" : "s",
                 PyTuple_GET_SIZE(args));
    return 0;
}

static PyObject *
wrap_unaryfunc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    return ((unaryfunc)wrapped)(self);
}

static PyObject *
wrap_binaryfunc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    return ((binaryfunc)wrapped)(self, PyTuple_GET_ITEM(args, 0));
}

static PyObject *
wrap_binaryfunc_l(PyObject *self, PyObject *args, void *wrapped)
{
    return wrap_binaryfunc(self, args, wrapped);
}

static PyObject *
wrap_binaryfunc_r(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    return ((binaryfunc)wrapped)(PyTuple_GET_ITEM(args, 0), self);
}

static PyObject *
wrap_ternaryfunc(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *other, *third = Py_None;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) {
        return NULL;
    }
    return ((ternaryfunc)wrapped)(self, other, third);
}

static PyObject *
wrap_ternaryfunc_r(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *other, *third = Py_None;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) {
        return NULL;
    }
    return ((ternaryfunc)wrapped)(other, self, third);
}

static PyObject *
wrap_inquirypred(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    int res = ((inquiry)wrapped)(self);
    return res < 0 ? NULL : PyBool_FromLong(res);
}

static PyObject *
wrap_lenfunc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    Py_ssize_t res = ((lenfunc)wrapped)(self);
    if (res == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromSsize_t(res);
}

static PyObject *
wrap_indexargfunc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    Py_ssize_t i = PyNumber_AsSsize_t(PyTuple_GET_ITEM(args, 0), PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return ((ssizeargfunc)wrapped)(self, i);
}

/* Index argument of sq_item & co, with negative indices made relative to len(self). */
static Py_ssize_t
getindex(PyObject *self, PyObject *arg)
{
    Py_ssize_t i = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (i < 0) {
        PySequenceMethods *sq = Py_TYPE(self)->tp_as_sequence;
        if (sq != NULL && sq->sq_length != NULL) {
            Py_ssize_t n = sq->sq_length(self);
            if (n < 0) {
                return -1;
            }
            i += n;
        }
    }
    return i;
}

static PyObject *
wrap_sq_item(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    Py_ssize_t i = getindex(self, PyTuple_GET_ITEM(args, 0));
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return ((ssizeargfunc)wrapped)(self, i);
}

static PyObject *
wrap_sq_setitem(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *arg, *value;
    if (!PyArg_UnpackTuple(args, "", 2, 2, &arg, &value)) {
        return NULL;
    }
    Py_ssize_t i = getindex(self, arg);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (((ssizeobjargproc)wrapped)(self, i, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_sq_delitem(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    Py_ssize_t i = getindex(self, PyTuple_GET_ITEM(args, 0));
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (((ssizeobjargproc)wrapped)(self, i, NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_objobjproc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    int res = ((objobjproc)wrapped)(self, PyTuple_GET_ITEM(args, 0));
    return res < 0 ? NULL : PyBool_FromLong(res);
}

static PyObject *
wrap_objobjargproc(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *key, *value;
    if (!PyArg_UnpackTuple(args, "", 2, 2, &key, &value)) {
        return NULL;
    }
    if (((objobjargproc)wrapped)(self, key, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_delitem(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    if (((objobjargproc)wrapped)(self, PyTuple_GET_ITEM(args, 0), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Refuses to apply a C __setattr__ to an object whose type overrides it in C differently
 * (the "Carlo Verre hack" guard). */
static int
hackcheck(PyObject *self, setattrofunc func, const char *what)
{
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *defining = type;
    while (defining != NULL && (defining->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        defining = defining->tp_base;
    }
    if (defining != NULL && defining->tp_setattro != func) {
        PyErr_Format(PyExc_TypeError, "can't apply this %s to %s object", what, defining->tp_name);
        return 0;
    }
    return 1;
}

static PyObject *
wrap_setattr(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *name, *value;
    if (!PyArg_UnpackTuple(args, "", 2, 2, &name, &value)) {
        return NULL;
    }
    if (!hackcheck(self, (setattrofunc)wrapped, "__setattr__")) {
        return NULL;
    }
    if (((setattrofunc)wrapped)(self, name, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_delattr(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    if (!hackcheck(self, (setattrofunc)wrapped, "__delattr__")) {
        return NULL;
    }
    if (((setattrofunc)wrapped)(self, PyTuple_GET_ITEM(args, 0), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_hashfunc(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    Py_hash_t res = ((hashfunc)wrapped)(self);
    if (res == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromSsize_t(res);
}

static PyObject *
wrap_call(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds)
{
    return ((ternaryfunc)wrapped)(self, args, kwds);
}

static PyObject *
wrap_richcmp(PyObject *self, PyObject *args, void *wrapped, int op)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    return ((richcmpfunc)wrapped)(self, PyTuple_GET_ITEM(args, 0), op);
}

#define RICHCMP_WRAPPER(NAME, OP)                                                                  \
    static PyObject *richcmp_##NAME(PyObject *self, PyObject *args, void *wrapped)                 \
    {                                                                                              \
        return wrap_richcmp(self, args, wrapped, OP);                                              \
    }

RICHCMP_WRAPPER(lt, Py_LT)
RICHCMP_WRAPPER(le, Py_LE)
RICHCMP_WRAPPER(eq, Py_EQ)
RICHCMP_WRAPPER(ne, Py_NE)
RICHCMP_WRAPPER(gt, Py_GT)
RICHCMP_WRAPPER(ge, Py_GE)

static PyObject *
wrap_next(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    PyObject *res = ((unaryfunc)wrapped)(self);
    if (res == NULL && !PyErr_Occurred()) {
        PyErr_SetNone(PyExc_StopIteration);
    }
    return res;
}

static PyObject *
wrap_descr_get(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *obj, *type = NULL;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &obj, &type)) {
        return NULL;
    }
    if (obj == Py_None) {
        obj = NULL;
    }
    if (type == Py_None) {
        type = NULL;
    }
    if (type == NULL && obj == NULL) {
        PyErr_SetString(PyExc_TypeError, "__get__(None, None) is invalid");
        return NULL;
    }
    return ((descrgetfunc)wrapped)(self, obj, type);
}

static PyObject *
wrap_descr_set(PyObject *self, PyObject *args, void *wrapped)
{
    PyObject *obj, *value;
    if (!PyArg_UnpackTuple(args, "", 2, 2, &obj, &value)) {
        return NULL;
    }
    if (((descrsetfunc)wrapped)(self, obj, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_descr_delete(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 1)) {
        return NULL;
    }
    if (((descrsetfunc)wrapped)(self, PyTuple_GET_ITEM(args, 0), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_init(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds)
{
    if (((initproc)wrapped)(self, args, kwds) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
wrap_del(PyObject *self, PyObject *args, void *wrapped)
{
    if (!check_num_args(args, 0)) {
        return NULL;
    }
    ((destructor)wrapped)(self);
    Py_RETURN_NONE;
}

/* ---- the slot table ---- */

#define SLOTDEF(NAME, OFF, FUNC, WRAP, DOC, FLAGS)                                                 \
    {                                                                                              \
        NAME, (int)(OFF), (void *)(FUNC), (wrapperfunc)(WRAP), DOC, FLAGS, NULL                    \
    }
#define TPSLOT(NAME, SLOT, FUNC, WRAP, DOC)                                                        \
    SLOTDEF(NAME, offsetof(PyTypeObject, SLOT), FUNC, WRAP, DOC, 0)
#define TPSLOTKW(NAME, SLOT, FUNC, WRAP, DOC)                                                      \
    SLOTDEF(NAME, offsetof(PyTypeObject, SLOT), FUNC, WRAP, DOC, PyWrapperFlag_KEYWORDS)
#define ETSLOT(NAME, SLOT, FUNC, WRAP, DOC)                                                        \
    SLOTDEF(NAME, offsetof(PyHeapTypeObject, SLOT), FUNC, WRAP, DOC, 0)
#define AMSLOT(NAME, SLOT, FUNC, DOC)       ETSLOT(NAME, as_async.SLOT, FUNC, wrap_unaryfunc, DOC)
#define SQSLOT(NAME, SLOT, FUNC, WRAP, DOC) ETSLOT(NAME, as_sequence.SLOT, FUNC, WRAP, DOC)
#define MPSLOT(NAME, SLOT, FUNC, WRAP, DOC) ETSLOT(NAME, as_mapping.SLOT, FUNC, WRAP, DOC)
#define NBSLOT(NAME, SLOT, FUNC, WRAP, DOC) ETSLOT(NAME, as_number.SLOT, FUNC, WRAP, DOC)
#define UNSLOT(NAME, SLOT, FUNC, DOC)       NBSLOT(NAME, SLOT, FUNC, wrap_unaryfunc, DOC)
#define BINSLOT(NAME, SLOT, FUNC, SYM)                                                             \
    NBSLOT(NAME, SLOT, FUNC, wrap_binaryfunc_l,                                                    \
           NAME "($self, value, /)\n--\n\nReturn self" SYM "value.")
#define RBINSLOT(NAME, SLOT, FUNC, SYM)                                                            \
    NBSLOT(NAME, SLOT, FUNC, wrap_binaryfunc_r,                                                    \
           NAME "($self, value, /)\n--\n\nReturn value" SYM "self.")
#define IBSLOT(NAME, SLOT, FUNC, SYM)                                                              \
    NBSLOT(NAME, SLOT, FUNC, wrap_binaryfunc,                                                      \
           NAME "($self, value, /)\n--\n\nReturn self" SYM "value.")

/* Entries sharing a slot are adjacent; update_one_slot relies on that. */
static struct wrapperbase slotdefs[] = {
    TPSLOT("__getattribute__", tp_getattro, slot_tp_getattr_hook, wrap_binaryfunc,
           "__getattribute__($self, name, /)\n--\n\n"
           "Return getattr(self, name)."),
    TPSLOT("__getattr__", tp_getattro, slot_tp_getattr_hook, NULL, NULL),
    TPSLOT("__setattr__", tp_setattro, slot_tp_setattro, wrap_setattr,
           "__setattr__($self, name, value, /)\n--\n\n"
           "Implement setattr(self, name, value)."),
    TPSLOT("__delattr__", tp_setattro, slot_tp_setattro, wrap_delattr,
           "__delattr__($self, name, /)\n--\n\n"
           "Implement delattr(self, name)."),
    TPSLOT("__repr__", tp_repr, slot_tp_repr, wrap_unaryfunc,
           "__repr__($self, /)\n--\n\n"
           "Return repr(self)."),
    TPSLOT("__hash__", tp_hash, slot_tp_hash, wrap_hashfunc,
           "__hash__($self, /)\n--\n\n"
           "Return hash(self)."),
    TPSLOTKW("__call__", tp_call, slot_tp_call, wrap_call,
             "__call__($self, /, *args, **kwargs)\n--\n\n"
             "Call self as a function."),
    TPSLOT("__str__", tp_str, slot_tp_str, wrap_unaryfunc,
           "__str__($self, /)\n--\n\n"
           "Return str(self)."),
    TPSLOT("__lt__", tp_richcompare, slot_tp_richcompare, richcmp_lt,
           "__lt__($self, value, /)\n--\n\n"
           "Return self<value."),
    TPSLOT("__le__", tp_richcompare, slot_tp_richcompare, richcmp_le,
           "__le__($self, value, /)\n--\n\n"
           "Return self<=value."),
    TPSLOT("__eq__", tp_richcompare, slot_tp_richcompare, richcmp_eq,
           "__eq__($self, value, /)\n--\n\n"
           "Return self==value."),
    TPSLOT("__ne__", tp_richcompare, slot_tp_richcompare, richcmp_ne,
           "__ne__($self, value, /)\n--\n\n"
           "Return self!=value."),
    TPSLOT("__gt__", tp_richcompare, slot_tp_richcompare, richcmp_gt,
           "__gt__($self, value, /)\n--\n\n"
           "Return self>value."),
    TPSLOT("__ge__", tp_richcompare, slot_tp_richcompare, richcmp_ge,
           "__ge__($self, value, /)\n--\n\n"
           "Return self>=value."),
    TPSLOT("__iter__", tp_iter, slot_tp_iter, wrap_unaryfunc,
           "__iter__($self, /)\n--\n\n"
           "Implement iter(self)."),
    TPSLOT("__next__", tp_iternext, slot_tp_iternext, wrap_next,
           "__next__($self, /)\n--\n\n"
           "Implement next(self)."),
    TPSLOT("__get__", tp_descr_get, slot_tp_descr_get, wrap_descr_get,
           "__get__($self, instance, owner=None, /)\n--\n\n"
           "Return an attribute of instance, which is of type owner."),
    TPSLOT("__set__", tp_descr_set, slot_tp_descr_set, wrap_descr_set,
           "__set__($self, instance, value, /)\n--\n\n"
           "Set an attribute of instance to value."),
    TPSLOT("__delete__", tp_descr_set, slot_tp_descr_set, wrap_descr_delete,
           "__delete__($self, instance, /)\n--\n\n"
           "Delete an attribute of instance."),
    TPSLOTKW("__init__", tp_init, slot_tp_init, wrap_init,
             "__init__($self, /, *args, **kwargs)\n--\n\n"
             "Initialize self.  See help(type(self)) for accurate signature."),
    TPSLOT("__new__", tp_new, slot_tp_new, NULL, NULL),
    TPSLOT("__del__", tp_finalize, slot_tp_finalize, wrap_del, NULL),
    AMSLOT("__await__", am_await, slot_am_await,
           "__await__($self, /)\n--\n\n"
           "Return an iterator to be used in await expression."),
    AMSLOT("__aiter__", am_aiter, slot_am_aiter,
           "__aiter__($self, /)\n--\n\n"
           "Return an awaitable, that resolves in asynchronous iterator."),
    AMSLOT("__anext__", am_anext, slot_am_anext,
           "__anext__($self, /)\n--\n\n"
           "Return a value or raise StopAsyncIteration."),
    BINSLOT("__add__", nb_add, slot_nb_add, "+"),
    RBINSLOT("__radd__", nb_add, slot_nb_add, "+"),
    BINSLOT("__sub__", nb_subtract, slot_nb_subtract, "-"),
    RBINSLOT("__rsub__", nb_subtract, slot_nb_subtract, "-"),
    BINSLOT("__mul__", nb_multiply, slot_nb_multiply, "*"),
    RBINSLOT("__rmul__", nb_multiply, slot_nb_multiply, "*"),
    BINSLOT("__mod__", nb_remainder, slot_nb_remainder, "%"),
    RBINSLOT("__rmod__", nb_remainder, slot_nb_remainder, "%"),
    NBSLOT("__divmod__", nb_divmod, slot_nb_divmod, wrap_binaryfunc_l,
           "__divmod__($self, value, /)\n--\n\n"
           "Return divmod(self, value)."),
    NBSLOT("__rdivmod__", nb_divmod, slot_nb_divmod, wrap_binaryfunc_r,
           "__rdivmod__($self, value, /)\n--\n\n"
           "Return divmod(value, self)."),
    NBSLOT("__pow__", nb_power, slot_nb_power, wrap_ternaryfunc,
           "__pow__($self, value, mod=None, /)\n--\n\n"
           "Return pow(self, value, mod)."),
    NBSLOT("__rpow__", nb_power, slot_nb_power, wrap_ternaryfunc_r,
           "__rpow__($self, value, mod=None, /)\n--\n\n"
           "Return pow(value, self, mod)."),
    UNSLOT("__neg__", nb_negative, slot_nb_negative,
           "__neg__($self, /)\n--\n\n"
           "-self"),
    UNSLOT("__pos__", nb_positive, slot_nb_positive,
           "__pos__($self, /)\n--\n\n"
           "+self"),
    UNSLOT("__abs__", nb_absolute, slot_nb_absolute,
           "__abs__($self, /)\n--\n\n"
           "abs(self)"),
    NBSLOT("__bool__", nb_bool, slot_nb_bool, wrap_inquirypred,
           "__bool__($self, /)\n--\n\n"
           "True if self else False"),
    UNSLOT("__invert__", nb_invert, slot_nb_invert,
           "__invert__($self, /)\n--\n\n"
           "~self"),
    BINSLOT("__lshift__", nb_lshift, slot_nb_lshift, "<<"),
    RBINSLOT("__rlshift__", nb_lshift, slot_nb_lshift, "<<"),
    BINSLOT("__rshift__", nb_rshift, slot_nb_rshift, ">>"),
    RBINSLOT("__rrshift__", nb_rshift, slot_nb_rshift, ">>"),
    BINSLOT("__and__", nb_and, slot_nb_and, "&"),
    RBINSLOT("__rand__", nb_and, slot_nb_and, "&"),
    BINSLOT("__xor__", nb_xor, slot_nb_xor, "^"),
    RBINSLOT("__rxor__", nb_xor, slot_nb_xor, "^"),
    BINSLOT("__or__", nb_or, slot_nb_or, "|"),
    RBINSLOT("__ror__", nb_or, slot_nb_or, "|"),
    UNSLOT("__int__", nb_int, slot_nb_int,
           "__int__($self, /)\n--\n\n"
           "int(self)"),
    UNSLOT("__float__", nb_float, slot_nb_float,
           "__float__($self, /)\n--\n\n"
           "float(self)"),
    IBSLOT("__iadd__", nb_inplace_add, slot_nb_inplace_add, "+="),
    IBSLOT("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract, "-="),
    IBSLOT("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply, "*="),
    IBSLOT("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder, "%="),
    IBSLOT("__ipow__", nb_inplace_power, slot_nb_inplace_power, "**="),
    IBSLOT("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift, "<<="),
    IBSLOT("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift, ">>="),
    IBSLOT("__iand__", nb_inplace_and, slot_nb_inplace_and, "&="),
    IBSLOT("__ixor__", nb_inplace_xor, slot_nb_inplace_xor, "^="),
    IBSLOT("__ior__", nb_inplace_or, slot_nb_inplace_or, "|="),
    BINSLOT("__floordiv__", nb_floor_divide, slot_nb_floor_divide, "//"),
    RBINSLOT("__rfloordiv__", nb_floor_divide, slot_nb_floor_divide, "//"),
    BINSLOT("__truediv__", nb_true_divide, slot_nb_true_divide, "/"),
    RBINSLOT("__rtruediv__", nb_true_divide, slot_nb_true_divide, "/"),
    IBSLOT("__ifloordiv__", nb_inplace_floor_divide, slot_nb_inplace_floor_divide, "//="),
    IBSLOT("__itruediv__", nb_inplace_true_divide, slot_nb_inplace_true_divide, "/="),
    UNSLOT("__index__", nb_index, slot_nb_index,
           "__index__($self, /)\n--\n\n"
           "Return self converted to an integer, if self is suitable for use as an index into a "
           "list."),
    BINSLOT("__matmul__", nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    RBINSLOT("__rmatmul__", nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    IBSLOT("__imatmul__", nb_inplace_matrix_multiply, slot_nb_inplace_matrix_multiply, "@="),
    MPSLOT("__len__", mp_length, slot_sq_length, wrap_lenfunc,
           "__len__($self, /)\n--\n\n"
           "Return len(self)."),
    MPSLOT("__getitem__", mp_subscript, slot_mp_subscript, wrap_binaryfunc,
           "__getitem__($self, key, /)\n--\n\n"
           "Return self[key]."),
    MPSLOT("__setitem__", mp_ass_subscript, slot_mp_ass_subscript, wrap_objobjargproc,
           "__setitem__($self, key, value, /)\n--\n\n"
           "Set self[key] to value."),
    MPSLOT("__delitem__", mp_ass_subscript, slot_mp_ass_subscript, wrap_delitem,
           "__delitem__($self, key, /)\n--\n\n"
           "Delete self[key]."),
    SQSLOT("__len__", sq_length, slot_sq_length, wrap_lenfunc,
           "__len__($self, /)\n--\n\n"
           "Return len(self)."),
    SQSLOT("__add__", sq_concat, NULL, wrap_binaryfunc,
           "__add__($self, value, /)\n--\n\n"
           "Return self+value."),
    SQSLOT("__mul__", sq_repeat, NULL, wrap_indexargfunc,
           "__mul__($self, value, /)\n--\n\n"
           "Return self*value."),
    SQSLOT("__rmul__", sq_repeat, NULL, wrap_indexargfunc,
           "__rmul__($self, value, /)\n--\n\n"
           "Return value*self."),
    SQSLOT("__getitem__", sq_item, slot_sq_item, wrap_sq_item,
           "__getitem__($self, key, /)\n--\n\n"
           "Return self[key]."),
    SQSLOT("__setitem__", sq_ass_item, slot_sq_ass_item, wrap_sq_setitem,
           "__setitem__($self, key, value, /)\n--\n\n"
           "Set self[key] to value."),
    SQSLOT("__delitem__", sq_ass_item, slot_sq_ass_item, wrap_sq_delitem,
           "__delitem__($self, key, /)\n--\n\n"
           "Delete self[key]."),
    SQSLOT("__contains__", sq_contains, slot_sq_contains, wrap_objobjproc,
           "__contains__($self, key, /)\n--\n\n"
           "Return key in self."),
    SQSLOT("__iadd__", sq_inplace_concat, NULL, wrap_binaryfunc,
           "__iadd__($self, value, /)\n--\n\n"
           "Implement self+=value."),
    SQSLOT("__imul__", sq_inplace_repeat, NULL, wrap_indexargfunc,
           "__imul__($self, value, /)\n--\n\n"
           "Implement self*=value."),
    {NULL, 0, NULL, NULL, NULL, 0, NULL},
};

static int
slotdefs_init(void)
{
    static int done;
    if (done) {
        return 0;
    }
    for (struct wrapperbase *p = slotdefs; p->name != NULL; p++) {
        p->name_strobj = PyUnicode_InternFromString(p->name);
        if (p->name_strobj == NULL) {
            return -1;
        }
    }
    done = 1;
    return 0;
}

/* Address of the slot at heap-type OFFSET inside TYPE's (possibly static) tables, or NULL when
 * TYPE has no such table. */
static void **
slotptr(PyTypeObject *type, int ioffset)
{
    size_t offset = (size_t)ioffset;
    char *ptr;
    if (offset >= offsetof(PyHeapTypeObject, as_buffer)) {
        ptr = (char *)type->tp_as_buffer;
        offset -= offsetof(PyHeapTypeObject, as_buffer);
    } else if (offset >= offsetof(PyHeapTypeObject, as_sequence)) {
        ptr = (char *)type->tp_as_sequence;
        offset -= offsetof(PyHeapTypeObject, as_sequence);
    } else if (offset >= offsetof(PyHeapTypeObject, as_mapping)) {
        ptr = (char *)type->tp_as_mapping;
        offset -= offsetof(PyHeapTypeObject, as_mapping);
    } else if (offset >= offsetof(PyHeapTypeObject, as_number)) {
        ptr = (char *)type->tp_as_number;
        offset -= offsetof(PyHeapTypeObject, as_number);
    } else if (offset >= offsetof(PyHeapTypeObject, as_async)) {
        ptr = (char *)type->tp_as_async;
        offset -= offsetof(PyHeapTypeObject, as_async);
    } else {
        ptr = (char *)type;
    }
    return ptr == NULL ? NULL : (void **)(ptr + offset);
}

int
pyrs_type_add_operators(PyTypeObject *type, PyObject *dict)
{
    if (slotdefs_init() < 0) {
        return -1;
    }
    for (struct wrapperbase *p = slotdefs; p->name != NULL; p++) {
        if (p->wrapper == NULL) {
            continue;
        }
        void **ptr = slotptr(type, p->offset);
        if (ptr == NULL || *ptr == NULL) {
            continue;
        }
        int has = PyDict_Contains(dict, p->name_strobj);
        if (has != 0) {
            if (has < 0) {
                return -1;
            }
            continue;
        }
        PyObject *value;
        if (*ptr == (void *)PyObject_HashNotImplemented) {
            value = Py_NewRef(Py_None);
        } else {
            value = PyDescr_NewWrapper(type, p, *ptr);
            if (value == NULL) {
                return -1;
            }
        }
        int err = PyDict_SetItem(dict, p->name_strobj, value);
        Py_DECREF(value);
        if (err < 0) {
            return -1;
        }
    }
    return 0;
}

/* Fills the slot of the group starting at P (all entries with P's offset) from what the MRO
 * holds for their names; returns the first entry of the next group. */
static struct wrapperbase *
update_one_slot(PyTypeObject *type, struct wrapperbase *p)
{
    void *generic = NULL, *specific = NULL;
    int use_generic = 0;
    int offset = p->offset;
    void **ptr = slotptr(type, offset);
    if (ptr == NULL) {
        do {
            ++p;
        } while (p->offset == offset);
        return p;
    }
    do {
        PyObject *descr = find_name_in_mro(type, p->name_strobj);
        if (descr == NULL) {
            if (ptr == (void **)&type->tp_iternext) {
                specific = (void *)_PyObject_NextNotImplemented;
            }
            continue;
        }
        if (Py_IS_TYPE(descr, &PyWrapperDescr_Type) &&
            ((PyWrapperDescrObject *)descr)->d_base->name_strobj == p->name_strobj) {
            PyWrapperDescrObject *d = (PyWrapperDescrObject *)descr;
            void *d_wrapped = d->d_wrapped;
            if (d->d_base->wrapper == p->wrapper && PyType_IsSubtype(type, PyDescr_TYPE(d)) &&
                (specific == NULL || specific == d_wrapped)) {
                specific = d_wrapped;
            } else {
                use_generic = 1;
                generic = p->function;
            }
        } else if (Py_IS_TYPE(descr, &PyCFunction_Type) &&
                   PyCFunction_GET_FUNCTION(descr) == (PyCFunction)(void (*)(void))tp_new_wrapper &&
                   ptr == (void **)&type->tp_new) {
            specific = (void *)type->tp_new;
        } else if (descr == Py_None && ptr == (void **)&type->tp_hash) {
            specific = (void *)PyObject_HashNotImplemented;
        } else {
            use_generic = 1;
            generic = p->function;
        }
    } while ((++p)->offset == offset);
    if (specific != NULL && !use_generic) {
        *ptr = specific;
    } else {
        *ptr = generic;
    }
    return p;
}

static int
update_all_slots(PyTypeObject *type)
{
    if (slotdefs_init() < 0) {
        return -1;
    }
    PyType_Modified(type);
    for (struct wrapperbase *p = slotdefs; p->name != NULL;) {
        p = update_one_slot(type, p);
    }
    return 0;
}

static int
update_subclasses_slots(PyTypeObject *type)
{
    if (update_all_slots(type) < 0) {
        return -1;
    }
    PyObject *subs = type->tp_subclasses;
    if (subs == NULL) {
        return 0;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(subs, &pos, &key, &value)) {
        PyTypeObject *sub = PyLong_AsVoidPtr(value);
        if ((sub->tp_flags & Py_TPFLAGS_HEAPTYPE) && update_subclasses_slots(sub) < 0) {
            return -1;
        }
    }
    return 0;
}

int
pyrs_type_update_slots(PyTypeObject *type, PyObject *name)
{
    if (name != NULL) {
        /* Only dunder names can affect slots. */
        Py_ssize_t n = PyUnicode_GetLength(name);
        if (n < 5 || PyUnicode_ReadChar(name, 0) != '_' || PyUnicode_ReadChar(name, 1) != '_' ||
            PyUnicode_ReadChar(name, n - 1) != '_' || PyUnicode_ReadChar(name, n - 2) != '_') {
            return 0;
        }
    }
    return update_subclasses_slots(type);
}

/* ---- `object` ---- */

static int
excess_args(PyObject *args, PyObject *kwds)
{
    return PyTuple_GET_SIZE(args) || (kwds != NULL && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds));
}

static int
object_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyTypeObject *type = Py_TYPE(self);
    if (excess_args(args, kwds)) {
        if (type->tp_init != object_init) {
            PyErr_SetString(PyExc_TypeError, "object.__init__() takes exactly one argument (the "
                                             "instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s.__init__() takes exactly one argument (the instance to "
                         "initialize)",
                         type->tp_name);
            return -1;
        }
    }
    return 0;
}

static int
abstract_error(PyTypeObject *type)
{
    PyObject *abstract = PyDict_GetItemWithError(type->tp_dict, ID("__abstractmethods__"));
    PyObject *sorted = abstract == NULL ? NULL : PySequence_List(abstract);
    if (sorted == NULL || PyList_Sort(sorted) < 0) {
        Py_XDECREF(sorted);
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_AttributeError, ID("__abstractmethods__"));
        }
        return -1;
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep == NULL ? NULL : PyUnicode_Join(sep, sorted);
    Py_XDECREF(sep);
    if (joined != NULL) {
        Py_ssize_t n = PyList_GET_SIZE(sorted);
        PyErr_Format(PyExc_TypeError,
                     "Can't instantiate abstract class %s with abstract method%s %U", type->tp_name,
                     n > 1 ? "s" : "", joined);
        Py_DECREF(joined);
    }
    Py_DECREF(sorted);
    return -1;
}

static PyObject *
object_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->tp_new != object_new) {
            PyErr_SetString(PyExc_TypeError, "object.__new__() takes exactly one argument (the "
                                             "type to instantiate)");
            return NULL;
        }
        if (type->tp_init == object_init) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
            return NULL;
        }
    }
    if (type->tp_flags & Py_TPFLAGS_IS_ABSTRACT) {
        abstract_error(type);
        return NULL;
    }
    return type->tp_alloc(type, 0);
}

static void
object_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

/* __module__ of TYPE: new reference, or NULL with an exception. */
static PyObject *
type_module(PyTypeObject *type)
{
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        PyObject *mod = PyDict_GetItemWithError(type->tp_dict, ID("__module__"));
        if (mod == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_AttributeError, "__module__");
            }
            return NULL;
        }
        return Py_NewRef(mod);
    }
    const char *s = strrchr(type->tp_name, '.');
    if (s != NULL) {
        return PyUnicode_FromStringAndSize(type->tp_name, s - type->tp_name);
    }
    return Py_NewRef(ID("builtins"));
}

static PyObject *
type_qualname_obj(PyTypeObject *type)
{
    return PyType_GetQualName(type);
}

PyObject *
pyrs_type_object_repr(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyObject *mod = type_module(type);
    if (mod == NULL) {
        PyErr_Clear();
    } else if (!PyUnicode_Check(mod)) {
        Py_CLEAR(mod);
    }
    PyObject *name = type_qualname_obj(type);
    if (name == NULL) {
        Py_XDECREF(mod);
        return NULL;
    }
    PyObject *res;
    if (mod != NULL && !_PyUnicode_EqualToASCIIString(mod, "builtins")) {
        res = PyUnicode_FromFormat("<%U.%U object at %p>", mod, name, (void *)self);
    } else {
        res = PyUnicode_FromFormat("<%s object at %p>", type->tp_name, (void *)self);
    }
    Py_XDECREF(mod);
    Py_DECREF(name);
    return res;
}

static PyObject *
object_str(PyObject *self)
{
    unaryfunc f = Py_TYPE(self)->tp_repr;
    if (f == NULL) {
        f = pyrs_type_object_repr;
    }
    return f(self);
}

static PyObject *
object_richcompare(PyObject *self, PyObject *other, int op)
{
    switch (op) {
    case Py_EQ:
        if (self == other) {
            Py_RETURN_TRUE;
        }
        Py_RETURN_NOTIMPLEMENTED;
    case Py_NE: {
        /* By default, __ne__ delegates to __eq__ and inverts the result. */
        richcmpfunc eq = Py_TYPE(self)->tp_richcompare;
        if (eq == NULL) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        PyObject *res = eq(self, other, Py_EQ);
        if (res != NULL && res != Py_NotImplemented) {
            int ok = PyObject_IsTrue(res);
            Py_DECREF(res);
            if (ok < 0) {
                return NULL;
            }
            return PyBool_FromLong(!ok);
        }
        return res;
    }
    default:
        Py_RETURN_NOTIMPLEMENTED;
    }
}

static Py_hash_t
object_hash(PyObject *self)
{
    return _Py_HashPointer(self);
}

static PyObject *
object_get_class(PyObject *self, void *Py_UNUSED(closure))
{
    return Py_NewRef((PyObject *)Py_TYPE(self));
}

static int
same_slots_added(PyTypeObject *a, PyTypeObject *b)
{
    PyTypeObject *base = a->tp_base;
    Py_ssize_t size = base->tp_basicsize;
    if (a->tp_dictoffset == size && b->tp_dictoffset == size) {
        size += sizeof(PyObject *);
    }
    if (a->tp_weaklistoffset == size && b->tp_weaklistoffset == size) {
        size += sizeof(PyObject *);
    }
    if (!(a->tp_flags & Py_TPFLAGS_HEAPTYPE) || !(b->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        return 0; /* static types have no ht_slots (and differ in layout) */
    }
    PyObject *sa = ((PyHeapTypeObject *)a)->ht_slots;
    PyObject *sb = ((PyHeapTypeObject *)b)->ht_slots;
    if (sa != NULL && sb != NULL) {
        if (PyObject_RichCompareBool(sa, sb, Py_EQ) != 1) {
            PyErr_Clear();
            return 0;
        }
        size += sizeof(PyObject *) * PyTuple_GET_SIZE(sa);
    }
    return size == a->tp_basicsize && size == b->tp_basicsize;
}

static PyTypeObject *solid_base(PyTypeObject *type);

static int
compatible_for_assignment(PyTypeObject *oldto, PyTypeObject *newto, const char *attr)
{
    if (newto->tp_free != oldto->tp_free) {
        PyErr_Format(PyExc_TypeError, "%s assignment: '%s' deallocator differs from '%s'", attr,
                     newto->tp_name, oldto->tp_name);
        return 0;
    }
    PyTypeObject *newbase = newto, *oldbase = oldto;
    while (newbase->tp_base != NULL && solid_base(newbase) == solid_base(newbase->tp_base) &&
           newbase->tp_basicsize == newbase->tp_base->tp_basicsize) {
        newbase = newbase->tp_base;
    }
    while (oldbase->tp_base != NULL && solid_base(oldbase) == solid_base(oldbase->tp_base) &&
           oldbase->tp_basicsize == oldbase->tp_base->tp_basicsize) {
        oldbase = oldbase->tp_base;
    }
    if (newbase != oldbase &&
        (newbase->tp_base != oldbase->tp_base || !same_slots_added(newbase, oldbase))) {
        PyErr_Format(PyExc_TypeError, "%s assignment: '%s' object layout differs from '%s'", attr,
                     newto->tp_name, oldto->tp_name);
        return 0;
    }
    return 1;
}

static int
object_set_class(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!PyType_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__class__ must be set to a class, not '%s' object",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    PyTypeObject *newto = (PyTypeObject *)value;
    PyTypeObject *oldto = Py_TYPE(self);
    int mutable_ok =
        ((newto->tp_flags & Py_TPFLAGS_HEAPTYPE) || PyType_IsSubtype(newto, &PyModule_Type)) &&
        ((oldto->tp_flags & Py_TPFLAGS_HEAPTYPE) || PyType_IsSubtype(oldto, &PyModule_Type));
    if (!mutable_ok) {
        PyErr_Format(PyExc_TypeError,
                     "__class__ assignment only supported for mutable types or ModuleType "
                     "subclasses");
        return -1;
    }
    if (!compatible_for_assignment(oldto, newto, "__class__")) {
        return -1;
    }
    if (newto->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_INCREF(newto);
    }
    Py_SET_TYPE(self, newto);
    if (oldto->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_DECREF(oldto);
    }
    return 0;
}

static PyObject *
object_init_subclass(PyObject *Py_UNUSED(cls), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

static PyObject *
object_subclasshook(PyObject *Py_UNUSED(cls), PyObject *Py_UNUSED(args))
{
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *
object_format(PyObject *self, PyObject *format_spec)
{
    if (!PyUnicode_Check(format_spec)) {
        PyErr_Format(PyExc_TypeError, "format() argument 2 must be str, not %.200s",
                     Py_TYPE(format_spec)->tp_name);
        return NULL;
    }
    if (PyUnicode_GetLength(format_spec) > 0) {
        PyErr_Format(PyExc_TypeError, "unsupported format string passed to %.200s.__format__",
                     Py_TYPE(self)->tp_name);
        return NULL;
    }
    return PyObject_Str(self);
}

static PyObject *
object_sizeof(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t res = 0;
    Py_ssize_t isize = Py_TYPE(self)->tp_itemsize;
    if (isize > 0) {
        Py_ssize_t n = Py_SIZE(self);
        res = (n < 0 ? -n : n) * isize;
    }
    res += Py_TYPE(self)->tp_basicsize;
    return PyLong_FromSsize_t(res);
}

/* Adds the names of CLS's dict and, recursively, of its __bases__ to DICT. */
static int
merge_class_dict(PyObject *dict, PyObject *cls)
{
    PyObject *classdict;
    if (_PyObject_LookupAttr(cls, ID("__dict__"), &classdict) < 0) {
        return -1;
    }
    if (classdict != NULL) {
        int status = PyDict_Update(dict, classdict);
        Py_DECREF(classdict);
        if (status < 0) {
            return -1;
        }
    }
    PyObject *bases;
    if (_PyObject_LookupAttr(cls, ID("__bases__"), &bases) < 0) {
        return -1;
    }
    if (bases == NULL) {
        return 0;
    }
    Py_ssize_t n = PySequence_Size(bases);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *base = PySequence_GetItem(bases, i);
        int status = base == NULL ? -1 : merge_class_dict(dict, base);
        Py_XDECREF(base);
        if (status < 0) {
            Py_DECREF(bases);
            return -1;
        }
    }
    Py_DECREF(bases);
    return n < 0 ? -1 : 0;
}

static PyObject *
object_dir(PyObject *self, PyObject *Py_UNUSED(args))
{
    PyObject *result = NULL, *dict = NULL, *itsclass = NULL;
    if (_PyObject_LookupAttr(self, ID("__dict__"), &dict) < 0) {
        return NULL;
    }
    if (dict == NULL) {
        dict = PyDict_New();
    } else if (!PyDict_Check(dict)) {
        Py_SETREF(dict, PyDict_New());
    } else {
        Py_SETREF(dict, PyDict_Copy(dict));
    }
    if (dict == NULL) {
        return NULL;
    }
    if (_PyObject_LookupAttr(self, ID("__class__"), &itsclass) < 0) {
        goto error;
    }
    if (itsclass != NULL && merge_class_dict(dict, itsclass) < 0) {
        goto error;
    }
    result = PyDict_Keys(dict);
error:
    Py_XDECREF(itsclass);
    Py_DECREF(dict);
    return result;
}

/* The default __getstate__: the instance dict (or None) plus a dict of the filled slots.
 * REQUIRED (pickling without __getnewargs__) refuses objects whose C layout holds more. */
static PyObject *
getstate_default(PyObject *self, int required)
{
    PyTypeObject *tp = Py_TYPE(self);
    if (required && tp->tp_itemsize != 0) {
        PyErr_Format(PyExc_TypeError, "cannot pickle %.200s objects", tp->tp_name);
        return NULL;
    }
    PyObject *state;
    PyObject **dictptr = _PyObject_GetDictPtr(self);
    if (dictptr != NULL && *dictptr != NULL && PyDict_GET_SIZE(*dictptr) > 0) {
        state = PyDict_Copy(*dictptr);
    } else {
        state = Py_NewRef(Py_None);
    }
    if (state == NULL) {
        return NULL;
    }
    Py_ssize_t basicsize = sizeof(PyObject);
    basicsize += tp->tp_dictoffset ? (Py_ssize_t)sizeof(PyObject *) : 0;
    basicsize += tp->tp_weaklistoffset ? (Py_ssize_t)sizeof(PyObject *) : 0;
    PyObject *slots = NULL;
    for (PyTypeObject *t = tp; t != NULL && (t->tp_flags & Py_TPFLAGS_HEAPTYPE); t = t->tp_base) {
        PyObject *names = ((PyHeapTypeObject *)t)->ht_slots;
        PyMemberDef *mp = t->tp_members;
        for (Py_ssize_t i = 0; names != NULL && mp != NULL && i < PyTuple_GET_SIZE(names);
             i++, mp++) {
            basicsize += sizeof(PyObject *);
            PyObject *v = *(PyObject **)((char *)self + mp->offset);
            if (v == NULL) {
                continue;
            }
            if ((slots == NULL && (slots = PyDict_New()) == NULL) ||
                PyDict_SetItem(slots, PyTuple_GET_ITEM(names, i), v) < 0) {
                Py_DECREF(state);
                Py_XDECREF(slots);
                return NULL;
            }
        }
    }
    if (required && tp->tp_basicsize > basicsize) {
        Py_DECREF(state);
        Py_XDECREF(slots);
        PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", tp->tp_name);
        return NULL;
    }
    if (slots != NULL) {
        PyObject *pair = PyTuple_Pack(2, state, slots);
        Py_DECREF(state);
        Py_DECREF(slots);
        return pair;
    }
    return state;
}

static PyObject *
object_getstate(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return getstate_default(self, 0);
}

/* obj.__getstate__(), or the default with REQUIRED when not overridden. */
static PyObject *
getstate_for_reduce(PyObject *obj, int required)
{
    PyObject *getstate = pyrs_type_lookup(Py_TYPE(obj), ID("__getstate__"));
    PyObject *deflt = PyDict_GetItemWithError(PyBaseObject_Type.tp_dict, ID("__getstate__"));
    if (getstate == NULL || getstate == deflt) {
        return getstate_default(obj, required);
    }
    return PyObject_CallMethodNoArgs(obj, ID("__getstate__"));
}

/* The copyreg module, through the import system (cpyext/import area). */
PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name) __attribute__((weak));

static PyObject *
import_copyreg(void)
{
    if (PyImport_ImportModule == NULL) {
        PyErr_SetString(PyExc_ModuleNotFoundError, "No module named 'copyreg'");
        return NULL;
    }
    return PyImport_ImportModule("copyreg");
}

static int
newargs_ex(PyObject *obj, PyObject *getnewargs_ex, PyObject **args, PyObject **kwargs)
{
    PyObject *newargs = PyObject_CallNoArgs(getnewargs_ex);
    Py_DECREF(getnewargs_ex);
    if (newargs == NULL) {
        return -1;
    }
    const char *problem = NULL;
    if (!PyTuple_Check(newargs)) {
        PyErr_Format(PyExc_TypeError, "__getnewargs_ex__ should return a tuple, not '%.200s'",
                     Py_TYPE(newargs)->tp_name);
    } else if (PyTuple_GET_SIZE(newargs) != 2) {
        PyErr_Format(PyExc_ValueError,
                     "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                     PyTuple_GET_SIZE(newargs));
    } else if (!PyTuple_Check(PyTuple_GET_ITEM(newargs, 0))) {
        problem = "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not "
                  "'%.200s'";
        PyErr_Format(PyExc_TypeError, problem, Py_TYPE(PyTuple_GET_ITEM(newargs, 0))->tp_name);
    } else if (!PyDict_Check(PyTuple_GET_ITEM(newargs, 1))) {
        problem = "second item of the tuple returned by __getnewargs_ex__ must be a dict, not "
                  "'%.200s'";
        PyErr_Format(PyExc_TypeError, problem, Py_TYPE(PyTuple_GET_ITEM(newargs, 1))->tp_name);
    } else {
        *args = Py_NewRef(PyTuple_GET_ITEM(newargs, 0));
        *kwargs = Py_NewRef(PyTuple_GET_ITEM(newargs, 1));
    }
    (void)obj;
    Py_DECREF(newargs);
    return *args == NULL ? -1 : 0;
}

/* The arguments for cls.__new__ from __getnewargs_ex__ / __getnewargs__ (NULL when neither). */
static int
get_new_arguments(PyObject *obj, PyObject **args, PyObject **kwargs)
{
    *args = *kwargs = NULL;
    PyObject *getnewargs_ex = _PyObject_LookupSpecial(obj, ID("__getnewargs_ex__"));
    if (getnewargs_ex != NULL) {
        return newargs_ex(obj, getnewargs_ex, args, kwargs);
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    PyObject *getnewargs = _PyObject_LookupSpecial(obj, ID("__getnewargs__"));
    if (getnewargs == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    *args = PyObject_CallNoArgs(getnewargs);
    Py_DECREF(getnewargs);
    if (*args == NULL) {
        return -1;
    }
    if (!PyTuple_Check(*args)) {
        PyErr_Format(PyExc_TypeError, "__getnewargs__ should return a tuple, not '%.200s'",
                     Py_TYPE(*args)->tp_name);
        Py_CLEAR(*args);
        return -1;
    }
    return 0;
}

static PyObject *
reduce_newobj_args(PyObject *obj, PyObject *copyreg, PyObject *args, PyObject *kwargs,
                   PyObject **newobj)
{
    PyObject *cls = (PyObject *)Py_TYPE(obj);
    if (kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0) {
        *newobj = PyObject_GetAttrString(copyreg, "__newobj__");
        Py_ssize_t n = args == NULL ? 0 : PyTuple_GET_SIZE(args);
        PyObject *newargs = *newobj == NULL ? NULL : PyTuple_New(n + 1);
        if (newargs != NULL) {
            PyTuple_SET_ITEM(newargs, 0, Py_NewRef(cls));
            for (Py_ssize_t i = 0; i < n; i++) {
                PyTuple_SET_ITEM(newargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
            }
        }
        return newargs;
    }
    *newobj = PyObject_GetAttrString(copyreg, "__newobj_ex__");
    return *newobj == NULL ? NULL : PyTuple_Pack(3, cls, args, kwargs);
}

static PyObject *
reduce_newobj(PyObject *obj)
{
    if (Py_TYPE(obj)->tp_new == NULL) {
        PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyObject *args, *kwargs, *copyreg = NULL, *newobj = NULL, *newargs = NULL, *state = NULL;
    PyObject *listitems = NULL, *dictitems = NULL, *result = NULL;
    if (get_new_arguments(obj, &args, &kwargs) < 0) {
        return NULL;
    }
    copyreg = import_copyreg();
    if (copyreg == NULL) {
        goto done;
    }
    newargs = reduce_newobj_args(obj, copyreg, args, kwargs, &newobj);
    if (newargs == NULL) {
        goto done;
    }
    state = getstate_for_reduce(obj, args == NULL && !PyList_Check(obj) && !PyDict_Check(obj));
    if (state == NULL) {
        goto done;
    }
    listitems = PyList_Check(obj) ? PyObject_GetIter(obj) : Py_NewRef(Py_None);
    if (PyDict_Check(obj)) {
        PyObject *items = PyObject_CallMethodNoArgs(obj, ID("items"));
        dictitems = items == NULL ? NULL : PyObject_GetIter(items);
        Py_XDECREF(items);
    } else {
        dictitems = Py_NewRef(Py_None);
    }
    if (listitems != NULL && dictitems != NULL) {
        result = PyTuple_Pack(5, newobj, newargs, state, listitems, dictitems);
    }
done:
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    Py_XDECREF(copyreg);
    Py_XDECREF(newobj);
    Py_XDECREF(newargs);
    Py_XDECREF(state);
    Py_XDECREF(listitems);
    Py_XDECREF(dictitems);
    return result;
}

static PyObject *
common_reduce(PyObject *self, int proto)
{
    if (proto >= 2) {
        return reduce_newobj(self);
    }
    PyObject *copyreg = import_copyreg();
    if (copyreg == NULL) {
        return NULL;
    }
    PyObject *protoobj = PyLong_FromLong(proto);
    PyObject *res = protoobj == NULL ? NULL
                                     : PyObject_CallMethodObjArgs(copyreg, ID("_reduce_ex"), self,
                                                                  protoobj, NULL);
    Py_XDECREF(protoobj);
    Py_DECREF(copyreg);
    return res;
}

static PyObject *
object_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return common_reduce(self, 0);
}

static PyObject *
object_reduce_ex(PyObject *self, PyObject *protocol)
{
    long proto = PyLong_AsLong(protocol);
    if (proto == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *objreduce = PyDict_GetItemWithError(PyBaseObject_Type.tp_dict, ID("__reduce__"));
    PyObject *clsreduce = pyrs_type_lookup(Py_TYPE(self), ID("__reduce__"));
    if (clsreduce != NULL && clsreduce != objreduce) {
        return PyObject_CallMethodNoArgs(self, ID("__reduce__"));
    }
    return common_reduce(self, (int)proto);
}

static PyMethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O, "Helper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS, "Helper for pickle."},
    {"__getstate__", object_getstate, METH_NOARGS, "Helper for pickle."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_VARARGS,
     "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__", object_init_subclass, METH_CLASS | METH_NOARGS,
     "This method is called when a class is subclassed."},
    {"__format__", object_format, METH_O, "Default object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, METH_NOARGS, "Default dir() implementation."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef object_getsets[] = {
    {"__class__", object_get_class, object_set_class, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject PyBaseObject_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "object",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = pyrs_type_object_repr,
    .tp_hash = object_hash,
    .tp_str = object_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "object()\n--\n\n"
              "The base class of the class hierarchy.\n\n"
              "When called, it accepts no arguments and returns a new featureless\n"
              "instance that has no instance attributes and cannot be given any.\n",
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getsets,
    .tp_init = object_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = PyObject_Free,
};

/* ---- instances of heap types ---- */

static void
clear_slots(PyTypeObject *type, PyObject *self)
{
    PyObject *names = ((PyHeapTypeObject *)type)->ht_slots;
    PyMemberDef *mp = type->tp_members;
    if (names == NULL || mp == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++, mp++) {
        if (mp->type == T_OBJECT_EX && !(mp->flags & READONLY)) {
            PyObject **addr = (PyObject **)((char *)self + mp->offset);
            Py_CLEAR(*addr);
        }
    }
}

static int
subtype_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *base = type;
    while (base->tp_traverse == subtype_traverse) {
        PyObject *names = ((PyHeapTypeObject *)base)->ht_slots;
        PyMemberDef *mp = base->tp_members;
        for (Py_ssize_t i = 0; names != NULL && mp != NULL && i < PyTuple_GET_SIZE(names);
             i++, mp++) {
            Py_VISIT(*(PyObject **)((char *)self + mp->offset));
        }
        base = base->tp_base;
    }
    PyObject **dictptr = _PyObject_GetDictPtr(self);
    if (dictptr != NULL && type->tp_dictoffset != base->tp_dictoffset) {
        Py_VISIT(*dictptr);
    }
    Py_VISIT(type);
    if (base->tp_traverse != NULL) {
        return base->tp_traverse(self, visit, arg);
    }
    return 0;
}

static int
subtype_clear(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *base = type;
    while (base->tp_clear == subtype_clear) {
        clear_slots(base, self);
        base = base->tp_base;
    }
    PyObject **dictptr = _PyObject_GetDictPtr(self);
    if (dictptr != NULL && type->tp_dictoffset != base->tp_dictoffset) {
        Py_CLEAR(*dictptr);
    }
    if (base->tp_clear != NULL) {
        return base->tp_clear(self);
    }
    return 0;
}

static void
subtype_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *base = type;
    while (base->tp_dealloc == subtype_dealloc) {
        base = base->tp_base;
    }
    if (_PyType_IS_GC(type)) {
        PyObject_GC_UnTrack(self);
    }
    if (type->tp_finalize != NULL && PyObject_CallFinalizerFromDealloc(self) < 0) {
        return; /* resurrected */
    }
    type = Py_TYPE(self); /* __del__ may have assigned __class__ (same layout, new reference) */
    if (type->tp_weaklistoffset != 0 && base->tp_weaklistoffset == 0) {
        PyObject_ClearWeakRefs(self);
    }
    for (PyTypeObject *t = type; t != base; t = t->tp_base) {
        clear_slots(t, self);
    }
    if (type->tp_dictoffset != 0 && base->tp_dictoffset == 0) {
        PyObject **dictptr = _PyObject_GetDictPtr(self);
        if (dictptr != NULL) {
            Py_CLEAR(*dictptr);
        }
    }
    /* The base deallocator may re-track (GC bases expect a tracked object). */
    if (_PyType_IS_GC(base)) {
        PyObject_GC_Track(self);
    }
    base->tp_dealloc(self);
    if (!(base->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        Py_DECREF(type);
    }
}

/* The nearest static base of TP whose instances have a dict (e.g. `type` for a metaclass),
 * whose own __dict__ descriptor serves the subclass; NULL when there is none. Borrowed. */
static PyTypeObject *
static_base_with_dict(PyTypeObject *tp)
{
    for (; tp->tp_base != NULL; tp = tp->tp_base) {
        if (tp->tp_dictoffset != 0 && !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
            return tp;
        }
    }
    return NULL;
}

/* The __dict__ descriptor of static BASE (borrowed), or NULL with CPython's TypeError. */
static PyObject *
base_dict_descr(PyTypeObject *base, PyObject *obj, int setting)
{
    PyObject *name = PyUnicode_InternFromString("__dict__");
    if (name == NULL) {
        return NULL;
    }
    PyObject *descr = _PyType_Lookup(base, name); /* borrowed: the type's dict keeps it */
    Py_DECREF(name);
    if (descr == NULL ||
        (setting ? Py_TYPE(descr)->tp_descr_set == NULL : Py_TYPE(descr)->tp_descr_get == NULL)) {
        PyErr_Format(PyExc_TypeError, "this __dict__ descriptor does not support '%.200s' objects",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return descr;
}

static PyObject *
subtype_dict(PyObject *obj, void *Py_UNUSED(context))
{
    PyTypeObject *base = static_base_with_dict(Py_TYPE(obj));
    if (base != NULL) {
        PyObject *descr = base_dict_descr(base, obj, 0);
        return descr != NULL ? Py_TYPE(descr)->tp_descr_get(descr, obj, (PyObject *)Py_TYPE(obj))
                             : NULL;
    }
    return PyObject_GenericGetDict(obj, NULL);
}

static int
subtype_setdict(PyObject *obj, PyObject *value, void *Py_UNUSED(context))
{
    PyTypeObject *base = static_base_with_dict(Py_TYPE(obj));
    if (base != NULL) {
        PyObject *descr = base_dict_descr(base, obj, 1);
        return descr != NULL ? Py_TYPE(descr)->tp_descr_set(descr, obj, value) : -1;
    }
    if (value == NULL) { /* unlike PyObject_GenericSetDict, `del obj.__dict__` is allowed */
        PyObject **dictptr = _PyObject_GetDictPtr(obj);
        if (dictptr == NULL) {
            PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
            return -1;
        }
        Py_CLEAR(*dictptr);
        return 0;
    }
    return PyObject_GenericSetDict(obj, value, NULL);
}

static PyObject *
subtype_getweakref(PyObject *obj, void *Py_UNUSED(context))
{
    if (Py_TYPE(obj)->tp_weaklistoffset == 0) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __weakref__");
        return NULL;
    }
    PyObject *res = *(PyObject **)((char *)obj + Py_TYPE(obj)->tp_weaklistoffset);
    return Py_NewRef(res == NULL ? Py_None : res);
}

static PyGetSetDef subtype_getsets_full[] = {
    {"__dict__", subtype_dict, subtype_setdict, "dictionary for instance variables (if defined)",
     NULL},
    {"__weakref__", subtype_getweakref, NULL, "list of weak references to the object (if defined)",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static PyGetSetDef subtype_getsets_weakref_only[] = {
    {"__weakref__", subtype_getweakref, NULL, "list of weak references to the object (if defined)",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static PyGetSetDef subtype_getsets_dict_alone[] = {
    {"__dict__", subtype_dict, subtype_setdict, "dictionary for instance variables (if defined)",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- `type`: attributes ---- */

static int
check_set_special(PyTypeObject *type, PyObject *value, const char *name)
{
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        PyErr_Format(PyExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name,
                     type->tp_name);
        return 0;
    }
    if (value == NULL) {
        PyErr_Format(PyExc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", name,
                     type->tp_name);
        return 0;
    }
    return 1;
}

static PyObject *
type_get_name(PyObject *self, void *Py_UNUSED(c))
{
    return PyType_GetName((PyTypeObject *)self);
}

static int
type_set_name(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!check_set_special(type, value, "__name__")) {
        return -1;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign string to %s.__name__, not '%s'",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(value, &len);
    if (s == NULL) {
        return -1;
    }
    if (strlen(s) != (size_t)len) {
        PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
        return -1;
    }
    type->tp_name = s;
    Py_SETREF(((PyHeapTypeObject *)type)->ht_name, Py_NewRef(value));
    return 0;
}

static PyObject *
type_get_qualname(PyObject *self, void *Py_UNUSED(c))
{
    return PyType_GetQualName((PyTypeObject *)self);
}

static int
type_set_qualname(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!check_set_special(type, value, "__qualname__")) {
        return -1;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_SETREF(((PyHeapTypeObject *)type)->ht_qualname, Py_NewRef(value));
    return 0;
}

static PyObject *
type_get_bases(PyObject *self, void *Py_UNUSED(c))
{
    return Py_NewRef(((PyTypeObject *)self)->tp_bases);
}

static PyTypeObject *best_base(PyObject *bases);

/* TYPE is on the tp_base chain of A. A custom mro() re-entering __bases__ assignment sees
 * tp_base already set while tp_mro is not yet updated, so the MRO alone misses the cycle. */
static int
base_chain_reaches(PyTypeObject *a, PyTypeObject *type)
{
    for (; a != NULL; a = a->tp_base) {
        if (a == type) {
            return 1;
        }
    }
    return 0;
}

/* Recomputes the MRO of TYPE and then of every subclass, depth first (CPython's
 * mro_hierarchy), recording (class, old mro) pairs in list UNDO. 0, or -1. */
static int
mro_hierarchy(PyTypeObject *type, PyObject *undo)
{
    PyObject *old = type->tp_mro != NULL ? Py_NewRef(type->tp_mro) : Py_NewRef(Py_None);
    PyObject *pair = PyTuple_Pack(2, (PyObject *)type, old);
    Py_DECREF(old);
    if (pair == NULL || PyList_Append(undo, pair) < 0) {
        Py_XDECREF(pair);
        return -1;
    }
    Py_DECREF(pair);
    if (mro_internal(type) < 0) {
        return -1;
    }
    PyObject *subs = type_subclasses((PyObject *)type, NULL);
    if (subs == NULL) {
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; r == 0 && i < PyList_GET_SIZE(subs); i++) {
        r = mro_hierarchy((PyTypeObject *)PyList_GET_ITEM(subs, i), undo);
    }
    Py_DECREF(subs);
    return r;
}

/* Puts back the MROs recorded by mro_hierarchy, newest first; the pending error stays. */
static void
mro_undo(PyObject *undo)
{
    for (Py_ssize_t i = PyList_GET_SIZE(undo) - 1; i >= 0; i--) {
        PyObject *pair = PyList_GET_ITEM(undo, i);
        PyTypeObject *cls = (PyTypeObject *)PyTuple_GET_ITEM(pair, 0);
        PyObject *old = PyTuple_GET_ITEM(pair, 1);
        Py_XSETREF(cls->tp_mro, old == Py_None ? NULL : Py_NewRef(old));
        PyType_Modified(cls);
    }
}

static int
type_set_bases(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!check_set_special(type, value, "__bases__")) {
        return -1;
    }
    if (!PyTuple_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign tuple to %s.__bases__, not %s",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    if (PyTuple_GET_SIZE(value) == 0) {
        PyErr_Format(PyExc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()",
                     type->tp_name);
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++) {
        PyObject *ob = PyTuple_GET_ITEM(value, i);
        if (!PyType_Check(ob)) {
            PyErr_Format(PyExc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'",
                         type->tp_name, Py_TYPE(ob)->tp_name);
            return -1;
        }
        if (PyType_IsSubtype((PyTypeObject *)ob, type) ||
            base_chain_reaches((PyTypeObject *)ob, type)) {
            PyErr_SetString(PyExc_TypeError, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
    }
    PyTypeObject *new_base = best_base(value);
    if (new_base == NULL) {
        return -1;
    }
    if (!compatible_for_assignment(type->tp_base, new_base, "__bases__")) {
        return -1;
    }
    PyObject *undo = PyList_New(0);
    if (undo == NULL) {
        return -1;
    }
    PyObject *old_bases = type->tp_bases;
    PyTypeObject *old_base = type->tp_base;
    type->tp_bases = Py_NewRef(value);
    type->tp_base = (PyTypeObject *)Py_NewRef((PyObject *)new_base);
    if (mro_hierarchy(type, undo) < 0) {
        mro_undo(undo);
        Py_DECREF(undo);
        if (type->tp_bases == value) { /* not reassigned meanwhile by a custom mro() */
            Py_SETREF(type->tp_bases, old_bases);
            Py_SETREF(type->tp_base, old_base);
        } else {
            Py_DECREF(old_bases);
            Py_DECREF(old_base);
        }
        return -1;
    }
    Py_DECREF(undo);
    int r = 0;
    if (type->tp_bases == value) { /* else a custom mro() assigned __bases__ meanwhile: its
                                      assignment did this work for the final bases */
        remove_all_subclasses(type, old_bases);
        for (Py_ssize_t i = 0; r == 0 && i < PyTuple_GET_SIZE(value); i++) {
            r = add_subclass((PyTypeObject *)PyTuple_GET_ITEM(value, i), type);
        }
        if (r == 0) {
            r = update_subclasses_slots(type);
        }
    }
    Py_DECREF(old_bases);
    Py_DECREF(old_base);
    return r;
}

static PyObject *
type_get_module(PyObject *self, void *Py_UNUSED(c))
{
    return type_module((PyTypeObject *)self);
}

static int
type_set_module(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!check_set_special(type, value, "__module__")) {
        return -1;
    }
    PyType_Modified(type);
    return PyDict_SetItem(type->tp_dict, ID("__module__"), value);
}

static PyObject *
type_get_abstractmethods(PyObject *self, void *Py_UNUSED(c))
{
    PyObject *mod = NULL;
    if (self != (PyObject *)&PyType_Type) {
        mod = PyDict_GetItemWithError(((PyTypeObject *)self)->tp_dict, ID("__abstractmethods__"));
    }
    if (mod == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_AttributeError, ID("__abstractmethods__"));
        }
        return NULL;
    }
    return Py_NewRef(mod);
}

static int
type_set_abstractmethods(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    int abstract = 0, res;
    if (value != NULL) {
        abstract = PyObject_IsTrue(value);
        if (abstract < 0) {
            return -1;
        }
        res = PyDict_SetItem(type->tp_dict, ID("__abstractmethods__"), value);
    } else {
        res = PyDict_DelItem(type->tp_dict, ID("__abstractmethods__"));
        if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            PyErr_SetObject(PyExc_AttributeError, ID("__abstractmethods__"));
            return -1;
        }
    }
    if (res < 0) {
        return -1;
    }
    PyType_Modified(type);
    if (abstract) {
        type->tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
    } else {
        type->tp_flags &= ~Py_TPFLAGS_IS_ABSTRACT;
    }
    return 0;
}

static PyObject *
type_get_dict(PyObject *self, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (type->tp_dict == NULL) {
        Py_RETURN_NONE;
    }
    return PyDictProxy_New(type->tp_dict);
}

static PyObject *
type_get_doc(PyObject *self, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) && type->tp_doc != NULL) {
        return PyUnicode_FromString(skip_signature(type->tp_doc, type->tp_name));
    }
    PyObject *result = PyDict_GetItemWithError(type->tp_dict, ID("__doc__"));
    if (result == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    if (Py_TYPE(result)->tp_descr_get != NULL) {
        return Py_TYPE(result)->tp_descr_get(result, NULL, self);
    }
    return Py_NewRef(result);
}

static int
type_set_doc(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!check_set_special(type, value, "__doc__")) {
        return -1;
    }
    PyType_Modified(type);
    return PyDict_SetItem(type->tp_dict, ID("__doc__"), value);
}

static PyObject *
type_get_text_signature(PyObject *self, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    const char *doc = type->tp_doc;
    if (doc == NULL || (type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        Py_RETURN_NONE;
    }
    const char *body = skip_signature(doc, type->tp_name);
    if (body == doc) {
        Py_RETURN_NONE;
    }
    const char *paren = strchr(doc, '(');
    return PyUnicode_FromStringAndSize(paren, (body - 5) - paren);
}

static PyObject *
type_get_annotations(PyObject *self, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyErr_Format(PyExc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                     type->tp_name);
        return NULL;
    }
    PyObject *annotations = PyDict_GetItemWithError(type->tp_dict, ID("__annotations__"));
    if (annotations != NULL) {
        descrgetfunc get = Py_TYPE(annotations)->tp_descr_get;
        return get != NULL ? get(annotations, NULL, self) : Py_NewRef(annotations);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    /* A class without annotations gets an empty dict on first access, as in CPython. */
    annotations = PyDict_New();
    if (annotations != NULL &&
        PyDict_SetItem(type->tp_dict, ID("__annotations__"), annotations) < 0) {
        Py_CLEAR(annotations);
    }
    PyType_Modified(type);
    return annotations;
}

static int
type_set_annotations(PyObject *self, PyObject *value, void *Py_UNUSED(c))
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        PyErr_Format(PyExc_TypeError,
                     "cannot set '__annotations__' attribute of immutable type "
                     "'%s'",
                     type->tp_name);
        return -1;
    }
    int res;
    if (value != NULL) {
        res = PyDict_SetItem(type->tp_dict, ID("__annotations__"), value);
    } else {
        res = PyDict_DelItem(type->tp_dict, ID("__annotations__"));
        if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_AttributeError, "__annotations__");
        }
    }
    PyType_Modified(type);
    return res;
}

static PyGetSetDef type_getsets[] = {
    {"__annotations__", type_get_annotations, type_set_annotations, NULL, NULL},
    {"__name__", type_get_name, type_set_name, NULL, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL, NULL},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL, NULL},
    {"__text_signature__", type_get_text_signature, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef type_members[] = {
    {"__basicsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_basicsize), READONLY, NULL},
    {"__itemsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_itemsize), READONLY, NULL},
    {"__flags__", T_ULONG, offsetof(PyTypeObject, tp_flags), READONLY, NULL},
    {"__weakrefoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_weaklistoffset), READONLY, NULL},
    {"__base__", T_OBJECT, offsetof(PyTypeObject, tp_base), READONLY, NULL},
    {"__dictoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_dictoffset), READONLY, NULL},
    {"__mro__", T_OBJECT, offsetof(PyTypeObject, tp_mro), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyObject *
type_prepare(PyObject *Py_UNUSED(self), PyObject *const *Py_UNUSED(args),
             Py_ssize_t Py_UNUSED(nargs), PyObject *Py_UNUSED(kwnames))
{
    return PyDict_New();
}

static PyObject *
type_instancecheck(PyObject *type, PyObject *inst)
{
    int res = _PyObject_RealIsInstance(inst, type);
    return res < 0 ? NULL : PyBool_FromLong(res);
}

static PyObject *
type_subclasscheck(PyObject *type, PyObject *inst)
{
    int res = _PyObject_RealIsSubclass(inst, type);
    return res < 0 ? NULL : PyBool_FromLong(res);
}

static PyObject *
type_dir(PyObject *self, PyObject *Py_UNUSED(args))
{
    PyObject *dict = PyDict_New();
    if (dict == NULL) {
        return NULL;
    }
    PyObject *result = NULL;
    if (merge_class_dict(dict, self) == 0) {
        result = PyDict_Keys(dict);
    }
    Py_DECREF(dict);
    return result;
}

static PyObject *
type_sizeof(PyObject *self, PyObject *Py_UNUSED(args))
{
    PyTypeObject *type = (PyTypeObject *)self;
    Py_ssize_t size;
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        size = sizeof(PyHeapTypeObject);
    } else {
        size = sizeof(PyTypeObject);
    }
    return PyLong_FromSsize_t(size);
}

static PyMethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, METH_NOARGS, "Return a list of immediate subclasses."},
    {"__prepare__", (PyCFunction)(void (*)(void))type_prepare,
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_O, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O, "Check if a class is a subclass."},
    {"__dir__", type_dir, METH_NOARGS, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, METH_NOARGS, "Return memory consumption of the type object."},
    {NULL, NULL, 0, NULL},
};

/* ---- `type`: slots ---- */

static PyObject *
type_repr(PyObject *self)
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (type->tp_name == NULL) {
        return PyUnicode_FromFormat("<class at %p>", (void *)type);
    }
    PyObject *mod = type_module(type);
    if (mod == NULL) {
        PyErr_Clear();
    } else if (!PyUnicode_Check(mod)) {
        Py_CLEAR(mod);
    }
    PyObject *name = PyType_GetQualName(type);
    if (name == NULL) {
        Py_XDECREF(mod);
        return NULL;
    }
    PyObject *rtn;
    if (mod != NULL && !_PyUnicode_EqualToASCIIString(mod, "builtins")) {
        rtn = PyUnicode_FromFormat("<class '%U.%U'>", mod, name);
    } else {
        rtn = PyUnicode_FromFormat("<class '%s'>", type->tp_name);
    }
    Py_XDECREF(mod);
    Py_DECREF(name);
    return rtn;
}

static PyObject *
type_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (type == &PyType_Type && PyTuple_GET_SIZE(args) == 1 &&
        (kwds == NULL || PyDict_GET_SIZE(kwds) == 0)) {
        return Py_NewRef((PyObject *)Py_TYPE(PyTuple_GET_ITEM(args, 0)));
    }
    if (type->tp_new == NULL) {
        PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
        return NULL;
    }
    PyObject *obj = type->tp_new(type, args, kwds);
    if (obj == NULL || !PyObject_TypeCheck(obj, type)) {
        return obj;
    }
    type = Py_TYPE(obj);
    if (type->tp_init != NULL && type->tp_init(obj, args, kwds) < 0) {
        Py_DECREF(obj);
        return NULL;
    }
    return obj;
}

static PyObject *
type_getattro(PyObject *self, PyObject *name)
{
    PyTypeObject *type = (PyTypeObject *)self;
    PyTypeObject *metatype = Py_TYPE(type);
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                     Py_TYPE(name)->tp_name);
        return NULL;
    }
    if (type->tp_dict == NULL && PyType_Ready(type) < 0) {
        return NULL;
    }
    descrgetfunc meta_get = NULL;
    PyObject *meta_attribute = pyrs_type_lookup(metatype, name);
    if (meta_attribute != NULL) {
        Py_INCREF(meta_attribute);
        meta_get = Py_TYPE(meta_attribute)->tp_descr_get;
        if (meta_get != NULL && PyDescr_IsData(meta_attribute)) {
            PyObject *res = meta_get(meta_attribute, self, (PyObject *)metatype);
            Py_DECREF(meta_attribute);
            return res;
        }
    }
    PyObject *attribute = pyrs_type_lookup(type, name);
    if (attribute != NULL) {
        Py_INCREF(attribute);
        descrgetfunc local_get = Py_TYPE(attribute)->tp_descr_get;
        Py_XDECREF(meta_attribute);
        if (local_get != NULL) {
            PyObject *res = local_get(attribute, NULL, self);
            Py_DECREF(attribute);
            return res;
        }
        return attribute;
    }
    if (meta_get != NULL) {
        PyObject *res = meta_get(meta_attribute, self, (PyObject *)metatype);
        Py_DECREF(meta_attribute);
        return res;
    }
    if (meta_attribute != NULL) {
        return meta_attribute;
    }
    PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'", type->tp_name,
                 name);
    return NULL;
}

static int
type_setattro(PyObject *self, PyObject *name, PyObject *value)
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        if (!PyUnicode_Check(name)) {
            PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                         Py_TYPE(name)->tp_name);
        } else {
            PyErr_Format(PyExc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                         type->tp_name);
        }
        return -1;
    }
    int res = _PyObject_GenericSetAttrWithDict(self, name, value, NULL);
    if (res == 0) {
        PyType_Modified(type);
        res = pyrs_type_update_slots(type, name);
    }
    return res;
}

static int
type_init(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwds)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs == 1 && kwds != NULL && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static int
type_is_gc(PyObject *type)
{
    return (((PyTypeObject *)type)->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0;
}

static int
type_traverse(PyObject *self, visitproc visit, void *arg)
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        return 0;
    }
    Py_VISIT(type->tp_dict);
    Py_VISIT(type->tp_mro);
    Py_VISIT(type->tp_bases);
    Py_VISIT(type->tp_base);
    Py_VISIT(((PyHeapTypeObject *)type)->ht_module);
    /* not Py_TYPE(type): a heap metatype's subtype_traverse visits it (once) */
    return 0;
}

static int
type_clear(PyObject *self)
{
    PyTypeObject *type = (PyTypeObject *)self;
    PyType_Modified(type);
    if (type->tp_dict != NULL) {
        PyDict_Clear(type->tp_dict);
    }
    Py_CLEAR(((PyHeapTypeObject *)type)->ht_module);
    Py_CLEAR(type->tp_mro);
    return 0;
}

static void
type_dealloc(PyObject *self)
{
    PyTypeObject *type = (PyTypeObject *)self;
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        return; /* static types are immortal */
    }
    PyObject_GC_UnTrack(self);
    PyType_Modified(type);
    remove_all_subclasses(type, type->tp_bases);
    if (type->tp_weaklist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    Py_XDECREF(type->tp_base);
    Py_XDECREF(type->tp_dict);
    Py_XDECREF(type->tp_bases);
    Py_XDECREF(type->tp_mro);
    Py_XDECREF(type->tp_cache);
    Py_XDECREF(type->tp_subclasses);
    PyObject_Free((char *)type->tp_doc);
    Py_XDECREF(et->ht_name);
    Py_XDECREF(et->ht_qualname);
    Py_XDECREF(et->ht_slots);
    Py_XDECREF(et->ht_module);
    pyrs_dict_keys_decref(et->ht_cached_keys); /* instance dicts' shared keys (object.c) */
    PyMem_Free(et->_ht_tpname);
    /* a heap metatype's reference is dropped by its subtype_dealloc, which called us */
    Py_TYPE(type)->tp_free(self);
}

/* ---- `type`: creating classes ---- */

static int
extra_ivars(PyTypeObject *type, PyTypeObject *base)
{
    size_t t_size = (size_t)type->tp_basicsize;
    size_t b_size = (size_t)base->tp_basicsize;
    if (type->tp_itemsize || base->tp_itemsize) {
        return t_size != b_size || type->tp_itemsize != base->tp_itemsize;
    }
    if (type->tp_weaklistoffset && base->tp_weaklistoffset == 0 &&
        (size_t)type->tp_weaklistoffset + sizeof(PyObject *) == t_size &&
        (type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        t_size -= sizeof(PyObject *);
    }
    if (type->tp_dictoffset && base->tp_dictoffset == 0 &&
        (size_t)type->tp_dictoffset + sizeof(PyObject *) == t_size &&
        (type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        t_size -= sizeof(PyObject *);
    }
    return t_size != b_size;
}

static PyTypeObject *
solid_base(PyTypeObject *type)
{
    PyTypeObject *base = type->tp_base != NULL ? solid_base(type->tp_base) : &PyBaseObject_Type;
    return extra_ivars(type, base) ? type : base;
}

/* The base whose instance layout the new class must extend; NULL with TypeError. */
static PyTypeObject *
best_base(PyObject *bases)
{
    PyTypeObject *base = NULL, *winner = NULL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyObject *b = PyTuple_GET_ITEM(bases, i);
        if (!PyType_Check(b)) {
            PyErr_SetString(PyExc_TypeError, "bases must be types");
            return NULL;
        }
        PyTypeObject *base_i = (PyTypeObject *)b;
        if (base_i->tp_dict == NULL && PyType_Ready(base_i) < 0) {
            return NULL;
        }
        if (!(base_i->tp_flags & Py_TPFLAGS_BASETYPE)) {
            PyErr_Format(PyExc_TypeError, "type '%.100s' is not an acceptable base type",
                         base_i->tp_name);
            return NULL;
        }
        PyTypeObject *candidate = solid_base(base_i);
        if (winner == NULL) {
            winner = candidate;
            base = base_i;
        } else if (PyType_IsSubtype(winner, candidate)) {
            ;
        } else if (PyType_IsSubtype(candidate, winner)) {
            winner = candidate;
            base = base_i;
        } else {
            PyErr_SetString(PyExc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* The most derived metaclass of METATYPE and the bases' metaclasses; borrowed, NULL with
 * TypeError on a conflict. */
static PyTypeObject *
calculate_metaclass(PyTypeObject *metatype, PyObject *bases)
{
    PyTypeObject *winner = metatype;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyTypeObject *tmptype = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype(winner, tmptype)) {
            continue;
        }
        if (PyType_IsSubtype(tmptype, winner)) {
            winner = tmptype;
            continue;
        }
        PyErr_SetString(PyExc_TypeError,
                        "metaclass conflict: the metaclass of a derived class must be a "
                        "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

PyTypeObject *
_PyType_CalculateMetaclass(PyTypeObject *metatype, PyObject *bases)
{
    return calculate_metaclass(metatype, bases);
}

PyObject *
_PyType_GetDocFromInternalDoc(const char *name, const char *doc)
{
    return pyrs_descr_doc_from_internal(name, doc);
}

PyObject *
_PyType_GetTextSignatureFromInternalDoc(const char *name, const char *doc)
{
    return pyrs_descr_text_signature(name, doc);
}

/* "_Cls__name" for a private NAME inside class CLSNAME; new reference. */
static PyObject *
mangle(PyObject *clsname, PyObject *name)
{
    Py_ssize_t n = PyUnicode_GetLength(name);
    if (n < 2 || PyUnicode_ReadChar(name, 0) != '_' || PyUnicode_ReadChar(name, 1) != '_' ||
        (n > 2 && PyUnicode_ReadChar(name, n - 1) == '_' &&
         PyUnicode_ReadChar(name, n - 2) == '_')) {
        return Py_NewRef(name);
    }
    Py_ssize_t start = 0, clen = PyUnicode_GetLength(clsname);
    while (start < clen && PyUnicode_ReadChar(clsname, start) == '_') {
        start++;
    }
    if (start == clen) {
        return Py_NewRef(name);
    }
    PyObject *stripped = PyUnicode_Substring(clsname, start, clen);
    if (stripped == NULL) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("_%U%U", stripped, name);
    Py_DECREF(stripped);
    return res;
}

typedef struct {
    PyTypeObject *metatype; /* the winning metaclass */
    PyObject *name;         /* class name (str) */
    PyObject *bases;        /* tuple of bases, owned */
    PyObject *dict;         /* the new class dict (a copy), owned */
    PyTypeObject *base;     /* best base */
    PyObject *slots;        /* __slots__ as a tuple (names to store), owned, or NULL */
    Py_ssize_t nslots;      /* number of member slots */
    int add_dict;           /* add a __dict__ slot */
    int add_weak;           /* add a __weakref__ slot */
    int may_add_dict;       /* base has no __dict__ yet */
    int may_add_weak;       /* base has no __weakref__ yet */
} TypeNewCtx;

static int
slots_check_special(TypeNewCtx *ctx, PyObject *name)
{
    if (_PyUnicode_EqualToASCIIString(name, "__dict__")) {
        if (!ctx->may_add_dict || ctx->add_dict) {
            PyErr_SetString(PyExc_TypeError, "__dict__ slot disallowed: we already got one");
            return -1;
        }
        ctx->add_dict++;
        return 1;
    }
    if (_PyUnicode_EqualToASCIIString(name, "__weakref__")) {
        if (!ctx->may_add_weak || ctx->add_weak) {
            PyErr_SetString(PyExc_TypeError, "__weakref__ slot disallowed: either we already "
                                             "got one, or __itemsize__ != 0");
            return -1;
        }
        ctx->add_weak++;
        return 1;
    }
    return 0;
}

/* Parses __slots__ into ctx->slots (sorted, mangled), add_dict and add_weak. */
static int
type_new_slots(TypeNewCtx *ctx, PyObject *slots)
{
    PyObject *tuple = PyUnicode_Check(slots) ? PyTuple_Pack(1, slots) : PySequence_Tuple(slots);
    if (tuple == NULL) {
        return -1;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    PyObject *list = NULL;
    if (n > 0 && ctx->base->tp_itemsize != 0) {
        PyErr_Format(PyExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                     ctx->base->tp_name);
        goto error;
    }
    list = PyList_New(0);
    if (list == NULL) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tmp = PyTuple_GET_ITEM(tuple, i);
        if (!PyUnicode_Check(tmp)) {
            PyErr_Format(PyExc_TypeError, "__slots__ items must be strings, not '%.200s'",
                         Py_TYPE(tmp)->tp_name);
            goto error;
        }
        if (!PyUnicode_IsIdentifier(tmp)) {
            PyErr_SetString(PyExc_TypeError, "__slots__ must be identifiers");
            goto error;
        }
        int special = slots_check_special(ctx, tmp);
        if (special < 0) {
            goto error;
        }
        if (special) {
            continue;
        }
        PyObject *mangled = mangle(ctx->name, tmp);
        if (mangled == NULL) {
            goto error;
        }
        int conflict = PyDict_Contains(ctx->dict, mangled);
        if (conflict > 0 && (PyUnicode_CompareWithASCIIString(mangled, "__qualname__") == 0 ||
                             PyUnicode_CompareWithASCIIString(mangled, "__classcell__") == 0)) {
            conflict = 0; /* the compiler's entries, removed from the namespace later */
        }
        if (conflict) {
            if (conflict > 0) {
                PyErr_Format(PyExc_ValueError, "%R in __slots__ conflicts with class variable",
                             tmp);
            }
            Py_DECREF(mangled);
            goto error;
        }
        int err = PyList_Append(list, mangled);
        Py_DECREF(mangled);
        if (err < 0) {
            goto error;
        }
    }
    if (PyList_Sort(list) < 0) {
        goto error;
    }
    ctx->slots = PyList_AsTuple(list);
    if (ctx->slots == NULL) {
        goto error;
    }
    ctx->nslots = PyTuple_GET_SIZE(ctx->slots);
    Py_DECREF(list);
    Py_DECREF(tuple);
    return 0;
error:
    Py_XDECREF(list);
    Py_DECREF(tuple);
    return -1;
}

static int
type_new_layout(TypeNewCtx *ctx)
{
    PyTypeObject *base = ctx->base;
    ctx->may_add_dict = base->tp_dictoffset == 0;
    ctx->may_add_weak = base->tp_weaklistoffset == 0 && base->tp_itemsize == 0;
    PyObject *slots = PyDict_GetItemWithError(ctx->dict, ID("__slots__"));
    if (slots == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        ctx->add_dict = ctx->may_add_dict;
        ctx->add_weak = ctx->may_add_weak;
        return 0;
    }
    if (type_new_slots(ctx, slots) < 0) {
        return -1;
    }
    /* A secondary base may still contribute __dict__ / __weakref__. */
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(ctx->bases); i++) {
        PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(ctx->bases, i);
        if (b == base) {
            continue;
        }
        if (ctx->may_add_dict && !ctx->add_dict && b->tp_dictoffset != 0) {
            ctx->add_dict++;
        }
        if (ctx->may_add_weak && !ctx->add_weak && b->tp_weaklistoffset != 0) {
            ctx->add_weak++;
        }
    }
    return 0;
}

/* Functions and cells belong to the VM area (funcobject.c); weak references keep this file
 * linkable without the interpreter (a missing type simply never matches). */
extern PyTypeObject PyFunction_Type __attribute__((weak));
extern PyTypeObject PyCell_Type __attribute__((weak));
PyAPI_FUNC(int) PyCell_Set(PyObject *cell, PyObject *value) __attribute__((weak));

static int
is_python_function(PyObject *obj)
{
    return PyFunction_Check(obj);
}

static int
wrap_special_method(PyObject *dict, const char *name, PyObject *(*wrapper)(PyObject *))
{
    PyObject *key = ID(name);
    PyObject *func = key == NULL ? NULL : PyDict_GetItemWithError(dict, key);
    if (func == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!is_python_function(func)) {
        return 0;
    }
    PyObject *wrapped = wrapper(func);
    if (wrapped == NULL) {
        return -1;
    }
    int err = PyDict_SetItem(dict, key, wrapped);
    Py_DECREF(wrapped);
    return err;
}

static int
type_new_set_names_and_doc(PyTypeObject *type, TypeNewCtx *ctx)
{
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    Py_ssize_t len;
    const char *tp_name = PyUnicode_AsUTF8AndSize(ctx->name, &len);
    if (tp_name == NULL) {
        return -1;
    }
    if (strlen(tp_name) != (size_t)len) {
        PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
        return -1;
    }
    type->tp_name = tp_name;
    et->ht_name = Py_NewRef(ctx->name);
    PyObject *qualname = PyDict_GetItemWithError(ctx->dict, ID("__qualname__"));
    if (qualname != NULL) {
        if (!PyUnicode_Check(qualname)) {
            PyErr_Format(PyExc_TypeError, "type __qualname__ must be a str, not %s",
                         Py_TYPE(qualname)->tp_name);
            return -1;
        }
        et->ht_qualname = Py_NewRef(qualname);
        if (PyDict_DelItem(ctx->dict, ID("__qualname__")) < 0) {
            return -1;
        }
    } else if (PyErr_Occurred()) {
        return -1;
    } else {
        et->ht_qualname = Py_NewRef(ctx->name);
    }
    PyObject *doc = PyDict_GetItemWithError(ctx->dict, ID("__doc__"));
    if (doc != NULL && PyUnicode_Check(doc)) {
        Py_ssize_t dlen;
        const char *s = PyUnicode_AsUTF8AndSize(doc, &dlen);
        if (s == NULL) {
            return -1;
        }
        char *copy = PyObject_Malloc((size_t)dlen + 1);
        if (copy == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(copy, s, (size_t)dlen + 1);
        type->tp_doc = copy;
    }
    return PyErr_Occurred() ? -1 : 0;
}

static void
type_new_set_members(PyTypeObject *type, TypeNewCtx *ctx)
{
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    PyTypeObject *base = ctx->base;
    Py_ssize_t slotoffset = base->tp_basicsize;
    PyMemberDef *mp = (PyMemberDef *)((char *)type + Py_TYPE(type)->tp_basicsize);
    if (ctx->slots != NULL) {
        et->ht_slots = Py_NewRef(ctx->slots);
        for (Py_ssize_t i = 0; i < ctx->nslots; i++, mp++) {
            mp->name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(ctx->slots, i));
            mp->type = T_OBJECT_EX;
            mp->offset = slotoffset;
            slotoffset += sizeof(PyObject *);
        }
        type->tp_members = (PyMemberDef *)((char *)type + Py_TYPE(type)->tp_basicsize);
    }
    if (ctx->add_dict) {
        type->tp_dictoffset = base->tp_itemsize ? -(Py_ssize_t)sizeof(PyObject *) : slotoffset;
        slotoffset += sizeof(PyObject *);
    }
    if (ctx->add_weak) {
        type->tp_weaklistoffset = slotoffset;
        slotoffset += sizeof(PyObject *);
    }
    type->tp_basicsize = slotoffset;
    type->tp_itemsize = base->tp_itemsize;
    if (ctx->add_dict && ctx->add_weak) {
        type->tp_getset = subtype_getsets_full;
    } else if (ctx->add_dict) {
        type->tp_getset = subtype_getsets_dict_alone;
    } else if (ctx->add_weak) {
        type->tp_getset = subtype_getsets_weakref_only;
    }
}

static PyTypeObject *
type_new_alloc(TypeNewCtx *ctx)
{
    PyTypeObject *type = (PyTypeObject *)ctx->metatype->tp_alloc(ctx->metatype, ctx->nslots);
    if (type == NULL) {
        return NULL;
    }
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE;
    type->tp_as_async = &et->as_async;
    type->tp_as_number = &et->as_number;
    type->tp_as_sequence = &et->as_sequence;
    type->tp_as_mapping = &et->as_mapping;
    type->tp_as_buffer = &et->as_buffer;
    type->tp_bases = Py_NewRef(ctx->bases);
    type->tp_base = (PyTypeObject *)Py_NewRef((PyObject *)ctx->base);
    type->tp_dict = Py_NewRef(ctx->dict);
    type->tp_dealloc = subtype_dealloc;
    type->tp_alloc = PyType_GenericAlloc;
    return type;
}

/* The globals of the running Python frame (ceval, VM area); referenced weakly so the runtime
 * links before the VM provides it. Borrowed, NULL when no frame runs. */
PyAPI_FUNC(PyObject *) PyEval_GetGlobals(void) __attribute__((weak));

/* __module__ defaults to the __name__ of the calling frame's globals, as in CPython. */
static int
type_new_set_module(PyObject *dict)
{
    int has = PyDict_Contains(dict, ID("__module__"));
    if (has != 0) {
        return has < 0 ? -1 : 0;
    }
    PyObject *globals = PyEval_GetGlobals == NULL ? NULL : PyEval_GetGlobals();
    if (globals == NULL) {
        return 0;
    }
    PyObject *module = PyDict_GetItemWithError(globals, ID("__name__"));
    if (module == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    return PyDict_SetItem(dict, ID("__module__"), module);
}

static int
type_new_set_attrs(PyTypeObject *type, TypeNewCtx *ctx)
{
    if (type_new_set_names_and_doc(type, ctx) < 0 || type_new_set_module(ctx->dict) < 0) {
        return -1;
    }
    if (wrap_special_method(ctx->dict, "__new__", PyStaticMethod_New) < 0 ||
        wrap_special_method(ctx->dict, "__init_subclass__", PyClassMethod_New) < 0 ||
        wrap_special_method(ctx->dict, "__class_getitem__", PyClassMethod_New) < 0) {
        return -1;
    }
    type_new_set_members(type, ctx);
    if ((ctx->base->tp_flags & Py_TPFLAGS_HAVE_GC) ||
        type->tp_basicsize > ctx->base->tp_basicsize) {
        type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    }
    if (type->tp_flags & Py_TPFLAGS_HAVE_GC) {
        type->tp_traverse = subtype_traverse;
        type->tp_clear = subtype_clear;
        type->tp_free = PyObject_GC_Del;
    } else {
        type->tp_free = PyObject_Free;
    }
    return 0;
}

/* Calls value.__set_name__(type, key) for every class attribute that has it. */
static int
type_new_set_names(PyTypeObject *type)
{
    PyObject *names = PyDict_Copy(type->tp_dict);
    if (names == NULL) {
        return -1;
    }
    Py_ssize_t i = 0;
    PyObject *key, *value;
    while (PyDict_Next(names, &i, &key, &value)) {
        PyObject *set_name = _PyObject_LookupSpecial(value, ID("__set_name__"));
        if (set_name == NULL) {
            if (PyErr_Occurred()) {
                goto error;
            }
            continue;
        }
        PyObject *res = PyObject_CallFunctionObjArgs(set_name, (PyObject *)type, key, NULL);
        Py_DECREF(set_name);
        if (res == NULL) {
            _PyErr_FormatFromCause(PyExc_RuntimeError,
                                   "Error calling __set_name__ on '%.100s' instance %R in '%.100s'",
                                   Py_TYPE(value)->tp_name, key, type->tp_name);
            goto error;
        }
        Py_DECREF(res);
    }
    Py_DECREF(names);
    return 0;
error:
    Py_DECREF(names);
    return -1;
}

static int
type_new_init_subclass(PyTypeObject *type, PyObject *kwds)
{
    PyObject *super = PyObject_CallFunctionObjArgs((PyObject *)&PySuper_Type, (PyObject *)type,
                                                   (PyObject *)type, NULL);
    if (super == NULL) {
        return -1;
    }
    PyObject *func = PyObject_GetAttr(super, ID("__init_subclass__"));
    Py_DECREF(super);
    if (func == NULL) {
        return -1;
    }
    PyObject *result = PyObject_VectorcallDict(func, NULL, 0, kwds);
    Py_DECREF(func);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

/* Fills the compiler's __classcell__ (for zero-argument super()) and removes it from the
 * class dict, as CPython does. */
static int
type_new_set_classcell(PyTypeObject *type)
{
    PyObject *cell = PyDict_GetItemWithError(type->tp_dict, ID("__classcell__"));
    if (cell == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!PyCell_Check(cell)) {
        PyErr_Format(PyExc_TypeError, "__classcell__ must be a nonlocal cell, not %.200R",
                     (PyObject *)Py_TYPE(cell));
        return -1;
    }
    if (PyCell_Set(cell, (PyObject *)type) < 0) {
        return -1;
    }
    return PyDict_DelItem(type->tp_dict, ID("__classcell__"));
}

static PyObject *
type_new_impl(TypeNewCtx *ctx, PyObject *kwds)
{
    PyTypeObject *type = type_new_alloc(ctx);
    if (type == NULL) {
        return NULL;
    }
    /* the __class__ cell is filled before PyType_Ready, so a metaclass's mro() sees it */
    if (type_new_set_attrs(type, ctx) < 0 || type_new_set_classcell(type) < 0 ||
        PyType_Ready(type) < 0 || update_all_slots(type) < 0 || type_new_set_names(type) < 0 ||
        type_new_init_subclass(type, kwds) < 0) {
        Py_DECREF(type);
        return NULL;
    }
    return (PyObject *)type;
}

static PyObject *
type_new(PyTypeObject *metatype, PyObject *args, PyObject *kwds)
{
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (metatype == &PyType_Type && nargs == 1 && (kwds == NULL || !PyDict_GET_SIZE(kwds))) {
        return Py_NewRef((PyObject *)Py_TYPE(PyTuple_GET_ITEM(args, 0)));
    }
    if (nargs != 3) {
        if (metatype == &PyType_Type) {
            PyErr_SetString(PyExc_TypeError, "type() takes 1 or 3 arguments");
        } else {
            PyErr_Format(PyExc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)",
                         nargs);
        }
        return NULL;
    }
    PyObject *name = PyTuple_GET_ITEM(args, 0);
    PyObject *bases = PyTuple_GET_ITEM(args, 1);
    PyObject *orig_dict = PyTuple_GET_ITEM(args, 2);
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "type.__new__() argument 1 must be str, not %.200s",
                     Py_TYPE(name)->tp_name);
        return NULL;
    }
    if (!PyTuple_Check(bases)) {
        PyErr_Format(PyExc_TypeError, "type.__new__() argument 2 must be tuple, not %.200s",
                     Py_TYPE(bases)->tp_name);
        return NULL;
    }
    if (!PyDict_Check(orig_dict)) {
        PyErr_Format(PyExc_TypeError, "type.__new__() argument 3 must be dict, not %.200s",
                     Py_TYPE(orig_dict)->tp_name);
        return NULL;
    }
    PyTypeObject *winner = calculate_metaclass(metatype, bases);
    if (winner == NULL) {
        return NULL;
    }
    if (winner != metatype && winner->tp_new != type_new) {
        return winner->tp_new(winner, args, kwds);
    }
    TypeNewCtx ctx = {.metatype = winner, .name = name};
    ctx.bases = PyTuple_GET_SIZE(bases) == 0 ? PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type)
                                             : Py_NewRef(bases);
    PyObject *res = NULL;
    if (ctx.bases == NULL) {
        return NULL;
    }
    ctx.base = best_base(ctx.bases);
    if (ctx.base == NULL) {
        goto done;
    }
    ctx.dict = PyDict_Copy(orig_dict);
    if (ctx.dict == NULL || type_new_layout(&ctx) < 0) {
        goto done;
    }
    res = type_new_impl(&ctx, kwds);
done:
    Py_XDECREF(ctx.bases);
    Py_XDECREF(ctx.dict);
    Py_XDECREF(ctx.slots);
    return res;
}

static PyObject *
tp_new_wrapper(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyTypeObject *type = (PyTypeObject *)self;
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 1) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(): not enough arguments", type->tp_name);
        return NULL;
    }
    PyObject *arg0 = PyTuple_GET_ITEM(args, 0);
    if (!PyType_Check(arg0)) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->tp_name,
                     Py_TYPE(arg0)->tp_name);
        return NULL;
    }
    PyTypeObject *subtype = (PyTypeObject *)arg0;
    if (!PyType_IsSubtype(subtype, type)) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                     subtype->tp_name, subtype->tp_name, type->tp_name);
        return NULL;
    }
    /* Refuse to call a C __new__ that skips a C __new__ of a base in between. */
    PyTypeObject *staticbase = subtype;
    while (staticbase != NULL && staticbase->tp_new == slot_tp_new) {
        staticbase = staticbase->tp_base;
    }
    if (staticbase != NULL && staticbase->tp_new != type->tp_new) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->tp_name,
                     subtype->tp_name, staticbase->tp_name);
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (rest == NULL) {
        return NULL;
    }
    PyObject *res = type->tp_new(subtype, rest, kwds);
    Py_DECREF(rest);
    return res;
}

/* `int | str`: a types.UnionType (PEP 604) */
static PyNumberMethods type_as_number = {
    .nb_or = _Py_union_type_or,
};

PyTypeObject PyType_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "type",
    .tp_basicsize = sizeof(PyHeapTypeObject),
    .tp_itemsize = sizeof(PyMemberDef),
    .tp_dealloc = type_dealloc,
    .tp_repr = type_repr,
    .tp_as_number = &type_as_number,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    /* as CPython: calling a type uses its tp_vectorcall when set (int, float, str, bool) */
    .tp_vectorcall_offset = offsetof(PyTypeObject, tp_vectorcall),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "type(object) -> the object's type\n"
              "type(name, bases, dict, **kwds) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_members = type_members,
    .tp_getset = type_getsets,
    .tp_base = &PyBaseObject_Type,
    .tp_dictoffset = offsetof(PyTypeObject, tp_dict),
    .tp_init = type_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = type_new,
    .tp_free = PyObject_GC_Del,
    .tp_is_gc = type_is_gc,
};

/* ---- `super` ---- */

typedef struct {
    PyObject_HEAD
    PyTypeObject *type;     /* the class whose MRO successor is searched, owned */
    PyObject *obj;          /* the bound instance or class, owned, may be NULL */
    PyTypeObject *obj_type; /* type(obj) or obj itself when obj is a class, owned */
} superobject;

static PyMemberDef super_members[] = {
    {"__thisclass__", T_OBJECT, offsetof(superobject, type), READONLY,
     "the class invoking super()"},
    {"__self__", T_OBJECT, offsetof(superobject, obj), READONLY,
     "the instance invoking super(); may be None"},
    {"__self_class__", T_OBJECT, offsetof(superobject, obj_type), READONLY,
     "the type of the instance invoking super(); may be None"},
    {NULL, 0, 0, 0, NULL},
};

static void
super_dealloc(PyObject *self)
{
    superobject *su = (superobject *)self;
    PyObject_GC_UnTrack(self);
    Py_XDECREF(su->obj);
    Py_XDECREF(su->type);
    Py_XDECREF(su->obj_type);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
super_repr(PyObject *self)
{
    superobject *su = (superobject *)self;
    const char *tname = su->type != NULL ? su->type->tp_name : "NULL";
    if (su->obj_type != NULL) {
        return PyUnicode_FromFormat("<super: <class '%s'>, <%s object>>", tname,
                                    su->obj_type->tp_name);
    }
    return PyUnicode_FromFormat("<super: <class '%s'>, NULL>", tname);
}

static PyObject *
super_getattro(PyObject *self, PyObject *name)
{
    superobject *su = (superobject *)self;
    PyTypeObject *starttype = su->obj_type;
    if (starttype == NULL || !PyUnicode_Check(name) ||
        _PyUnicode_EqualToASCIIString(name, "__class__")) {
        return PyObject_GenericGetAttr(self, name);
    }
    PyObject *mro = starttype->tp_mro;
    if (mro == NULL) {
        return PyObject_GenericGetAttr(self, name);
    }
    Py_ssize_t n = PyTuple_GET_SIZE(mro), i;
    for (i = 0; i + 1 < n; i++) {
        if ((PyObject *)su->type == PyTuple_GET_ITEM(mro, i)) {
            break;
        }
    }
    Py_INCREF(mro);
    for (i++; i < n; i++) {
        PyObject *dict = ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict;
        PyObject *res = dict == NULL ? NULL : PyDict_GetItemWithError(dict, name);
        if (res != NULL) {
            Py_INCREF(res);
            Py_DECREF(mro);
            descrgetfunc f = Py_TYPE(res)->tp_descr_get;
            if (f != NULL) {
                PyObject *tmp = f(res, su->obj == (PyObject *)starttype ? NULL : su->obj,
                                  (PyObject *)starttype);
                Py_SETREF(res, tmp);
            }
            return res;
        }
        if (PyErr_Occurred()) {
            Py_DECREF(mro);
            return NULL;
        }
    }
    Py_DECREF(mro);
    return PyObject_GenericGetAttr(self, name);
}

/* type(obj) for super(type, obj), or obj when it is a subclass; NULL with TypeError. */
static PyTypeObject *
supercheck(PyTypeObject *type, PyObject *obj)
{
    if (PyType_Check(obj) && PyType_IsSubtype((PyTypeObject *)obj, type)) {
        return (PyTypeObject *)Py_NewRef(obj);
    }
    if (PyType_IsSubtype(Py_TYPE(obj), type)) {
        return (PyTypeObject *)Py_NewRef((PyObject *)Py_TYPE(obj));
    }
    PyObject *class_attr;
    if (_PyObject_LookupAttr(obj, ID("__class__"), &class_attr) < 0) {
        return NULL;
    }
    if (class_attr != NULL && PyType_Check(class_attr) &&
        (PyTypeObject *)class_attr != Py_TYPE(obj) &&
        PyType_IsSubtype((PyTypeObject *)class_attr, type)) {
        return (PyTypeObject *)class_attr;
    }
    Py_XDECREF(class_attr);
    PyErr_SetString(PyExc_TypeError,
                    "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static int super_init_args(superobject *su, PyObject *type, PyObject *obj);

static int
super_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    superobject *su = (superobject *)self;
    PyObject *type = NULL, *obj = NULL;
    if (!_PyArg_NoKeywords("super", kwds)) {
        return -1;
    }
    if (!PyArg_UnpackTuple(args, "super()", 0, 2, &type, &obj)) {
        return -1;
    }
    PyObject *owned_type = NULL, *owned_obj = NULL;
    if (type == NULL) {
        /* Zero-argument form: the VM finds __class__ and the first argument of the frame. */
        if (pyrs_vm_super_args == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
            return -1;
        }
        if (pyrs_vm_super_args(&owned_type, &owned_obj) < 0) {
            return -1;
        }
        type = owned_type;
        obj = owned_obj;
    }
    int res = super_init_args(su, type, obj);
    Py_XDECREF(owned_type);
    Py_XDECREF(owned_obj);
    return res;
}

static int
super_init_args(superobject *su, PyObject *type, PyObject *obj)
{
    if (!PyType_Check(type)) {
        PyErr_Format(PyExc_TypeError, "super() argument 1 must be a type, not %.200s",
                     Py_TYPE(type)->tp_name);
        return -1;
    }
    if (obj == Py_None) {
        obj = NULL;
    }
    PyTypeObject *obj_type = NULL;
    if (obj != NULL) {
        obj_type = supercheck((PyTypeObject *)type, obj);
        if (obj_type == NULL) {
            return -1;
        }
        Py_INCREF(obj);
    }
    Py_INCREF(type);
    Py_XSETREF(su->type, (PyTypeObject *)type);
    Py_XSETREF(su->obj, obj);
    Py_XSETREF(su->obj_type, obj_type);
    return 0;
}

static PyObject *
super_descr_get(PyObject *self, PyObject *obj, PyObject *Py_UNUSED(type))
{
    superobject *su = (superobject *)self;
    if (obj == NULL || obj == Py_None || su->obj != NULL) {
        return Py_NewRef(self);
    }
    return PyObject_CallFunctionObjArgs((PyObject *)Py_TYPE(su), (PyObject *)su->type, obj, NULL);
}

static int
super_traverse(PyObject *self, visitproc visit, void *arg)
{
    superobject *su = (superobject *)self;
    Py_VISIT(su->obj);
    Py_VISIT(su->type);
    Py_VISIT(su->obj_type);
    return 0;
}

PyTypeObject PySuper_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "super",
    .tp_basicsize = sizeof(superobject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "super() -> same as super(__class__, <first argument>)\n"
              "super(type) -> unbound super object\n"
              "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
              "super(type, type2) -> bound super object; requires issubclass(type2, type)",
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

/* ---- heap types from C specifications ---- */

#define SLOTOFF(field) ((int)offsetof(PyHeapTypeObject, field))

/* Heap-type offset of each PyType_Slot id (index = id). */
static const int slot_offsets[] = {
    0,
    SLOTOFF(as_buffer.bf_getbuffer),
    SLOTOFF(as_buffer.bf_releasebuffer),
    SLOTOFF(as_mapping.mp_ass_subscript),
    SLOTOFF(as_mapping.mp_length),
    SLOTOFF(as_mapping.mp_subscript),
    SLOTOFF(as_number.nb_absolute),
    SLOTOFF(as_number.nb_add),
    SLOTOFF(as_number.nb_and),
    SLOTOFF(as_number.nb_bool),
    SLOTOFF(as_number.nb_divmod),
    SLOTOFF(as_number.nb_float),
    SLOTOFF(as_number.nb_floor_divide),
    SLOTOFF(as_number.nb_index),
    SLOTOFF(as_number.nb_inplace_add),
    SLOTOFF(as_number.nb_inplace_and),
    SLOTOFF(as_number.nb_inplace_floor_divide),
    SLOTOFF(as_number.nb_inplace_lshift),
    SLOTOFF(as_number.nb_inplace_multiply),
    SLOTOFF(as_number.nb_inplace_or),
    SLOTOFF(as_number.nb_inplace_power),
    SLOTOFF(as_number.nb_inplace_remainder),
    SLOTOFF(as_number.nb_inplace_rshift),
    SLOTOFF(as_number.nb_inplace_subtract),
    SLOTOFF(as_number.nb_inplace_true_divide),
    SLOTOFF(as_number.nb_inplace_xor),
    SLOTOFF(as_number.nb_int),
    SLOTOFF(as_number.nb_invert),
    SLOTOFF(as_number.nb_lshift),
    SLOTOFF(as_number.nb_multiply),
    SLOTOFF(as_number.nb_negative),
    SLOTOFF(as_number.nb_or),
    SLOTOFF(as_number.nb_positive),
    SLOTOFF(as_number.nb_power),
    SLOTOFF(as_number.nb_remainder),
    SLOTOFF(as_number.nb_rshift),
    SLOTOFF(as_number.nb_subtract),
    SLOTOFF(as_number.nb_true_divide),
    SLOTOFF(as_number.nb_xor),
    SLOTOFF(as_sequence.sq_ass_item),
    SLOTOFF(as_sequence.sq_concat),
    SLOTOFF(as_sequence.sq_contains),
    SLOTOFF(as_sequence.sq_inplace_concat),
    SLOTOFF(as_sequence.sq_inplace_repeat),
    SLOTOFF(as_sequence.sq_item),
    SLOTOFF(as_sequence.sq_length),
    SLOTOFF(as_sequence.sq_repeat),
    SLOTOFF(ht_type.tp_alloc),
    SLOTOFF(ht_type.tp_base),
    SLOTOFF(ht_type.tp_bases),
    SLOTOFF(ht_type.tp_call),
    SLOTOFF(ht_type.tp_clear),
    SLOTOFF(ht_type.tp_dealloc),
    SLOTOFF(ht_type.tp_del),
    SLOTOFF(ht_type.tp_descr_get),
    SLOTOFF(ht_type.tp_descr_set),
    SLOTOFF(ht_type.tp_doc),
    SLOTOFF(ht_type.tp_getattr),
    SLOTOFF(ht_type.tp_getattro),
    SLOTOFF(ht_type.tp_hash),
    SLOTOFF(ht_type.tp_init),
    SLOTOFF(ht_type.tp_is_gc),
    SLOTOFF(ht_type.tp_iter),
    SLOTOFF(ht_type.tp_iternext),
    SLOTOFF(ht_type.tp_methods),
    SLOTOFF(ht_type.tp_new),
    SLOTOFF(ht_type.tp_repr),
    SLOTOFF(ht_type.tp_richcompare),
    SLOTOFF(ht_type.tp_setattr),
    SLOTOFF(ht_type.tp_setattro),
    SLOTOFF(ht_type.tp_str),
    SLOTOFF(ht_type.tp_traverse),
    SLOTOFF(ht_type.tp_members),
    SLOTOFF(ht_type.tp_getset),
    SLOTOFF(ht_type.tp_free),
    SLOTOFF(as_number.nb_matrix_multiply),
    SLOTOFF(as_number.nb_inplace_matrix_multiply),
    SLOTOFF(as_async.am_await),
    SLOTOFF(as_async.am_aiter),
    SLOTOFF(as_async.am_anext),
    SLOTOFF(ht_type.tp_finalize),
    SLOTOFF(as_async.am_send),
};

static PyObject *
spec_bases(PyType_Spec *spec, PyObject *bases)
{
    if (bases != NULL) {
        return PyType_Check(bases) ? PyTuple_Pack(1, bases) : Py_NewRef(bases);
    }
    for (PyType_Slot *slot = spec->slots; slot->slot; slot++) {
        if (slot->slot == Py_tp_bases) {
            return Py_NewRef((PyObject *)slot->pfunc);
        }
    }
    for (PyType_Slot *slot = spec->slots; slot->slot; slot++) {
        if (slot->slot == Py_tp_base) {
            return PyTuple_Pack(1, (PyObject *)slot->pfunc);
        }
    }
    return PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
}

static int
spec_apply_slot(PyTypeObject *type, PyType_Slot *slot, PyMemberDef **members)
{
    if (slot->slot < 0 || (size_t)slot->slot >= Py_ARRAY_LENGTH(slot_offsets)) {
        PyErr_SetString(PyExc_RuntimeError, "invalid slot offset");
        return -1;
    }
    switch (slot->slot) {
    case Py_tp_base:
    case Py_tp_bases:
        return 0;
    case Py_tp_doc: {
        if (slot->pfunc == NULL) {
            return 0;
        }
        const char *doc = skip_signature(slot->pfunc, type->tp_name);
        size_t len = strlen(doc) + 1;
        char *copy = PyObject_Malloc(len);
        if (copy == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(copy, doc, len);
        type->tp_doc = copy;
        return 0;
    }
    case Py_tp_members: {
        size_t len = 0;
        for (PyMemberDef *m = slot->pfunc; m->name != NULL; m++) {
            len++;
        }
        memcpy(*members, slot->pfunc, len * sizeof(PyMemberDef));
        type->tp_members = *members;
        return 0;
    }
    default: {
        void **ptr = (void **)((char *)type + slot_offsets[slot->slot]);
        *ptr = slot->pfunc;
        return 0;
    }
    }
}

static Py_ssize_t
spec_count_members(PyType_Spec *spec)
{
    Py_ssize_t n = 0;
    for (PyType_Slot *slot = spec->slots; slot->slot; slot++) {
        if (slot->slot == Py_tp_members) {
            for (PyMemberDef *m = slot->pfunc; m->name != NULL; m++) {
                n++;
            }
        }
    }
    return n;
}

static void
spec_special_members(PyTypeObject *type)
{
    for (PyMemberDef *m = type->tp_members; m != NULL && m->name != NULL; m++) {
        if (strcmp(m->name, "__weaklistoffset__") == 0) {
            type->tp_weaklistoffset = m->offset;
        } else if (strcmp(m->name, "__dictoffset__") == 0) {
            type->tp_dictoffset = m->offset;
        } else if (strcmp(m->name, "__vectorcalloffset__") == 0) {
            type->tp_vectorcall_offset = m->offset;
        }
    }
}

static int
spec_set_names(PyTypeObject *type, PyType_Spec *spec)
{
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    const char *s = strrchr(spec->name, '.');
    s = s == NULL ? spec->name : s + 1;
    et->ht_name = PyUnicode_FromString(s);
    if (et->ht_name == NULL) {
        return -1;
    }
    et->ht_qualname = Py_NewRef(et->ht_name);
    size_t len = strlen(spec->name) + 1;
    et->_ht_tpname = PyMem_Malloc(len);
    if (et->_ht_tpname == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(et->_ht_tpname, spec->name, len);
    type->tp_name = et->_ht_tpname;
    return 0;
}

static int
spec_set_module_attr(PyTypeObject *type, PyType_Spec *spec)
{
    const char *s = strrchr(spec->name, '.');
    if (s == NULL) {
        return 0;
    }
    PyObject *modname = PyUnicode_FromStringAndSize(spec->name, s - spec->name);
    if (modname == NULL) {
        return -1;
    }
    int err = PyDict_SetItem(type->tp_dict, ID("__module__"), modname);
    Py_DECREF(modname);
    return err;
}

PyObject *
PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec, PyObject *bases)
{
    PyObject *tuple = spec_bases(spec, bases);
    if (tuple == NULL) {
        return NULL;
    }
    PyTypeObject *base = best_base(tuple);
    PyTypeObject *type = NULL;
    if (base == NULL) {
        goto error;
    }
    Py_ssize_t nmembers = spec_count_members(spec);
    type = (PyTypeObject *)PyType_GenericAlloc(&PyType_Type, nmembers);
    if (type == NULL) {
        goto error;
    }
    PyHeapTypeObject *et = (PyHeapTypeObject *)type;
    type->tp_flags = spec->flags | Py_TPFLAGS_HEAPTYPE;
    type->tp_as_async = &et->as_async;
    type->tp_as_number = &et->as_number;
    type->tp_as_sequence = &et->as_sequence;
    type->tp_as_mapping = &et->as_mapping;
    type->tp_as_buffer = &et->as_buffer;
    type->tp_bases = tuple;
    tuple = NULL;
    type->tp_base = (PyTypeObject *)Py_NewRef((PyObject *)base);
    type->tp_basicsize = spec->basicsize;
    type->tp_itemsize = spec->itemsize;
    et->ht_module = Py_XNewRef(module);
    if (spec_set_names(type, spec) < 0) {
        goto error;
    }
    PyMemberDef *members = (PyMemberDef *)((char *)type + PyType_Type.tp_basicsize);
    for (PyType_Slot *slot = spec->slots; slot->slot; slot++) {
        if (spec_apply_slot(type, slot, &members) < 0) {
            goto error;
        }
    }
    spec_special_members(type);
    if (type->tp_dealloc == NULL) {
        type->tp_dealloc = subtype_dealloc;
    }
    if (PyType_Ready(type) < 0) {
        goto error;
    }
    if (type->tp_doc != NULL) {
        PyObject *doc = PyUnicode_FromString(type->tp_doc);
        int err = doc == NULL ? -1 : PyDict_SetItem(type->tp_dict, ID("__doc__"), doc);
        Py_XDECREF(doc);
        if (err < 0) {
            goto error;
        }
    }
    if (spec_set_module_attr(type, spec) < 0) {
        goto error;
    }
    return (PyObject *)type;
error:
    Py_XDECREF(tuple);
    Py_XDECREF(type);
    return NULL;
}

PyObject *
PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases)
{
    return PyType_FromModuleAndSpec(NULL, spec, bases);
}

PyObject *
PyType_FromSpec(PyType_Spec *spec)
{
    return PyType_FromModuleAndSpec(NULL, spec, NULL);
}

void *
PyType_GetSlot(PyTypeObject *type, int slot)
{
    if (slot <= 0 || (size_t)slot >= Py_ARRAY_LENGTH(slot_offsets)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    void **ptr = slotptr(type, slot_offsets[slot]);
    return ptr == NULL ? NULL : *ptr;
}

PyObject *
PyType_GetModule(PyTypeObject *type)
{
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' is not a heap type",
                     type->tp_name);
        return NULL;
    }
    PyObject *mod = ((PyHeapTypeObject *)type)->ht_module;
    if (mod == NULL) {
        PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' has no associated module",
                     type->tp_name);
        return NULL;
    }
    return mod;
}

PyObject *
PyType_GetModuleByDef(PyTypeObject *type, struct PyModuleDef *def)
{
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t i = 0; mro != NULL && i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *super = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (!(super->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
            continue;
        }
        PyObject *module = ((PyHeapTypeObject *)super)->ht_module;
        if (module != NULL && PyModule_GetDef(module) == def) {
            return module;
        }
    }
    PyErr_Format(PyExc_TypeError,
                 "PyType_GetModuleByDef: No superclass of '%s' has the given "
                 "module",
                 type->tp_name);
    return NULL;
}

void *
PyType_GetModuleState(PyTypeObject *type)
{
    PyObject *m = PyType_GetModule(type);
    return m == NULL ? NULL : PyModule_GetState(m);
}

int
pyrs_type_check_self(PyTypeObject *type, PyObject *descr_name, PyObject *self)
{
    if (PyObject_TypeCheck(self, type)) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "descriptor '%V' for '%.100s' objects doesn't apply to a "
                 "'%.100s' object",
                 descr_name, "?", type->tp_name, Py_TYPE(self)->tp_name);
    return -1;
}

int
pyrs_type_init(void)
{
    if (slotdefs_init() < 0 || PyType_Ready(&PyBaseObject_Type) < 0 ||
        PyType_Ready(&PyType_Type) < 0 || PyType_Ready(&PySuper_Type) < 0) {
        return -1;
    }
    return 0;
}

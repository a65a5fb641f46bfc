/* specialize.c: filling the per-instruction attribute caches of LOADATTR, LOADMETHOD and
 * STOREATTR (pyrs/code.h). What is cached mirrors the order of CPython 3.11's generic
 * attribute protocol (data descriptors, then the instance dict, then the rest), restricted to
 * the shapes whose fast path in the loop gives exactly the generic result. */
#include "pyrs/vm.h"
#include "funcobject.h"
#include "structmember.h"
#include "pyrs/dict.h"
#include "pyrs/gen.h"

/* The cache array of CODE, made at first use (NULL when out of memory). */
static PyrsAttrCache *
cache_array(PyrsCodeObject *code)
{
    if (code->co_acache == NULL) {
        code->co_acache =
            PyMem_Calloc((size_t)code->co_ninstr * PYRS_ACACHE_WAYS, sizeof(PyrsAttrCache));
    }
    return code->co_acache;
}

/* What NAME found on type TP as DESCR means for a load (PYRS_ATTR_*). */
static int
load_kind(PyTypeObject *tp, PyObject *descr, PyrsAttrCache *e)
{
    if (tp->tp_getattro != PyObject_GenericGetAttr) {
        return PYRS_ATTR_NONE;
    }
    if (descr == NULL) {
        e->offset = tp->tp_dictoffset;
        return tp->tp_dictoffset > 0 ? PYRS_ATTR_DICT : PYRS_ATTR_NONE;
    }
    PyTypeObject *dt = Py_TYPE(descr);
    if (dt == &PyMemberDescr_Type) {
        PyMemberDef *m = ((PyMemberDescrObject *)descr)->d_member;
        if (m->type == T_OBJECT_EX && !(m->flags & PY_AUDIT_READ)) {
            e->offset = m->offset;
            return PYRS_ATTR_SLOT;
        }
        return PYRS_ATTR_NONE;
    }
    if (dt == &PyProperty_Type) {
        /* the getter is read from the property each time (property.__init__ can change it);
         * its offset comes from the property type's own `fget` member */
        PyObject *m = PyDict_GetItemString(PyProperty_Type.tp_dict, "fget");
        if (m == NULL || Py_TYPE(m) != &PyMemberDescr_Type) {
            return PYRS_ATTR_NONE;
        }
        e->descr = descr;
        e->offset = ((PyMemberDescrObject *)m)->d_member->offset;
        return PYRS_ATTR_PROPERTY;
    }
    if (tp->tp_dictoffset < 0) {
        return PYRS_ATTR_NONE; /* the shadowing check below needs a plain dict slot (or none) */
    }
    e->offset = tp->tp_dictoffset;
    if (dt == &PyFunction_Type) {
        e->descr = descr;
        return PYRS_ATTR_METHOD;
    }
    if (PyType_HasFeature(dt, Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        e->descr = descr;
        return PYRS_ATTR_CMETHOD;
    }
    if (dt->tp_descr_get == NULL) {
        e->descr = descr;
        return PYRS_ATTR_CLASSVAR;
    }
    return PYRS_ATTR_NONE;
}

/* ... and for a store. */
static int
store_kind(PyTypeObject *tp, PyObject *descr, PyrsAttrCache *e)
{
    if (tp->tp_setattro != PyObject_GenericSetAttr) {
        return PYRS_ATTR_NONE;
    }
    if (descr != NULL && Py_TYPE(descr) == &PyMemberDescr_Type) {
        PyMemberDef *m = ((PyMemberDescrObject *)descr)->d_member;
        if (m->type == T_OBJECT_EX && !(m->flags & READONLY)) {
            e->offset = m->offset;
            return PYRS_ATTR_SLOT;
        }
        return PYRS_ATTR_NONE;
    }
    if ((descr == NULL || Py_TYPE(descr)->tp_descr_set == NULL) && tp->tp_dictoffset > 0) {
        e->offset = tp->tp_dictoffset;
        return PYRS_ATTR_DICT;
    }
    return PYRS_ATTR_NONE;
}

/* The entry index of NAME in the shared instance-dict keys DK, or -1. The entries follow the
 * hash index (pyrs/dict.h); every key of a shared table is an exact str. */
static Py_ssize_t
shared_index(PyDictKeysObject *dk, PyObject *name)
{
    const PyrsDictEntry *ep =
        (const PyrsDictEntry *)&dk->dk_indices[(size_t)1 << dk->dk_log2_index_bytes];
    for (Py_ssize_t i = 0; i < dk->dk_nentries; i++) {
        PyObject *k = ep[i].me_key;
        if (k == name ||
            (k != NULL && PyUnicode_CheckExact(k) && PyUnicode_Compare(k, name) == 0)) {
            return i;
        }
    }
    return -1;
}

/* Fills E's split-dict fields for NAME on heap type TP whose instances share dict keys: where
 * a DICT load finds the value, or how many keys are known not to shadow a METHOD/CLASSVAR. */
static void
fill_split(PyTypeObject *tp, PyObject *name, PyrsAttrCache *e)
{
    e->keys = NULL;
    e->split = -1;
    PyDictKeysObject *dk = PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE)
                               ? ((PyHeapTypeObject *)tp)->ht_cached_keys
                               : NULL;
    if (dk == NULL || dk->dk_kind != PYRS_DICT_KEYS_SPLIT) {
        return;
    }
    Py_ssize_t ix = shared_index(dk, name);
    if (e->kind == PYRS_ATTR_DICT && ix >= 0) {
        e->split = ix;
    } else if ((e->kind == PYRS_ATTR_METHOD || e->kind == PYRS_ATTR_CMETHOD ||
                e->kind == PYRS_ATTR_CLASSVAR) &&
               ix < 0) {
        e->split = dk->dk_nentries;
    } else {
        return;
    }
    e->keys = dk;
}

PyrsAttrCache *
pyrs_vm_attr_specialize(PyrsCodeObject *code, Py_ssize_t pc, PyObject *obj, PyObject *name,
                        int for_store)
{
    PyrsAttrCache *arr = cache_array(code);
    if (arr == NULL) {
        return NULL;
    }
    /* A miss re-fills one way in turn: cheaper than the generic protocol even when more
     * types than ways alternate at the site (measured on method_dispatch, richards). */
    PyrsAttrCache *first = &arr[pc * PYRS_ACACHE_WAYS];
    PyrsAttrCache *e = first + (first->fills++ % PYRS_ACACHE_WAYS);
    e->version = 0;
    e->kind = PYRS_ATTR_NONE;
    e->descr = NULL;
    e->keys = NULL;
    e->split = -1;
    PyTypeObject *tp = Py_TYPE(obj);
    if (!PyUnicode_CheckExact(name)) {
        return e;
    }
    PyObject *descr = _PyType_Lookup(tp, name); /* assigns the type a version tag */
    if (!PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG) || tp->tp_version_tag == 0) {
        return e;
    }
    e->kind = for_store ? store_kind(tp, descr, e) : load_kind(tp, descr, e);
    if (!for_store) {
        fill_split(tp, name, e);
    }
    e->version = tp->tp_version_tag;
    return e;
}

PyObject *
pyrs_vm_init_specialize(PyrsCodeObject *code, Py_ssize_t pc, PyTypeObject *tp)
{
    static PyObject *str_init;
    if (str_init == NULL && (str_init = PyUnicode_InternFromString("__init__")) == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyrsAttrCache *arr = cache_array(code);
    if (arr == NULL) {
        return NULL;
    }
    PyrsAttrCache *e = &arr[pc * PYRS_ACACHE_WAYS]; /* one way: re-filled at every miss */
    e->version = 0;
    e->kind = PYRS_ATTR_NONE;
    e->descr = NULL;
    e->keys = NULL;
    e->split = -1;
    PyObject *init = _PyType_Lookup(tp, str_init); /* assigns the type a version tag */
    if (!PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG) || tp->tp_version_tag == 0) {
        return NULL;
    }
    e->version = tp->tp_version_tag;
    /* a Python __init__ means type.__call__ runs it through the slot (tp_init), which the
     * loop does itself; generator functions keep the slot's error path */
    if (init == NULL || !PyFunction_Check(init) || tp->tp_init == PyBaseObject_Type.tp_init ||
        (((PyrsCodeObject *)((PyFunctionObject *)init)->func_code)->co_flags & PYRS_CO_GENLIKE)) {
        return NULL;
    }
    e->kind = PYRS_ATTR_INIT;
    e->descr = init;
    return init;
}

/* dictobject.h: the dict type with CPython 3.11's PyDictObject layout (compact, ordered,
 * optionally split tables), its views and iterators, and the C-API (Objects/dictobject.c). */
#ifndef PYRS_DICTOBJECT_H
#define PYRS_DICTOBJECT_H

#include "object.h"

/* The keys table (hash index plus ordered entries); layout private to dictobject.c, see
 * pyrs/dict.h. Split dicts share one keys table and keep their values apart. */
typedef struct _dictkeysobject PyDictKeysObject;
typedef struct _dictvalues PyDictValues;

typedef struct {
    PyObject_HEAD
    Py_ssize_t ma_used;        /* number of items */
    uint64_t ma_version_tag;   /* globally unique, nonzero; renewed on every mutation */
    PyDictKeysObject *ma_keys; /* keys (and values when combined); never NULL */
    PyDictValues *ma_values;   /* NULL for a combined table, else the split values */
} PyDictObject;

PyAPI_DATA(PyTypeObject) PyDict_Type;
PyAPI_DATA(PyTypeObject) PyDictKeys_Type;
PyAPI_DATA(PyTypeObject) PyDictValues_Type;
PyAPI_DATA(PyTypeObject) PyDictItems_Type;
PyAPI_DATA(PyTypeObject) PyDictIterKey_Type;
PyAPI_DATA(PyTypeObject) PyDictIterValue_Type;
PyAPI_DATA(PyTypeObject) PyDictIterItem_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterKey_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterValue_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterItem_Type;

#define PyDict_Check(op)        PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op)   Py_IS_TYPE((op), &PyDict_Type)
#define PyDict_GET_SIZE(op)     (((PyDictObject *)(op))->ma_used)
#define PyDictKeys_Check(op)    PyObject_TypeCheck((op), &PyDictKeys_Type)
#define PyDictValues_Check(op)  PyObject_TypeCheck((op), &PyDictValues_Type)
#define PyDictItems_Check(op)   PyObject_TypeCheck((op), &PyDictItems_Type)
#define PyDictViewSet_Check(op) (PyDictKeys_Check(op) || PyDictItems_Check(op))

/* All functions below: "may run Python code" means __hash__/__eq__ of keys. */

/* New empty dict; NULL on error. */
PyAPI_FUNC(PyObject *) PyDict_New(void);
/* New empty dict sized for MINUSED items without resizing; NULL on error. */
PyAPI_FUNC(PyObject *) _PyDict_NewPresized(Py_ssize_t minused);
/* Borrowed value or NULL; never raises (errors from hash/eq are swallowed). */
PyAPI_FUNC(PyObject *) PyDict_GetItem(PyObject *mp, PyObject *key);
/* Borrowed value, or NULL with an exception set on error, NULL without when missing. */
PyAPI_FUNC(PyObject *) PyDict_GetItemWithError(PyObject *mp, PyObject *key);
/* As PyDict_GetItemWithError with HASH already computed (trusted, not recomputed). */
PyAPI_FUNC(PyObject *) _PyDict_GetItem_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash);
/* As PyDict_GetItem with a C string key; never raises. */
PyAPI_FUNC(PyObject *) PyDict_GetItemString(PyObject *mp, const char *key);
PyAPI_FUNC(PyObject *) _PyDict_GetItemStringWithError(PyObject *mp, const char *key);
/* mp[key] = item (both borrowed). 0 or -1. */
PyAPI_FUNC(int) PyDict_SetItem(PyObject *mp, PyObject *key, PyObject *item);
PyAPI_FUNC(int) _PyDict_SetItem_KnownHash(PyObject *mp, PyObject *key, PyObject *item,
                                          Py_hash_t hash);
PyAPI_FUNC(int) PyDict_SetItemString(PyObject *mp, const char *key, PyObject *item);
/* del mp[key]; -1 with KeyError(key) when missing. */
PyAPI_FUNC(int) PyDict_DelItem(PyObject *mp, PyObject *key);
PyAPI_FUNC(int) _PyDict_DelItem_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash);
PyAPI_FUNC(int) PyDict_DelItemString(PyObject *mp, const char *key);
/* Removes every item. */
PyAPI_FUNC(void) PyDict_Clear(PyObject *mp);
/* Iterates in insertion order: start with *pos = 0; returns 1 with borrowed key/value
 * (either pointer may be NULL) or 0 at the end. The dict must not change meanwhile. */
PyAPI_FUNC(int) PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value);
PyAPI_FUNC(int) _PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value,
                             Py_hash_t *hash);
/* New list of keys / values / (key, value) tuples; NULL on error. */
PyAPI_FUNC(PyObject *) PyDict_Keys(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Values(PyObject *mp);
PyAPI_FUNC(PyObject *) PyDict_Items(PyObject *mp);
/* len(mp), or -1 with SystemError for a non-dict. */
PyAPI_FUNC(Py_ssize_t) PyDict_Size(PyObject *mp);
/* New shallow copy; NULL on error. */
PyAPI_FUNC(PyObject *) PyDict_Copy(PyObject *mp);
/* key in mp: 1, 0, or -1 on error. */
PyAPI_FUNC(int) PyDict_Contains(PyObject *mp, PyObject *key);
PyAPI_FUNC(int) _PyDict_Contains_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash);
/* mp.update(other) for a mapping OTHER. 0 or -1. */
PyAPI_FUNC(int) PyDict_Update(PyObject *mp, PyObject *other);
/* As update; keeps existing keys when OVERRIDE is 0. 0 or -1. */
PyAPI_FUNC(int) PyDict_Merge(PyObject *mp, PyObject *other, int override);
/* Update from an iterable of 2-item sequences. 0 or -1. */
PyAPI_FUNC(int) PyDict_MergeFromSeq2(PyObject *mp, PyObject *seq2, int override);
/* mp.setdefault(key, defaultobj): borrowed result, NULL on error. */
PyAPI_FUNC(PyObject *) PyDict_SetDefault(PyObject *mp, PyObject *key, PyObject *defaultobj);
/* mp.pop(key[, deflt]) (DEFLT NULL: KeyError when missing); new reference or NULL. */
PyAPI_FUNC(PyObject *) _PyDict_Pop(PyObject *mp, PyObject *key, PyObject *deflt);
/* The _Py_Identifier variants (a static C string key, interned on use); same contracts as
 * the functions above. The struct is CPython's {const char *string; Py_ssize_t index;}. */
struct _Py_Identifier;
PyAPI_FUNC(PyObject *) _PyDict_GetItemId(PyObject *dp, struct _Py_Identifier *key);
PyAPI_FUNC(PyObject *) _PyDict_GetItemIdWithError(PyObject *dp, struct _Py_Identifier *key);
PyAPI_FUNC(int) _PyDict_SetItemId(PyObject *dp, struct _Py_Identifier *key, PyObject *item);
PyAPI_FUNC(int) _PyDict_DelItemId(PyObject *mp, struct _Py_Identifier *key);
PyAPI_FUNC(int) _PyDict_ContainsId(PyObject *mp, struct _Py_Identifier *key);
/* 1 if every key of MP is a str (exact or subclass), else 0. Never fails. */
PyAPI_FUNC(int) _PyDict_HasOnlyStringKeys(PyObject *mp);
/* dict.__sizeof__ of MP. */
PyAPI_FUNC(Py_ssize_t) _PyDict_SizeOf(PyDictObject *mp);

#endif /* PYRS_DICTOBJECT_H */

/* pyrs/dict.h: the private layout of dict keys tables (CPython 3.11's compact ordered design:
 * a hash index of 1/2/4/8-byte slots followed by insertion-ordered entries) and the
 * key-sharing API for instance dicts of heap types (split tables). */
#ifndef PYRS_DICT_H
#define PYRS_DICT_H

#include "Python.h"

#define PYRS_DICT_KEYS_GENERAL 0 /* any keys; combined table */
#define PYRS_DICT_KEYS_UNICODE 1 /* only exact str keys so far; combined table */
#define PYRS_DICT_KEYS_SPLIT   2 /* shared by several dicts; values live in each dict */

/* One slot of the ordered entry array. me_key NULL marks a deleted entry. */
typedef struct {
    Py_hash_t me_hash;  /* cached hash of me_key */
    PyObject *me_key;   /* owned, or NULL */
    PyObject *me_value; /* owned; always NULL in split (shared) keys */
} PyrsDictEntry;

struct _dictkeysobject {
    Py_ssize_t dk_refcnt;        /* dicts (and the owning type) sharing this table */
    uint8_t dk_log2_size;        /* the index has 1 << dk_log2_size slots */
    uint8_t dk_log2_index_bytes; /* the index occupies 1 << this many bytes */
    uint8_t dk_kind;             /* PYRS_DICT_KEYS_* */
    uint32_t dk_version;         /* keys version for interpreter caches; 0 = none */
    Py_ssize_t dk_usable;        /* entries that can still be appended */
    Py_ssize_t dk_nentries;      /* entries used so far (including deleted ones) */
    char dk_indices[];           /* the hash index, then the PyrsDictEntry array */
};

/* The values of a split dict, parallel to the shared keys' entries. */
struct _dictvalues {
    Py_ssize_t last;     /* 1 + the highest index holding a value (insertion order) */
    Py_ssize_t capacity; /* slots in values */
    PyObject *values[];  /* owned references or NULL (every slot, also from last on) */
};

/* New shared keys table for the instances of a heap type (refcount 1, owned by the type);
 * NULL with MemoryError. */
PyDictKeysObject *pyrs_dict_shared_keys_new(void);
/* Releases one reference to KEYS (NULL allowed). */
void pyrs_dict_keys_decref(PyDictKeysObject *keys);
/* New empty dict sharing KEYS when it is a shared table with room, else a plain dict; NULL
 * on error. Behaves exactly like any dict; it stops sharing on deletions or out-of-order
 * insertions. */
PyObject *pyrs_dict_new_split(PyDictKeysObject *keys);

/* The version of MP's keys table for interpreter caches (LOAD_GLOBAL): nonzero, stable while
 * no key is added or removed, never reused for another key set; 0 when the counter is
 * exhausted. Assigns one on first use. */
uint32_t pyrs_dict_keys_version(PyDictObject *mp);

/* The next (key, value) of IT, an exact dict items iterator, stored as new references in
 * OUT[0] and OUT[1] (their previous values released after): 1; 0 when exhausted, or with
 * RuntimeError set when the dict changed during iteration. Saves the VM the pair tuple of
 * `for k, v in d.items()`. Releasing old values may run Python code (__del__). */
int pyrs_dict_iter_next_pair(PyObject *it, PyObject **out);

#endif /* PYRS_DICT_H */

/* pyrs/hashtable.h: the C hash table of void * keys CPython 3.11 exports as _Py_hashtable_*
 * (runtime/cpyext/hashtable.c). The structs keep CPython's layout because extensions built
 * against pycore_hashtable.h inline _Py_hashtable_get_entry (a call through get_entry_func). */
#ifndef PYRS_HASHTABLE_H
#define PYRS_HASHTABLE_H

#include "Python.h"

typedef struct _Py_slist_item_s {
    struct _Py_slist_item_s *next;
} _Py_slist_item_t;

typedef struct {
    _Py_slist_item_t *head;
} _Py_slist_t;

typedef struct {
    _Py_slist_item_t _Py_slist_item; /* link in its bucket */
    Py_uhash_t key_hash;
    void *key;
    void *value;
} _Py_hashtable_entry_t;

typedef struct _Py_hashtable_t _Py_hashtable_t;
typedef Py_uhash_t (*_Py_hashtable_hash_func)(const void *key);
typedef int (*_Py_hashtable_compare_func)(const void *key1, const void *key2);
typedef void (*_Py_hashtable_destroy_func)(void *key);
typedef _Py_hashtable_entry_t *(*_Py_hashtable_get_entry_func)(_Py_hashtable_t *ht,
                                                               const void *key);
typedef int (*_Py_hashtable_foreach_func)(_Py_hashtable_t *ht, const void *key, const void *value,
                                          void *user_data);

typedef struct {
    void *(*malloc)(size_t size);
    void (*free)(void *ptr);
} _Py_hashtable_allocator_t;

struct _Py_hashtable_t {
    size_t nentries;
    size_t nbuckets;
    _Py_slist_t *buckets;
    _Py_hashtable_get_entry_func get_entry_func;
    _Py_hashtable_hash_func hash_func;
    _Py_hashtable_compare_func compare_func;
    _Py_hashtable_destroy_func key_destroy_func;   /* or NULL */
    _Py_hashtable_destroy_func value_destroy_func; /* or NULL */
    _Py_hashtable_allocator_t alloc;
};

/* Hash of a pointer (its bits rotated) and pointer equality (1 when equal). */
PyAPI_FUNC(Py_uhash_t) _Py_hashtable_hash_ptr(const void *key);
PyAPI_FUNC(int) _Py_hashtable_compare_direct(const void *key1, const void *key2);

/* A new empty table (NULL without an exception when memory is short; ALLOCATOR NULL means
 * PyMem_Malloc/PyMem_Free). destroy frees the table and calls the destroy functions on
 * every key and value; clear empties it the same way. */
PyAPI_FUNC(_Py_hashtable_t *) _Py_hashtable_new(_Py_hashtable_hash_func hash_func,
                                                _Py_hashtable_compare_func compare_func);
PyAPI_FUNC(_Py_hashtable_t *) _Py_hashtable_new_full(_Py_hashtable_hash_func hash_func,
                                                     _Py_hashtable_compare_func compare_func,
                                                     _Py_hashtable_destroy_func key_destroy_func,
                                                     _Py_hashtable_destroy_func value_destroy_func,
                                                     _Py_hashtable_allocator_t *allocator);
PyAPI_FUNC(void) _Py_hashtable_destroy(_Py_hashtable_t *ht);
PyAPI_FUNC(void) _Py_hashtable_clear(_Py_hashtable_t *ht);

/* Calls FUNC on each entry until it returns nonzero; that value, or 0. */
PyAPI_FUNC(int) _Py_hashtable_foreach(_Py_hashtable_t *ht, _Py_hashtable_foreach_func func,
                                      void *user_data);
/* Bytes used by the table and its entries. */
PyAPI_FUNC(size_t) _Py_hashtable_size(const _Py_hashtable_t *ht);
/* Adds KEY -> VALUE (the key must not be present). 0, or -1 when memory is short (no
 * exception set). */
PyAPI_FUNC(int) _Py_hashtable_set(_Py_hashtable_t *ht, const void *key, void *value);
/* The value of KEY, or NULL when absent. */
PyAPI_FUNC(void *) _Py_hashtable_get(_Py_hashtable_t *ht, const void *key);
/* Removes KEY without destroying it or its value; the value, or NULL when absent. */
PyAPI_FUNC(void *) _Py_hashtable_steal(_Py_hashtable_t *ht, const void *key);

static inline _Py_hashtable_entry_t *
_Py_hashtable_get_entry(_Py_hashtable_t *ht, const void *key)
{
    return ht->get_entry_func(ht, key);
}

#endif /* PYRS_HASHTABLE_H */

/* cpyext/hashtable.c: _Py_hashtable_*, the chained hash table of void * keys that CPython
 * 3.11 exports for its own extension modules (_hashlib caches digests in one,
 * _testinternalcapi tests it). Same struct layout and contracts as Python/hashtable.c;
 * power-of-two bucket counts, grown above 50% load and shrunk below 10%. */
#include <string.h>

#include "pyrs/hashtable.h"

#define MIN_BUCKETS   16
#define LOAD_HIGH     0.50
#define LOAD_LOW      0.10

#define ENTRY_NEXT(e) ((_Py_hashtable_entry_t *)(e)->_Py_slist_item.next)
#define BUCKET(ht, i) ((_Py_hashtable_entry_t *)(ht)->buckets[i].head)

Py_uhash_t
_Py_hashtable_hash_ptr(const void *key)
{
    size_t y = (size_t)key;
    return (Py_uhash_t)((y >> 4) | (y << (8 * sizeof(void *) - 4)));
}

int
_Py_hashtable_compare_direct(const void *key1, const void *key2)
{
    return key1 == key2;
}

static size_t
round_size(size_t n)
{
    size_t r = MIN_BUCKETS;
    while (r < n) {
        r <<= 1;
    }
    return r;
}

static _Py_hashtable_entry_t *
get_entry(_Py_hashtable_t *ht, const void *key)
{
    Py_uhash_t h = ht->hash_func(key);
    _Py_hashtable_entry_t *e = BUCKET(ht, h & (ht->nbuckets - 1));
    for (; e != NULL; e = ENTRY_NEXT(e)) {
        if (e->key_hash == h && ht->compare_func(key, e->key)) {
            return e;
        }
    }
    return NULL;
}

/* Moves every entry into a table of buckets sized for the current count. 0, or -1 when
 * memory is short (the table stays as it was). */
static int
rehash(_Py_hashtable_t *ht)
{
    size_t n = round_size((size_t)((double)ht->nentries / (LOAD_HIGH * 0.8)));
    if (n == ht->nbuckets) {
        return 0;
    }
    _Py_slist_t *buckets = ht->alloc.malloc(n * sizeof(_Py_slist_t));
    if (buckets == NULL) {
        return -1;
    }
    memset(buckets, 0, n * sizeof(_Py_slist_t));
    for (size_t i = 0; i < ht->nbuckets; i++) {
        _Py_hashtable_entry_t *e = BUCKET(ht, i);
        while (e != NULL) {
            _Py_hashtable_entry_t *next = ENTRY_NEXT(e);
            _Py_slist_t *b = &buckets[e->key_hash & (n - 1)];
            e->_Py_slist_item.next = b->head;
            b->head = &e->_Py_slist_item;
            e = next;
        }
    }
    ht->alloc.free(ht->buckets);
    ht->buckets = buckets;
    ht->nbuckets = n;
    return 0;
}

_Py_hashtable_t *
_Py_hashtable_new_full(_Py_hashtable_hash_func hash_func, _Py_hashtable_compare_func compare_func,
                       _Py_hashtable_destroy_func key_destroy_func,
                       _Py_hashtable_destroy_func value_destroy_func,
                       _Py_hashtable_allocator_t *allocator)
{
    _Py_hashtable_allocator_t alloc = {PyMem_Malloc, PyMem_Free};
    if (allocator != NULL) {
        alloc = *allocator;
    }
    _Py_hashtable_t *ht = alloc.malloc(sizeof(_Py_hashtable_t));
    if (ht == NULL) {
        return NULL;
    }
    ht->nentries = 0;
    ht->nbuckets = MIN_BUCKETS;
    ht->buckets = alloc.malloc(MIN_BUCKETS * sizeof(_Py_slist_t));
    if (ht->buckets == NULL) {
        alloc.free(ht);
        return NULL;
    }
    memset(ht->buckets, 0, MIN_BUCKETS * sizeof(_Py_slist_t));
    ht->get_entry_func = get_entry;
    ht->hash_func = hash_func;
    ht->compare_func = compare_func;
    ht->key_destroy_func = key_destroy_func;
    ht->value_destroy_func = value_destroy_func;
    ht->alloc = alloc;
    return ht;
}

_Py_hashtable_t *
_Py_hashtable_new(_Py_hashtable_hash_func hash_func, _Py_hashtable_compare_func compare_func)
{
    return _Py_hashtable_new_full(hash_func, compare_func, NULL, NULL, NULL);
}

static void
destroy_entry(_Py_hashtable_t *ht, _Py_hashtable_entry_t *e)
{
    if (ht->key_destroy_func != NULL) {
        ht->key_destroy_func(e->key);
    }
    if (ht->value_destroy_func != NULL) {
        ht->value_destroy_func(e->value);
    }
    ht->alloc.free(e);
}

void
_Py_hashtable_clear(_Py_hashtable_t *ht)
{
    for (size_t i = 0; i < ht->nbuckets; i++) {
        _Py_hashtable_entry_t *e = BUCKET(ht, i);
        while (e != NULL) {
            _Py_hashtable_entry_t *next = ENTRY_NEXT(e);
            destroy_entry(ht, e);
            e = next;
        }
        ht->buckets[i].head = NULL;
    }
    ht->nentries = 0;
    (void)rehash(ht); /* back to the minimum; failure keeps the larger bucket array */
}

void
_Py_hashtable_destroy(_Py_hashtable_t *ht)
{
    for (size_t i = 0; i < ht->nbuckets; i++) {
        _Py_hashtable_entry_t *e = BUCKET(ht, i);
        while (e != NULL) {
            _Py_hashtable_entry_t *next = ENTRY_NEXT(e);
            destroy_entry(ht, e);
            e = next;
        }
    }
    ht->alloc.free(ht->buckets);
    ht->alloc.free(ht);
}

int
_Py_hashtable_foreach(_Py_hashtable_t *ht, _Py_hashtable_foreach_func func, void *user_data)
{
    for (size_t i = 0; i < ht->nbuckets; i++) {
        for (_Py_hashtable_entry_t *e = BUCKET(ht, i); e != NULL; e = ENTRY_NEXT(e)) {
            int r = func(ht, e->key, e->value, user_data);
            if (r != 0) {
                return r;
            }
        }
    }
    return 0;
}

size_t
_Py_hashtable_size(const _Py_hashtable_t *ht)
{
    return sizeof(*ht) + ht->nbuckets * sizeof(_Py_slist_t) +
           ht->nentries * sizeof(_Py_hashtable_entry_t);
}

int
_Py_hashtable_set(_Py_hashtable_t *ht, const void *key, void *value)
{
    _Py_hashtable_entry_t *e = ht->alloc.malloc(sizeof(_Py_hashtable_entry_t));
    if (e == NULL) {
        return -1;
    }
    e->key_hash = ht->hash_func(key);
    e->key = (void *)key;
    e->value = value;
    _Py_slist_t *b = &ht->buckets[e->key_hash & (ht->nbuckets - 1)];
    e->_Py_slist_item.next = b->head;
    b->head = &e->_Py_slist_item;
    ht->nentries++;
    if ((double)ht->nentries / (double)ht->nbuckets > LOAD_HIGH && rehash(ht) < 0) {
        _Py_hashtable_steal(ht, key); /* undo: the caller sees a memory error */
        return -1;
    }
    return 0;
}

void *
_Py_hashtable_get(_Py_hashtable_t *ht, const void *key)
{
    _Py_hashtable_entry_t *e = ht->get_entry_func(ht, key);
    return e != NULL ? e->value : NULL;
}

void *
_Py_hashtable_steal(_Py_hashtable_t *ht, const void *key)
{
    Py_uhash_t h = ht->hash_func(key);
    _Py_slist_item_t **link = &ht->buckets[h & (ht->nbuckets - 1)].head;
    for (; *link != NULL; link = &(*link)->next) {
        _Py_hashtable_entry_t *e = (_Py_hashtable_entry_t *)*link;
        if (e->key_hash == h && ht->compare_func(key, e->key)) {
            *link = e->_Py_slist_item.next;
            void *value = e->value;
            ht->alloc.free(e);
            ht->nentries--;
            if ((double)ht->nentries / (double)ht->nbuckets < LOAD_LOW) {
                (void)rehash(ht); /* failure only keeps the table larger */
            }
            return value;
        }
    }
    return NULL;
}

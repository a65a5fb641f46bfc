/* pyrs/hash.h: start-up of pyhash.c (the SipHash key from PYTHONHASHSEED). */
#ifndef PYRS_HASH_H
#define PYRS_HASH_H

#include "pyrs/port.h"

/* Reads PYTHONHASHSEED and derives the key as CPython does; 0 on success, -1 (message on
 * stderr) when the variable is invalid. Idempotent. */
int pyrs_hash_init(void);
/* Re-key as PYTHONHASHSEED=SEED would (0 .. 4294967295); for tests and start-up options.
 * Every cached hash computed before becomes stale: call before creating objects. */
void pyrs_hash_set_seed(long seed);
/* The seed in use: 0 .. 4294967295 when fixed by PYTHONHASHSEED, -1 when random. */
long pyrs_hash_seed(void);
/* SipHash-1-3 of LEN bytes at SRC under the key (KEY, 0), independent of the hash seed: the
 * source hash of PEP 552 .pyc files (CPython's _Py_KeyedHash). Cannot fail. */
uint64_t pyrs_hash_keyed(uint64_t key, const void *src, Py_ssize_t len);

#endif /* PYRS_HASH_H */

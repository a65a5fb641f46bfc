/* pyrs/set.h: set operations other container files reuse (dict views build sets). All take
 * a set or frozenset SET (freshly made, so mutating a frozenset is allowed), may run Python
 * code, and return 0 / a new reference, or -1 / NULL with an exception set. */
#ifndef PYRS_SET_H
#define PYRS_SET_H

#include "Python.h"

/* set.difference_update(other) on SET. */
PYRS_MUST_CHECK int pyrs_set_difference_update(PyObject *set, PyObject *other);
/* set.symmetric_difference_update(other) on SET. */
PYRS_MUST_CHECK int pyrs_set_symmetric_difference_update(PyObject *set, PyObject *other);
/* set.intersection(other): a new set (or frozenset, following SET's type). */
PyObject *pyrs_set_intersection(PyObject *set, PyObject *other);

/* `KEY in SET` (the sq_contains of set and frozenset): 1 or 0, -1 with the exception set
 * (an unhashable KEY; a set KEY is looked up as a frozenset, as CPython). May run Python code
 * (__hash__, __eq__). */
PYRS_MUST_CHECK int pyrs_set_contains(PyObject *set, PyObject *key);

#endif /* PYRS_SET_H */

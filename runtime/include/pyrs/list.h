/* pyrs/list.h: list internals shared between listobject.c and listsort.c. */
#ifndef PYRS_LIST_H
#define PYRS_LIST_H

#include "Python.h"

/* list.sort(key=KEYFUNC, reverse=REVERSE) on SELF (KEYFUNC None for none): a stable
 * adaptive merge sort making the comparisons CPython 3.11 makes. Runs Python code; 0, or -1
 * with the exception set (ValueError "list modified during sort" if SELF changed). */
PYRS_MUST_CHECK int pyrs_list_sort(PyListObject *self, PyObject *keyfunc, int reverse);
/* Reverses the pointers in [lo, hi). */
void pyrs_list_reverse_slice(PyObject **lo, PyObject **hi);

#endif /* PYRS_LIST_H */

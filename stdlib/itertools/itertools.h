/* itertools/itertools.h: what the itertools module's files share: the type objects each file
 * defines and the small helpers they all use. Internal to stdlib/itertools. */
#ifndef PYRS_STDLIB_ITERTOOLS_H
#define PYRS_STDLIB_ITERTOOLS_H

#include "Python.h"

/* basic.c */
extern PyTypeObject pyrs_itertools_chain_type;
extern PyTypeObject pyrs_itertools_islice_type;
extern PyTypeObject pyrs_itertools_accumulate_type;
extern PyTypeObject pyrs_itertools_compress_type;
extern PyTypeObject pyrs_itertools_count_type;
extern PyTypeObject pyrs_itertools_cycle_type;
extern PyTypeObject pyrs_itertools_dropwhile_type;
extern PyTypeObject pyrs_itertools_takewhile_type;
extern PyTypeObject pyrs_itertools_filterfalse_type;
extern PyTypeObject pyrs_itertools_starmap_type;
extern PyTypeObject pyrs_itertools_repeat_type;
extern PyTypeObject pyrs_itertools_pairwise_type;
extern PyTypeObject pyrs_itertools_ziplongest_type;
/* groupby.c */
extern PyTypeObject pyrs_itertools_groupby_type;
extern PyTypeObject pyrs_itertools_grouper_type;
/* combinatorics.c */
extern PyTypeObject pyrs_itertools_product_type;
extern PyTypeObject pyrs_itertools_combinations_type;
extern PyTypeObject pyrs_itertools_cwr_type;
extern PyTypeObject pyrs_itertools_permutations_type;
/* tee.c */
extern PyTypeObject pyrs_itertools_tee_type;
extern PyTypeObject pyrs_itertools_teedataobject_type;
/* tee(iterable, n=2): a tuple of n independent iterators (new), or NULL with an exception. */
PyObject *pyrs_itertools_tee(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* "state is not a tuple" TypeError unless STATE is a tuple: 0 or -1. */
int pyrs_itertools_check_state(PyObject *state);

#endif /* PYRS_STDLIB_ITERTOOLS_H */

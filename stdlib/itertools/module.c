/* itertools/module.c: the itertools module object (CPython 3.11's Modules/itertoolsmodule.c
 * module table): the iterator types defined in the other files of this folder, and tee(). */
#include "itertools.h"

static PyMethodDef itertools_methods[] = {
    {"tee", (PyCFunction)(void (*)(void))pyrs_itertools_tee, METH_FASTCALL,
     "tee($module, iterable, n=2, /)\n--\n\nReturns a tuple of n independent iterators."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef itertools_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "itertools",
    .m_doc = "Functional tools for creating and using iterators.\n\nInfinite iterators:\n"
             "count(start=0, step=1) --> start, start+step, start+2*step, ...\ncycle(p) --> p0, "
             "p1, ... plast, p0, p1, ...\nrepeat(elem [,n]) --> elem, elem, elem, ... endlessly "
             "or up to n times\n\nIterators terminating on the shortest input sequence:\n"
             "accumulate(p[, func]) --> p0, p0+p1, p0+p1+p2\nchain(p, q, ...) --> p0, p1, ... "
             "plast, q0, q1, ...\nchain.from_iterable([p, q, ...]) --> p0, p1, ... plast, q0, "
             "q1, ...\ncompress(data, selectors) --> (d[0] if s[0]), (d[1] if s[1]), ...\n"
             "dropwhile(pred, seq) --> seq[n], seq[n+1], starting when pred fails\n"
             "groupby(iterable[, keyfunc]) --> sub-iterators grouped by value of keyfunc(v)\n"
             "filterfalse(pred, seq) --> elements of seq where pred(elem) is False\n"
             "islice(seq, [start,] stop [, step]) --> elements from\n       seq[start:stop:step]"
             "\npairwise(s) --> (s[0],s[1]), (s[1],s[2]), (s[2], s[3]), ...\nstarmap(fun, seq) "
             "--> fun(*seq[0]), fun(*seq[1]), ...\ntee(it, n=2) --> (it1, it2 , ... itn) splits "
             "one iterator into n\ntakewhile(pred, seq) --> seq[0], seq[1], until pred fails\n"
             "zip_longest(p, q, ...) --> (p[0], q[0]), (p[1], q[1]), ...\n\nCombinatoric "
             "generators:\nproduct(p, q, ... [repeat=1]) --> cartesian product\npermutations(p[, "
             "r])\ncombinations(p, r)\ncombinations_with_replacement(p, r)\n",
    .m_size = 0,
    .m_methods = itertools_methods,
};

PyMODINIT_FUNC PyInit_itertools(void);

/* Module init: a new itertools module, or NULL with an exception. */
PyMODINIT_FUNC
PyInit_itertools(void)
{
    PyTypeObject *types[] = {
        &pyrs_itertools_accumulate_type,    &pyrs_itertools_combinations_type,
        &pyrs_itertools_cwr_type,           &pyrs_itertools_cycle_type,
        &pyrs_itertools_dropwhile_type,     &pyrs_itertools_takewhile_type,
        &pyrs_itertools_islice_type,        &pyrs_itertools_starmap_type,
        &pyrs_itertools_chain_type,         &pyrs_itertools_compress_type,
        &pyrs_itertools_filterfalse_type,   &pyrs_itertools_count_type,
        &pyrs_itertools_ziplongest_type,    &pyrs_itertools_pairwise_type,
        &pyrs_itertools_permutations_type,  &pyrs_itertools_product_type,
        &pyrs_itertools_repeat_type,        &pyrs_itertools_groupby_type,
        &pyrs_itertools_grouper_type,       &pyrs_itertools_tee_type,
        &pyrs_itertools_teedataobject_type,
    };
    PyObject *m = PyModule_Create(&itertools_module);
    if (m == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < Py_ARRAY_LENGTH(types); i++) {
        if (PyModule_AddType(m, types[i]) < 0) {
            Py_DECREF(m);
            return NULL;
        }
    }
    return m;
}

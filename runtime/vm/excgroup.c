/* excgroup.c: the runtime side of `except*` (PEP 654): matching an exception (group) against
 * the types of one clause, and building what is re-raised after the last clause from the
 * original group and the parts raised or left unhandled. Mirrors CPython 3.11's
 * CHECK_EG_MATCH / PREP_RERAISE_STAR semantics (split, projection by leaf identity). */
#include "pyrs/vm.h"

/* except* T: T must be an exception class (or a tuple of them) and no exception group. */
static int
check_star_type(PyObject *type)
{
    Py_ssize_t n = PyTuple_Check(type) ? PyTuple_GET_SIZE(type) : 1;
    int is_group = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyTuple_Check(type) ? PyTuple_GET_ITEM(type, i) : type;
        if (!PyExceptionClass_Check(t)) {
            PyErr_SetString(PyExc_TypeError,
                            "catching classes that do not inherit from BaseException is not "
                            "allowed");
            return -1;
        }
    }
    for (Py_ssize_t i = 0; i < n && !is_group; i++) {
        PyObject *t = PyTuple_Check(type) ? PyTuple_GET_ITEM(type, i) : type;
        is_group = PyObject_IsSubclass(t, PyExc_BaseExceptionGroup);
        if (is_group < 0) {
            return -1;
        }
    }
    if (is_group) {
        PyErr_SetString(PyExc_TypeError,
                        "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return -1;
    }
    return 0;
}

/* BaseExceptionGroup(MSG, EXCS): an ExceptionGroup when every member is an Exception. */
static PyObject *
new_group(const char *msg, PyObject *excs)
{
    return PyObject_CallFunction(PyExc_BaseExceptionGroup, "(sO)", msg, excs);
}

PyObject *
pyrs_vm_eg_match(PyObject **rest, PyObject *type)
{
    if (check_star_type(type) < 0) {
        return NULL;
    }
    PyObject *exc = *rest;
    if (exc == Py_None) {
        return Py_NewRef(Py_None);
    }
    PyObject *match;
    if (PyErr_GivenExceptionMatches(exc, type)) {
        if (_PyBaseExceptionGroup_Check(exc)) {
            match = Py_NewRef(exc);
        } else {
            /* a naked exception is matched wrapped in a group */
            PyObject *excs = PyTuple_Pack(1, exc);
            match = excs != NULL ? new_group("", excs) : NULL;
            Py_XDECREF(excs);
            if (match == NULL) {
                return NULL;
            }
        }
        Py_SETREF(*rest, Py_NewRef(Py_None));
    } else if (_PyBaseExceptionGroup_Check(exc)) {
        PyObject *pair = PyObject_CallMethod(exc, "split", "(O)", type);
        if (pair == NULL) {
            return NULL;
        }
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_Format(PyExc_TypeError, "%.200s.split must return a 2-tuple, got %.200s",
                         Py_TYPE(exc)->tp_name, Py_TYPE(pair)->tp_name);
            Py_DECREF(pair);
            return NULL;
        }
        match = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
        Py_SETREF(*rest, Py_NewRef(PyTuple_GET_ITEM(pair, 1)));
        Py_DECREF(pair);
    } else {
        return Py_NewRef(Py_None);
    }
    if (match != Py_None) {
        PyErr_SetHandledException(match);
    }
    return match;
}

/* Adds the ids of the leaf exceptions of E (recursively through groups) to the set IDS. */
static int
collect_leaf_ids(PyObject *e, PyObject *ids)
{
    if (e == Py_None) {
        return 0;
    }
    if (!_PyBaseExceptionGroup_Check(e)) {
        PyObject *id = PyLong_FromVoidPtr(e);
        int r = id != NULL ? PySet_Add(ids, id) : -1;
        Py_XDECREF(id);
        return r;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)e)->excs;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        if (collect_leaf_ids(PyTuple_GET_ITEM(excs, i), ids) < 0) {
            return -1;
        }
    }
    return 0;
}

/* The split() predicate of a projection: is E one of the leaves in the set SELF? */
static PyObject *
leaf_in_set(PyObject *self, PyObject *e)
{
    PyObject *id = PyLong_FromVoidPtr(e);
    if (id == NULL) {
        return NULL;
    }
    int r = PySet_Contains(self, id);
    Py_DECREF(id);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyMethodDef leaf_in_set_def = {"_leaf_in_set", leaf_in_set, METH_O, NULL};

/* The subgroup of ORIG holding exactly the leaves of the exceptions in list KEEP (keeping
 * ORIG's nesting and metadata), or None. */
static PyObject *
projection(PyObject *orig, PyObject *keep)
{
    PyObject *ids = PySet_New(NULL), *pred = NULL, *pair = NULL, *res = NULL;
    if (ids == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keep); i++) {
        if (collect_leaf_ids(PyList_GET_ITEM(keep, i), ids) < 0) {
            goto done;
        }
    }
    pred = PyCFunction_New(&leaf_in_set_def, ids);
    pair = pred != NULL ? PyObject_CallMethod(orig, "split", "(O)", pred) : NULL;
    if (pair != NULL) {
        res = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
    }
done:
    Py_DECREF(ids);
    Py_XDECREF(pred);
    Py_XDECREF(pair);
    return res;
}

/* Whether A is B re-raised: split() copies traceback, cause and context to its parts. */
static int
same_metadata(PyObject *a, PyObject *b)
{
    PyBaseExceptionObject *x = (PyBaseExceptionObject *)a, *y = (PyBaseExceptionObject *)b;
    return x->notes == y->notes && x->traceback == y->traceback && x->cause == y->cause &&
           x->context == y->context;
}

PyObject *
pyrs_vm_prep_reraise_star(PyObject *orig, PyObject *excs)
{
    Py_ssize_t n = PyList_GET_SIZE(excs);
    if (!_PyBaseExceptionGroup_Check(orig)) {
        /* a naked exception was caught wrapped: at most one clause ran */
        return Py_NewRef(n > 0 ? PyList_GET_ITEM(excs, 0) : Py_None);
    }
    PyObject *raised = PyList_New(0), *reraised = PyList_New(0), *kept = NULL, *res = NULL;
    if (raised == NULL || reraised == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyList_GET_ITEM(excs, i);
        if (e != Py_None && PyList_Append(same_metadata(e, orig) ? reraised : raised, e) < 0) {
            goto done;
        }
    }
    kept = projection(orig, reraised);
    if (kept == NULL) {
        goto done;
    }
    if (PyList_GET_SIZE(raised) == 0) {
        res = Py_NewRef(kept);
        goto done;
    }
    if (kept != Py_None && PyList_Append(raised, kept) < 0) {
        goto done;
    }
    res = new_group("", raised); /* 3.11 wraps even a single raised exception */
done:
    Py_XDECREF(raised);
    Py_XDECREF(reraised);
    Py_XDECREF(kept);
    return res;
}

/* cpyext/interp_internal.c: internal interpreter C-API that CPython 3.11 exports and
 * _testinternalcapi calls: the suggestion distance _Py_UTF8_Edit_Cost (Python/suggestions.c),
 * the PEP 523 eval-frame hook (pyrs's register VM cannot run a replacement evaluator, so only
 * the default is accepted), and the getpath/path-config hooks pyrs has no counterpart for. */
#include <stdint.h>

#include "Python.h"

struct _PyInterpreterFrame;
typedef PyObject *(*_PyFrameEvalFunction)(PyThreadState *, struct _PyInterpreterFrame *, int);

PyAPI_FUNC(Py_ssize_t) _Py_UTF8_Edit_Cost(PyObject *a, PyObject *b, Py_ssize_t max_cost);
PyAPI_FUNC(PyObject *) _PyEval_EvalFrameDefault(PyThreadState *tstate,
                                                struct _PyInterpreterFrame *frame, int throwflag);
PyAPI_FUNC(_PyFrameEvalFunction) _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState *interp);
PyAPI_FUNC(void) _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState *interp,
                                                      _PyFrameEvalFunction eval_frame);
PyAPI_FUNC(PyObject *) _Py_Get_Getpath_CodeObject(void);
PyAPI_FUNC(void) _PyPathConfig_ClearGlobal(void);

/* ---- edit distance for "Did you mean" suggestions ----------------------------------------- */

#define MOVE_COST    2  /* inserting or deleting a character */
#define CASE_COST    1  /* substituting a letter by its other case */
#define MAX_EDIT_LEN 40 /* longer (after trimming common ends) never match */

static size_t
subst_cost(unsigned char x, unsigned char y)
{
    if (x == y) {
        return 0;
    }
    unsigned char lx = x >= 'A' && x <= 'Z' ? (unsigned char)(x + 32) : x;
    unsigned char ly = y >= 'A' && y <= 'Z' ? (unsigned char)(y + 32) : y;
    return lx == ly ? CASE_COST : MOVE_COST;
}

/* The weighted Levenshtein distance of A and B, or MAX + 1 as soon as it must exceed MAX.
 * ROW has room for MAX_EDIT_LEN entries. */
static size_t
edit_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb, size_t max,
              size_t *row)
{
    while (na > 0 && nb > 0 && a[0] == b[0]) {
        a++, b++, na--, nb--;
    }
    while (na > 0 && nb > 0 && a[na - 1] == b[nb - 1]) {
        na--, nb--;
    }
    if (na == 0 || nb == 0) {
        return (na + nb) * MOVE_COST;
    }
    if (na > MAX_EDIT_LEN || nb > MAX_EDIT_LEN) {
        return max + 1;
    }
    if (nb < na) { /* the row follows the shorter string */
        const unsigned char *t = a;
        size_t tn = na;
        a = b, na = nb, b = t, nb = tn;
    }
    if ((nb - na) * MOVE_COST > max) {
        return max + 1;
    }
    for (size_t i = 0; i < na; i++) {
        row[i] = (i + 1) * MOVE_COST; /* distance of a[:i+1] from the empty prefix of b */
    }
    size_t cur = 0;
    for (size_t j = 0; j < nb; j++) {
        size_t diag = j * MOVE_COST, best = SIZE_MAX;
        cur = j * MOVE_COST; /* the left edge, as CPython counts it */
        for (size_t i = 0; i < na; i++) {
            size_t subst = diag + subst_cost(b[j], a[i]);
            diag = row[i];
            size_t indel = (cur < diag ? cur : diag) + MOVE_COST;
            cur = indel < subst ? indel : subst;
            row[i] = cur;
            best = cur < best ? cur : best;
        }
        if (best > max) {
            return max + 1;
        }
    }
    return cur;
}

/* The weighted edit distance of the UTF-8 forms of the str A and B (2 per insertion or
 * deletion, 1 for a change of case), or a value above MAX_COST (-1: no limit) once it is
 * certain to exceed it; -1 with an exception when a string cannot be encoded. */
Py_ssize_t
_Py_UTF8_Edit_Cost(PyObject *a, PyObject *b, Py_ssize_t max_cost)
{
    Py_ssize_t na, nb;
    const char *sa = PyUnicode_AsUTF8AndSize(a, &na);
    const char *sb = sa ? PyUnicode_AsUTF8AndSize(b, &nb) : NULL;
    if (sb == NULL) {
        return -1;
    }
    if (max_cost == -1) {
        max_cost = MOVE_COST * (na > nb ? na : nb);
    }
    size_t row[MAX_EDIT_LEN];
    if (a == b) {
        return 0;
    }
    return (Py_ssize_t)edit_distance((const unsigned char *)sa, (size_t)na,
                                     (const unsigned char *)sb, (size_t)nb, (size_t)max_cost, row);
}

/* ---- PEP 523 eval-frame hook ----------------------------------------------------------- */

/* pyrs runs frames in its register VM; there is no CPython interpreter frame to evaluate.
 * NULL with SystemError (reachable only by calling it directly). */
PyObject *
_PyEval_EvalFrameDefault(PyThreadState *tstate, struct _PyInterpreterFrame *frame, int throwflag)
{
    (void)tstate, (void)frame, (void)throwflag;
    PyErr_SetString(PyExc_SystemError,
                    "_PyEval_EvalFrameDefault: pyrs has no CPython interpreter frames");
    return NULL;
}

/* Always the default evaluator: pyrs never installs another. */
_PyFrameEvalFunction
_PyInterpreterState_GetEvalFrameFunc(PyInterpreterState *interp)
{
    (void)interp;
    return _PyEval_EvalFrameDefault;
}

/* Only the default evaluator (or NULL, meaning it) is accepted: pyrs's VM cannot hand its
 * frames to another evaluator. Anything else leaves the VM as it is and sets
 * NotImplementedError, which the calling C function reports (as SystemError) when it
 * returns. */
void
_PyInterpreterState_SetEvalFrameFunc(PyInterpreterState *interp, _PyFrameEvalFunction eval_frame)
{
    (void)interp;
    if (eval_frame != NULL && eval_frame != _PyEval_EvalFrameDefault) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "pyrs cannot replace the frame evaluation function (PEP 523)");
    }
}

/* ---- path configuration ---------------------------------------------------------------- */

/* CPython runs the frozen Modules/getpath.py to compute sys.path; pyrs computes it in C. NULL
 * with NotImplementedError. */
PyObject *
_Py_Get_Getpath_CodeObject(void)
{
    PyErr_SetString(PyExc_NotImplementedError,
                    "pyrs computes the path configuration natively: there is no getpath code");
    return NULL;
}

/* Forgets the process-wide path configuration: pyrs keeps none outside sys. */
void
_PyPathConfig_ClearGlobal(void)
{
}

/* sre_matchobj.c: re.Match (group, groups, groupdict, start/end/span, expand, regs, lastindex,
 * lastgroup, indexing) and _sre.SRE_Scanner (match/search stepping over a subject, the engine of
 * finditer), as CPython 3.11's _sre. Match keeps the subject and re-reads it when slicing, so a
 * bytearray changed after matching is sliced as it is now (clamped), as in CPython. */
#include "sre.h"

typedef struct {
    PyObject_VAR_HEAD
    PyObject *string;        /* the subject */
    PyObject *regs;          /* cached regs tuple, or NULL */
    PyrsSrePattern *pattern; /* the pattern that matched */
    Py_ssize_t pos;          /* pos argument, clamped */
    Py_ssize_t endpos;       /* endpos argument, clamped */
    Py_ssize_t lastindex;    /* last closed group, -1 for none */
    Py_ssize_t groups;       /* number of groups including group 0 */
    Py_ssize_t mark[1];      /* start, end of each group; -1 when unmatched */
} PyrsSreMatch;

typedef struct {
    PyObject_HEAD
    PyrsSrePattern *pattern; /* the pattern */
    PyObject *string;        /* the subject (the state borrows it) */
    PyrsSreState state;      /* the matcher state, holding the subject's buffer */
    int exhausted;           /* no further match possible */
} PyrsSreScanner;

PyObject *
pyrs_sre_match_new(PyrsSrePattern *pat, PyrsSreState *st, int status)
{
    if (status < 0) {
        return NULL;
    }
    if (status == 0) {
        Py_RETURN_NONE;
    }
    Py_ssize_t groups = pat->groups + 1;
    PyrsSreMatch *m = PyObject_NewVar(PyrsSreMatch, &pyrs_sre_match_type, 2 * groups);
    if (m == NULL) {
        return NULL;
    }
    m->string = Py_NewRef(st->string);
    m->regs = NULL;
    m->pattern = (PyrsSrePattern *)Py_NewRef((PyObject *)pat);
    m->pos = st->pos;
    m->endpos = st->endpos;
    m->lastindex = st->lastindex;
    m->groups = groups;
    m->mark[0] = st->start;
    m->mark[1] = st->ptr;
    for (Py_ssize_t g = 1; g < groups; g++) {
        Py_ssize_t i = st->marks[2 * g - 2], j = st->marks[2 * g - 1];
        if (2 * g - 1 > st->lastmark || i < 0 || j < 0) {
            i = j = -1;
        } else if (j < i) {
            Py_DECREF(m);
            return pyrs_sre_wrong_span();
        }
        m->mark[2 * g] = i;
        m->mark[2 * g + 1] = j;
    }
    return (PyObject *)m;
}

static void
match_dealloc(PyObject *op)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    Py_XDECREF(self->string);
    Py_XDECREF(self->regs);
    Py_XDECREF((PyObject *)self->pattern);
    PyObject_Free(self);
}

/* Group G's text (new reference), DEF (new reference) when it did not take part. */
static PyObject *
match_slice(PyrsSreMatch *self, Py_ssize_t g, PyObject *def)
{
    Py_ssize_t i = self->mark[2 * g], j = self->mark[2 * g + 1];
    if (i < 0) {
        return Py_NewRef(def);
    }
    if (PyUnicode_Check(self->string)) {
        return PyUnicode_Substring(self->string, i, j);
    }
    const void *data;
    Py_ssize_t len;
    int charsize, isbytes;
    Py_buffer view;
    if (pyrs_sre_getstring(self->string, &data, &len, &charsize, &isbytes, &view) < 0) {
        return NULL;
    }
    i = Py_MIN(i, len);
    j = Py_MIN(j, len);
    PyObject *res;
    if (PyBytes_CheckExact(self->string) && i == 0 && j == len) {
        res = Py_NewRef(self->string);
    } else {
        res = PyBytes_FromStringAndSize((const char *)data + i, j - i);
    }
    PyBuffer_Release(&view);
    return res;
}

/* The group number INDEX names (an int or a group name); -1 with IndexError otherwise. */
static Py_ssize_t
match_index(PyrsSreMatch *self, PyObject *index)
{
    Py_ssize_t i = -1;
    if (PyIndex_Check(index)) {
        i = PyNumber_AsSsize_t(index, NULL);
        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
    } else if (self->pattern->groupindex != NULL) {
        PyObject *v = PyDict_GetItemWithError(self->pattern->groupindex, index);
        if (v != NULL && PyLong_Check(v)) {
            i = PyLong_AsSsize_t(v);
        }
    }
    if (i < 0 || i >= self->groups) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_IndexError, "no such group");
        }
        return -1;
    }
    return i;
}

static PyObject *
match_group_of(PyrsSreMatch *self, PyObject *index, PyObject *def)
{
    Py_ssize_t g = match_index(self, index);
    return g < 0 ? NULL : match_slice(self, g, def);
}

static PyObject *
match_group(PyObject *op, PyObject *args)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n == 0) {
        return match_slice(self, 0, Py_None);
    }
    if (n == 1) {
        return match_group_of(self, PyTuple_GET_ITEM(args, 0), Py_None);
    }
    PyObject *res = PyTuple_New(n);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = match_group_of(self, PyTuple_GET_ITEM(args, i), Py_None);
        if (item == NULL) {
            Py_DECREF(res);
            return NULL;
        }
        PyTuple_SET_ITEM(res, i, item);
    }
    return res;
}

static PyObject *
match_getitem(PyObject *op, PyObject *index)
{
    return match_group_of((PyrsSreMatch *)op, index, Py_None);
}

static const char *const default_name[] = {"default", NULL};

static PyObject *
match_groups(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    PyObject *def;
    if (pyrs_sre_parse_args("groups", default_name, 0, args, nargs, kwnames, &def) < 0) {
        return NULL;
    }
    PyObject *res = PyTuple_New(self->groups - 1);
    if (res == NULL) {
        return NULL;
    }
    for (Py_ssize_t g = 1; g < self->groups; g++) {
        PyObject *item = match_slice(self, g, def ? def : Py_None);
        if (item == NULL) {
            Py_DECREF(res);
            return NULL;
        }
        PyTuple_SET_ITEM(res, g - 1, item);
    }
    return res;
}

static PyObject *
match_groupdict(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    PyObject *def, *key, *value;
    Py_ssize_t pos = 0;
    if (pyrs_sre_parse_args("groupdict", default_name, 0, args, nargs, kwnames, &def) < 0) {
        return NULL;
    }
    PyObject *res = PyDict_New();
    if (res == NULL || self->pattern->groupindex == NULL) {
        return res;
    }
    while (PyDict_Next(self->pattern->groupindex, &pos, &key, &value)) {
        PyObject *item = match_group_of(self, key, def ? def : Py_None);
        if (item == NULL || PyDict_SetItem(res, key, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(res);
            return NULL;
        }
        Py_DECREF(item);
    }
    return res;
}

/* The group number argument of start/end/span (default 0); -1 with an exception. */
static Py_ssize_t
span_arg(PyrsSreMatch *self, const char *name, PyObject *const *args, Py_ssize_t nargs)
{
    if (!_PyArg_CheckPositional(name, nargs, 0, 1)) {
        return -1;
    }
    return nargs == 0 ? 0 : match_index(self, args[0]);
}

static PyObject *
match_start(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    Py_ssize_t g = span_arg(self, "start", args, nargs);
    return g < 0 ? NULL : PyLong_FromSsize_t(self->mark[2 * g]);
}

static PyObject *
match_end(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    Py_ssize_t g = span_arg(self, "end", args, nargs);
    return g < 0 ? NULL : PyLong_FromSsize_t(self->mark[2 * g + 1]);
}

static PyObject *
span_tuple(Py_ssize_t a, Py_ssize_t b)
{
    return Py_BuildValue("(nn)", a, b);
}

static PyObject *
match_span(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    Py_ssize_t g = span_arg(self, "span", args, nargs);
    return g < 0 ? NULL : span_tuple(self->mark[2 * g], self->mark[2 * g + 1]);
}

static PyObject *
match_expand(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"template", NULL};
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    PyObject *tmpl;
    if (pyrs_sre_parse_args("expand", names, 1, args, nargs, kwnames, &tmpl) < 0) {
        return NULL;
    }
    return pyrs_sre_call_re("_expand", PyTuple_Pack(3, (PyObject *)self->pattern, op, tmpl));
}

static PyObject *
match_copy(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_NewRef(self);
}

static PyObject *
match_deepcopy(PyObject *self, PyObject *Py_UNUSED(memo))
{
    return Py_NewRef(self);
}

static PyObject *
match_lastindex(PyObject *op, void *Py_UNUSED(closure))
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    if (self->lastindex >= 0) {
        return PyLong_FromSsize_t(self->lastindex);
    }
    Py_RETURN_NONE;
}

static PyObject *
match_lastgroup(PyObject *op, void *Py_UNUSED(closure))
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    PyObject *ig = self->pattern->indexgroup;
    if (ig != NULL && self->lastindex >= 0 && self->lastindex < PyTuple_GET_SIZE(ig)) {
        return Py_NewRef(PyTuple_GET_ITEM(ig, self->lastindex));
    }
    Py_RETURN_NONE;
}

static PyObject *
match_regs(PyObject *op, void *Py_UNUSED(closure))
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    if (self->regs == NULL) {
        PyObject *regs = PyTuple_New(self->groups);
        if (regs == NULL) {
            return NULL;
        }
        for (Py_ssize_t g = 0; g < self->groups; g++) {
            PyObject *item = span_tuple(self->mark[2 * g], self->mark[2 * g + 1]);
            if (item == NULL) {
                Py_DECREF(regs);
                return NULL;
            }
            PyTuple_SET_ITEM(regs, g, item);
        }
        self->regs = regs;
    }
    return Py_NewRef(self->regs);
}

static PyObject *
match_repr(PyObject *op)
{
    PyrsSreMatch *self = (PyrsSreMatch *)op;
    PyObject *g0 = match_slice(self, 0, Py_None);
    if (g0 == NULL) {
        return NULL;
    }
    PyObject *r = pyrs_sre_repr_cut(g0, 50);
    Py_DECREF(g0);
    if (r == NULL) {
        return NULL;
    }
    PyObject *res = PyUnicode_FromFormat("<%s object; span=(%zd, %zd), match=%U>",
                                         Py_TYPE(op)->tp_name, self->mark[0], self->mark[1], r);
    Py_DECREF(r);
    return res;
}

static PyMethodDef match_methods[] = {
    {"group", match_group, METH_VARARGS,
     "group([group1, ...]) -> str or tuple.\n    Return subgroup(s) of the match by indices or "
     "names.\n    For 0 returns the entire match."},
    {"start", (PyCFunction)(void (*)(void))match_start, METH_FASTCALL,
     "start($self, group=0, /)\n--\n\n"
     "Return index of the start of the substring matched by group."},
    {"end", (PyCFunction)(void (*)(void))match_end, METH_FASTCALL,
     "end($self, group=0, /)\n--\n\n"
     "Return index of the end of the substring matched by group."},
    {"span", (PyCFunction)(void (*)(void))match_span, METH_FASTCALL,
     "span($self, group=0, /)\n--\n\n"
     "For match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"groups", (PyCFunction)(void (*)(void))match_groups, METH_FASTCALL | METH_KEYWORDS,
     "groups($self, /, default=None)\n--\n\n"
     "Return a tuple containing all the subgroups of the match, from 1."},
    {"groupdict", (PyCFunction)(void (*)(void))match_groupdict, METH_FASTCALL | METH_KEYWORDS,
     "groupdict($self, /, default=None)\n--\n\n"
     "Return a dictionary containing all the named subgroups of the match, keyed by the "
     "subgroup name."},
    {"expand", (PyCFunction)(void (*)(void))match_expand, METH_FASTCALL | METH_KEYWORDS,
     "expand($self, /, template)\n--\n\n"
     "Return the string obtained by doing backslash substitution on the string template, as "
     "done by the sub() method."},
    {"__copy__", match_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", match_deepcopy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef match_getset[] = {
    {"lastindex", match_lastindex, NULL, "The integer index of the last matched capturing group.",
     NULL},
    {"lastgroup", match_lastgroup, NULL, "The name of the last matched capturing group.", NULL},
    {"regs", match_regs, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef match_members[] = {
    {"string", T_OBJECT, offsetof(PyrsSreMatch, string), READONLY,
     "The string passed to match() or search()."},
    {"re", T_OBJECT, offsetof(PyrsSreMatch, pattern), READONLY, "The regular expression object."},
    {"pos", T_PYSSIZET, offsetof(PyrsSreMatch, pos), READONLY,
     "The index into the string at which the RE engine started looking for a match."},
    {"endpos", T_PYSSIZET, offsetof(PyrsSreMatch, endpos), READONLY,
     "The index into the string beyond which the RE engine will not go."},
    {NULL, 0, 0, 0, NULL},
};

static PyMappingMethods match_as_mapping = {
    .mp_subscript = match_getitem,
};

PyTypeObject pyrs_sre_match_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "re.Match",
    .tp_basicsize = offsetof(PyrsSreMatch, mark),
    .tp_itemsize = sizeof(Py_ssize_t),
    .tp_dealloc = match_dealloc,
    .tp_repr = match_repr,
    .tp_as_mapping = &match_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "The result of re.match() and re.search().\nMatch objects always have a boolean "
              "value of True.",
    .tp_methods = match_methods,
    .tp_members = match_members,
    .tp_getset = match_getset,
};

/* ---- SRE_Scanner ---- */

PyObject *
pyrs_sre_scanner_new(PyrsSrePattern *pat, PyObject *string, Py_ssize_t pos, Py_ssize_t endpos)
{
    PyrsSreScanner *self = PyObject_New(PyrsSreScanner, &pyrs_sre_scanner_type);
    if (self == NULL) {
        return NULL;
    }
    self->pattern = NULL;
    self->string = NULL;
    self->exhausted = 1;
    memset(&self->state, 0, sizeof(self->state));
    if (pyrs_sre_state_init(&self->state, pat, string, pos, endpos) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    self->pattern = (PyrsSrePattern *)Py_NewRef((PyObject *)pat);
    self->string = Py_NewRef(string);
    self->exhausted = 0;
    return (PyObject *)self;
}

static void
scanner_dealloc(PyObject *op)
{
    PyrsSreScanner *self = (PyrsSreScanner *)op;
    pyrs_sre_state_fini(&self->state);
    Py_XDECREF((PyObject *)self->pattern);
    Py_XDECREF(self->string);
    PyObject_Free(self);
}

static PyObject *
scanner_step(PyrsSreScanner *self, int search)
{
    PyrsSreState *st = &self->state;
    if (self->exhausted) {
        Py_RETURN_NONE;
    }
    pyrs_sre_state_reset(st);
    int r = search ? pyrs_sre_search(st) : pyrs_sre_match(st);
    PyObject *m = pyrs_sre_match_new(self->pattern, st, r);
    if (r == 0) {
        self->exhausted = 1;
    } else if (r > 0) {
        st->must_advance = st->ptr == st->start;
        st->start = st->ptr;
    }
    return m;
}

static PyObject *
scanner_match(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return scanner_step((PyrsSreScanner *)self, 0);
}

static PyObject *
scanner_search(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return scanner_step((PyrsSreScanner *)self, 1);
}

static PyMethodDef scanner_methods[] = {
    {"match", scanner_match, METH_NOARGS, "match($self, /)\n--\n\n"},
    {"search", scanner_search, METH_NOARGS, "search($self, /)\n--\n\n"},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef scanner_members[] = {
    {"pattern", T_OBJECT, offsetof(PyrsSreScanner, pattern), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject pyrs_sre_scanner_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_sre.SRE_Scanner",
    .tp_basicsize = sizeof(PyrsSreScanner),
    .tp_dealloc = scanner_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = scanner_methods,
    .tp_members = scanner_members,
};

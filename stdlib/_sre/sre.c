/* sre.c: the _sre module (compile, MAGIC, CODESIZE, MAXREPEAT, MAXGROUPS, the case helpers the
 * re compiler calls) and the re.Pattern type (match, fullmatch, search, findall, finditer,
 * scanner, split, sub, subn), as CPython 3.11's Modules/_sre/sre.c behaves. Templates with
 * backslashes are expanded by re._subx (pure Python), as in CPython. */
#include "sre.h"
#include "sre_chars.h"
#include "import.h"

enum { MODE_MATCH, MODE_FULLMATCH, MODE_SEARCH };

static const char *const string_pos_endpos[] = {"string", "pos", "endpos", NULL};

/* Parses (string, pos=0, endpos=maxsize) and sets up ST; 0 or -1. */
static int
state_from_args(PyrsSrePattern *self, const char *fname, PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames, PyrsSreState *st)
{
    PyObject *av[3];
    Py_ssize_t pos, endpos;
    if (pyrs_sre_parse_args(fname, string_pos_endpos, 1, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[1], 0, &pos) < 0 ||
        pyrs_sre_ssize_arg(av[2], PY_SSIZE_T_MAX, &endpos) < 0) {
        return -1;
    }
    return pyrs_sre_state_init(st, self, av[0], pos, endpos);
}

static PyObject *
pattern_run(PyrsSrePattern *self, const char *fname, int mode, PyObject *const *args,
            Py_ssize_t nargs, PyObject *kwnames)
{
    PyrsSreState st;
    if (state_from_args(self, fname, args, nargs, kwnames, &st) < 0) {
        return NULL;
    }
    st.match_all = mode == MODE_FULLMATCH;
    int r = mode == MODE_SEARCH ? pyrs_sre_search(&st) : pyrs_sre_match(&st);
    PyObject *res = pyrs_sre_match_new(self, &st, r);
    pyrs_sre_state_fini(&st);
    return res;
}

static PyObject *
pattern_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pattern_run((PyrsSrePattern *)self, "match", MODE_MATCH, args, nargs, kwnames);
}

static PyObject *
pattern_fullmatch(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pattern_run((PyrsSrePattern *)self, "fullmatch", MODE_FULLMATCH, args, nargs, kwnames);
}

static PyObject *
pattern_search(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pattern_run((PyrsSrePattern *)self, "search", MODE_SEARCH, args, nargs, kwnames);
}

/* One findall item: the whole match, the only group, or a tuple of all groups. */
static PyObject *
findall_item(PyrsSrePattern *self, PyrsSreState *st)
{
    if (self->groups <= 1) {
        return pyrs_sre_state_group(st, self->groups, NULL);
    }
    PyObject *t = PyTuple_New(self->groups);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < self->groups; i++) {
        PyObject *g = pyrs_sre_state_group(st, i + 1, NULL);
        if (g == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, g);
    }
    return t;
}

/* Searches again after the previous match (empty matches must move on). 1, 0 or -1. */
static int
search_next(PyrsSreState *st, int first)
{
    if (!first) {
        st->must_advance = st->ptr == st->start;
        st->start = st->ptr;
    }
    pyrs_sre_state_reset(st);
    return pyrs_sre_search(st);
}

static PyObject *
pattern_findall(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    PyrsSreState st;
    if (state_from_args(self, "findall", args, nargs, kwnames, &st) < 0) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        goto error;
    }
    for (int first = 1;; first = 0) {
        int r = search_next(&st, first);
        if (r < 0) {
            goto error;
        }
        if (r == 0) {
            break;
        }
        PyObject *item = findall_item(self, &st);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            goto error;
        }
        Py_DECREF(item);
    }
    pyrs_sre_state_fini(&st);
    return list;
error:
    Py_XDECREF(list);
    pyrs_sre_state_fini(&st);
    return NULL;
}

static PyObject *
pattern_scanner(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *av[3];
    Py_ssize_t pos, endpos;
    if (pyrs_sre_parse_args("scanner", string_pos_endpos, 1, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[1], 0, &pos) < 0 ||
        pyrs_sre_ssize_arg(av[2], PY_SSIZE_T_MAX, &endpos) < 0) {
        return NULL;
    }
    return pyrs_sre_scanner_new((PyrsSrePattern *)self, av[0], pos, endpos);
}

static PyObject *
pattern_finditer(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *av[3];
    Py_ssize_t pos, endpos;
    if (pyrs_sre_parse_args("finditer", string_pos_endpos, 1, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[1], 0, &pos) < 0 ||
        pyrs_sre_ssize_arg(av[2], PY_SSIZE_T_MAX, &endpos) < 0) {
        return NULL;
    }
    PyObject *scanner = pyrs_sre_scanner_new((PyrsSrePattern *)self, av[0], pos, endpos);
    if (scanner == NULL) {
        return NULL;
    }
    PyObject *search = PyObject_GetAttrString(scanner, "search");
    Py_DECREF(scanner);
    if (search == NULL) {
        return NULL;
    }
    PyObject *it = PyCallIter_New(search, Py_None);
    Py_DECREF(search);
    return it;
}

/* Appends ITEM (stolen) to LIST; 0 or -1. */
static int
append_steal(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}

static PyObject *
pattern_split(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"string", "maxsplit", NULL};
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    PyObject *av[2];
    Py_ssize_t maxsplit, n = 0, last;
    PyrsSreState st;
    if (pyrs_sre_parse_args("split", names, 1, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[1], 0, &maxsplit) < 0 ||
        pyrs_sre_state_init(&st, self, av[0], 0, PY_SSIZE_T_MAX) < 0) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL) {
        goto error;
    }
    last = st.start;
    for (int first = 1; !maxsplit || n < maxsplit; first = 0) {
        int r = search_next(&st, first);
        if (r < 0) {
            goto error;
        }
        if (r == 0) {
            break;
        }
        if (append_steal(list, pyrs_sre_state_slice(&st, last, st.start)) < 0) {
            goto error;
        }
        for (Py_ssize_t i = 0; i < self->groups; i++) {
            if (append_steal(list, pyrs_sre_state_group(&st, i + 1, Py_None)) < 0) {
                goto error;
            }
        }
        n++;
        last = st.ptr;
    }
    if (append_steal(list, pyrs_sre_state_slice(&st, last, st.length)) < 0) {
        goto error;
    }
    pyrs_sre_state_fini(&st);
    return list;
error:
    Py_XDECREF(list);
    pyrs_sre_state_fini(&st);
    return NULL;
}

PyObject *
pyrs_sre_call_re(const char *name, PyObject *args)
{
    if (args == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    PyObject *mod = PyImport_ImportModule("re");
    if (mod != NULL) {
        PyObject *fn = PyObject_GetAttrString(mod, name);
        Py_DECREF(mod);
        if (fn != NULL) {
            res = PyObject_Call(fn, args, NULL);
            Py_DECREF(fn);
        }
    }
    Py_DECREF(args);
    return res;
}

/* Whether the str S contains the ASCII text NEEDLE (errors count as no). */
static int
unicode_contains_ascii(PyObject *s, const char *needle)
{
    PyObject *sub = PyUnicode_FromString(needle);
    if (sub == NULL) {
        PyErr_Clear();
        return 0;
    }
    Py_ssize_t pos = PyUnicode_Find(s, sub, 0, PyUnicode_GET_LENGTH(s), 1);
    Py_DECREF(sub);
    if (pos == -2) {
        PyErr_Clear();
    }
    return pos >= 0;
}

/* Whether the LEN bytes at BUF contain a "\g<" group reference. */
static int
bytes_contains_named_ref(const char *buf, Py_ssize_t len)
{
    for (Py_ssize_t i = 0; i + 2 < len; i++) {
        if (buf[i] == '\\' && buf[i + 1] == 'g' && buf[i + 2] == '<') {
            return 1;
        }
    }
    return 0;
}

/* How sub() replaces a match. */
enum { REPL_LITERAL, REPL_CALL, REPL_TEMPLATE };

/* The replacement for sub: REPL itself when callable (*MODE REPL_CALL) or a backslash-free
 * string (REPL_LITERAL), else the parsed template re._compile_repl(REPL, SELF) (REPL_TEMPLATE),
 * as CPython's re._subx parses it. New reference, or NULL with an exception. */
static PyObject *
sub_filter(PyrsSrePattern *self, PyObject *repl, int *mode)
{
    if (PyCallable_Check(repl)) {
        *mode = REPL_CALL;
        return Py_NewRef(repl);
    }
    int literal = 0, named = 0;
    if (PyUnicode_Check(repl)) {
        literal = PyUnicode_FindChar(repl, '\\', 0, PyUnicode_GET_LENGTH(repl), 1) == -1;
        named = !literal && unicode_contains_ascii(repl, "\\g<");
    } else {
        Py_buffer view;
        if (PyObject_GetBuffer(repl, &view, PyBUF_SIMPLE) == 0) {
            literal = memchr(view.buf, '\\', (size_t)view.len) == NULL;
            named = !literal && bytes_contains_named_ref(view.buf, view.len);
            PyBuffer_Release(&view);
        } else {
            PyErr_Clear();
        }
    }
    if (literal) {
        *mode = REPL_LITERAL;
        return Py_NewRef(repl);
    }
    if (named) {
        /* A group name may warn (DeprecationWarning) with a stacklevel counted from re._subx,
         * so parse it there first, as CPython does; _compile_repl then hits its cache. */
        PyObject *warm = pyrs_sre_call_re("_subx", PyTuple_Pack(2, (PyObject *)self, repl));
        if (warm == NULL) {
            return NULL;
        }
        Py_DECREF(warm);
    }
    *mode = REPL_TEMPLATE;
    return pyrs_sre_call_re("_compile_repl", PyTuple_Pack(2, repl, (PyObject *)self));
}

/* Whether the parsed template T ((index, group) pairs, literals) can be expanded here exactly as
 * re._parser.expand_template would: a str or bytes/bytearray subject and literals of its type. */
static int
template_native(PyrsSrePattern *self, PyrsSreState *st, PyObject *t)
{
    if (!(st->isbytes ? PyBytes_Check(st->string) || PyByteArray_Check(st->string)
                      : PyUnicode_Check(st->string)) ||
        !PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 2 || !PyList_Check(PyTuple_GET_ITEM(t, 0)) ||
        !PyList_Check(PyTuple_GET_ITEM(t, 1))) {
        return 0;
    }
    PyObject *groups = PyTuple_GET_ITEM(t, 0), *literals = PyTuple_GET_ITEM(t, 1);
    Py_ssize_t nlit = PyList_GET_SIZE(literals), last = -1;
    for (Py_ssize_t i = 0; i < nlit; i++) {
        PyObject *lit = PyList_GET_ITEM(literals, i);
        if (lit != Py_None &&
            !(st->isbytes ? PyBytes_CheckExact(lit) : PyUnicode_CheckExact(lit))) {
            return 0;
        }
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(groups); k++) {
        PyObject *pair = PyList_GET_ITEM(groups, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(pair, 0)) ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(pair, 1))) {
            return 0;
        }
        Py_ssize_t index = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        Py_ssize_t group = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
        if (index <= last || index >= nlit || PyList_GET_ITEM(literals, index) != Py_None ||
            group < 0 || group > self->groups) {
            PyErr_Clear();
            return 0;
        }
        last = index;
    }
    return 1;
}

/* Appends the expansion of the template T for the current match to LIST; 0 or -1. */
static int
template_expand(PyObject *list, PyObject *t, PyrsSreState *st)
{
    PyObject *groups = PyTuple_GET_ITEM(t, 0), *literals = PyTuple_GET_ITEM(t, 1);
    Py_ssize_t k = 0, ngroups = PyList_GET_SIZE(groups);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(literals); i++) {
        PyObject *piece = PyList_GET_ITEM(literals, i);
        if (k < ngroups) {
            PyObject *pair = PyList_GET_ITEM(groups, k);
            if (PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0)) == i) {
                k++;
                piece = pyrs_sre_state_group(st, PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1)), NULL);
                if (append_steal(list, piece) < 0) {
                    return -1;
                }
                continue;
            }
        }
        if (piece != Py_None && PyList_Append(list, piece) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Joins the pieces of a substitution with an empty str/bytes of the subject's type. */
static PyObject *
join_pieces(PyrsSreState *st, PyObject *list)
{
    PyObject *joiner = pyrs_sre_state_slice(st, 0, 0);
    if (joiner == NULL) {
        return NULL;
    }
    if (PyList_GET_SIZE(list) == 0) {
        return joiner;
    }
    PyObject *res = st->isbytes ? _PyBytes_Join(joiner, list) : PyUnicode_Join(joiner, list);
    Py_DECREF(joiner);
    return res;
}

static PyObject *
pattern_subx(PyrsSrePattern *self, const char *fname, int subn, PyObject *const *args,
             Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"repl", "string", "count", NULL};
    PyObject *av[3], *filter, *list = NULL, *res = NULL;
    Py_ssize_t count, n = 0, i = 0;
    int mode;
    PyrsSreState st;
    if (pyrs_sre_parse_args(fname, names, 2, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[2], 0, &count) < 0) {
        return NULL;
    }
    filter = sub_filter(self, av[0], &mode);
    if (filter == NULL) {
        return NULL;
    }
    if (pyrs_sre_state_init(&st, self, av[1], 0, PY_SSIZE_T_MAX) < 0) {
        Py_DECREF(filter);
        return NULL;
    }
    if (mode == REPL_TEMPLATE && !template_native(self, &st, filter)) {
        /* anything unusual goes through re._subx's Python filter, as in CPython */
        Py_SETREF(filter, pyrs_sre_call_re("_subx", PyTuple_Pack(2, (PyObject *)self, av[0])));
        if (filter == NULL) {
            pyrs_sre_state_fini(&st);
            return NULL;
        }
        mode = PyCallable_Check(filter) ? REPL_CALL : REPL_LITERAL;
    }
    if ((list = PyList_New(0)) == NULL) {
        goto done;
    }
    for (int first = 1; !count || n < count; first = 0) {
        int r = search_next(&st, first);
        if (r < 0) {
            goto done;
        }
        if (r == 0) {
            break;
        }
        if (i < st.start && append_steal(list, pyrs_sre_state_slice(&st, i, st.start)) < 0) {
            goto done;
        }
        PyObject *item;
        if (mode == REPL_TEMPLATE) {
            if (template_expand(list, filter, &st) < 0) {
                goto done;
            }
            item = Py_NewRef(Py_None);
        } else if (mode == REPL_CALL) {
            PyObject *m = pyrs_sre_match_new(self, &st, 1);
            if (m == NULL) {
                goto done;
            }
            item = PyObject_CallOneArg(filter, m);
            Py_DECREF(m);
        } else {
            item = Py_NewRef(filter);
        }
        if (item == NULL) {
            goto done;
        }
        if (item != Py_None && PyList_Append(list, item) < 0) {
            Py_DECREF(item);
            goto done;
        }
        Py_DECREF(item);
        i = st.ptr;
        n++;
    }
    if (i < st.endpos && append_steal(list, pyrs_sre_state_slice(&st, i, st.endpos)) < 0) {
        goto done;
    }
    res = join_pieces(&st, list);
    if (res != NULL && subn) {
        PyObject *t = Py_BuildValue("(Nn)", res, n);
        res = t;
    }
done:
    Py_XDECREF(list);
    Py_DECREF(filter);
    pyrs_sre_state_fini(&st);
    return res;
}

static PyObject *
pattern_sub(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pattern_subx((PyrsSrePattern *)self, "sub", 0, args, nargs, kwnames);
}

static PyObject *
pattern_subn(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pattern_subx((PyrsSrePattern *)self, "subn", 1, args, nargs, kwnames);
}

static PyObject *
pattern_copy(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_NewRef(self);
}

static PyObject *
pattern_deepcopy(PyObject *self, PyObject *Py_UNUSED(memo))
{
    return Py_NewRef(self);
}

static PyObject *
pattern_groupindex(PyObject *op, void *Py_UNUSED(closure))
{
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    if (self->groupindex == NULL) {
        return PyDict_New();
    }
    return PyDictProxy_New(self->groupindex);
}

static const struct {
    const char *name;
    int value;
} flag_names[] = {
    {"re.TEMPLATE", SRE_FLAG_TEMPLATE}, {"re.IGNORECASE", SRE_FLAG_IGNORECASE},
    {"re.LOCALE", SRE_FLAG_LOCALE},     {"re.MULTILINE", SRE_FLAG_MULTILINE},
    {"re.DOTALL", SRE_FLAG_DOTALL},     {"re.UNICODE", SRE_FLAG_UNICODE},
    {"re.VERBOSE", SRE_FLAG_VERBOSE},   {"re.DEBUG", SRE_FLAG_DEBUG},
    {"re.ASCII", SRE_FLAG_ASCII},
};

/* The repr of OBJ cut to LIMIT characters (new reference). */
PyObject *
pyrs_sre_repr_cut(PyObject *obj, Py_ssize_t limit)
{
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL || PyUnicode_GET_LENGTH(r) <= limit) {
        return r;
    }
    PyObject *cut = PyUnicode_Substring(r, 0, limit);
    Py_DECREF(r);
    return cut;
}

static PyObject *
pattern_repr(PyObject *op)
{
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    int flags = self->flags;
    char buf[256];
    size_t len = 0;
    /* re.UNICODE is implied for str patterns */
    if (self->isbytes == 0 &&
        (flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII)) == SRE_FLAG_UNICODE) {
        flags &= ~SRE_FLAG_UNICODE;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < Py_ARRAY_LENGTH(flag_names); i++) {
        if (flags & flag_names[i].value) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? "|" : "",
                                    flag_names[i].name);
            flags &= ~flag_names[i].value;
        }
    }
    if (flags) {
        snprintf(buf + len, sizeof(buf) - len, "%s0x%x", len ? "|" : "", (unsigned)flags);
    }
    PyObject *pr = pyrs_sre_repr_cut(self->pattern, 200);
    if (pr == NULL) {
        return NULL;
    }
    PyObject *res = buf[0] ? PyUnicode_FromFormat("re.compile(%U, %s)", pr, buf)
                           : PyUnicode_FromFormat("re.compile(%U)", pr);
    Py_DECREF(pr);
    return res;
}

static PyObject *
pattern_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !Py_IS_TYPE(b, &pyrs_sre_pattern_type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyrsSrePattern *l = (PyrsSrePattern *)a, *r = (PyrsSrePattern *)b;
    int eq = 1;
    if (a != b) {
        eq = l->flags == r->flags && l->isbytes == r->isbytes && l->codesize == r->codesize &&
             memcmp(l->code, r->code, (size_t)l->codesize * sizeof(uint32_t)) == 0;
        if (eq) {
            eq = PyObject_RichCompareBool(l->pattern, r->pattern, Py_EQ);
            if (eq < 0) {
                return NULL;
            }
        }
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t
pattern_hash(PyObject *op)
{
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    Py_hash_t h = PyObject_Hash(self->pattern);
    if (h == -1) {
        return -1;
    }
    h ^= _Py_HashBytes(self->code, (Py_ssize_t)sizeof(uint32_t) * self->codesize);
    h ^= self->flags;
    h ^= self->isbytes;
    h ^= self->codesize;
    return h == -1 ? -2 : h;
}

static void
pattern_dealloc(PyObject *op)
{
    PyrsSrePattern *self = (PyrsSrePattern *)op;
    if (self->weakreflist != NULL) {
        PyObject_ClearWeakRefs(op);
    }
    Py_XDECREF(self->pattern);
    Py_XDECREF(self->groupindex);
    Py_XDECREF(self->indexgroup);
    PyMem_Free(self->mapidx);
    PyMem_Free(self->maps);
    PyObject_Free(self);
}

static PyMethodDef pattern_methods[] = {
    {"match", (PyCFunction)(void (*)(void))pattern_match, METH_FASTCALL | METH_KEYWORDS,
     "match($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Matches zero or more characters at the beginning of the string."},
    {"fullmatch", (PyCFunction)(void (*)(void))pattern_fullmatch, METH_FASTCALL | METH_KEYWORDS,
     "fullmatch($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Matches against all of the string."},
    {"search", (PyCFunction)(void (*)(void))pattern_search, METH_FASTCALL | METH_KEYWORDS,
     "search($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Scan through string looking for a match, and return a corresponding match object "
     "instance.\n\nReturn None if no position in the string matches."},
    {"sub", (PyCFunction)(void (*)(void))pattern_sub, METH_FASTCALL | METH_KEYWORDS,
     "sub($self, /, repl, string, count=0)\n--\n\n"
     "Return the string obtained by replacing the leftmost non-overlapping occurrences of "
     "pattern in string by the replacement repl."},
    {"subn", (PyCFunction)(void (*)(void))pattern_subn, METH_FASTCALL | METH_KEYWORDS,
     "subn($self, /, repl, string, count=0)\n--\n\n"
     "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost "
     "non-overlapping occurrences of pattern with the replacement repl."},
    {"findall", (PyCFunction)(void (*)(void))pattern_findall, METH_FASTCALL | METH_KEYWORDS,
     "findall($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Return a list of all non-overlapping matches of pattern in string."},
    {"split", (PyCFunction)(void (*)(void))pattern_split, METH_FASTCALL | METH_KEYWORDS,
     "split($self, /, string, maxsplit=0)\n--\n\n"
     "Split string by the occurrences of pattern."},
    {"finditer", (PyCFunction)(void (*)(void))pattern_finditer, METH_FASTCALL | METH_KEYWORDS,
     "finditer($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\n"
     "For each match, the iterator returns a match object."},
    {"scanner", (PyCFunction)(void (*)(void))pattern_scanner, METH_FASTCALL | METH_KEYWORDS,
     "scanner($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"},
    {"__copy__", pattern_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", pattern_deepcopy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef pattern_getset[] = {
    {"groupindex", pattern_groupindex, NULL, "A dictionary mapping group names to group numbers.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef pattern_members[] = {
    {"pattern", T_OBJECT, offsetof(PyrsSrePattern, pattern), READONLY,
     "The pattern string from which the RE object was compiled."},
    {"flags", T_INT, offsetof(PyrsSrePattern, flags), READONLY, "The regex matching flags."},
    {"groups", T_PYSSIZET, offsetof(PyrsSrePattern, groups), READONLY,
     "The number of capturing groups in the pattern."},
    {NULL, 0, 0, 0, NULL},
};

PyTypeObject pyrs_sre_pattern_type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "re.Pattern",
    .tp_basicsize = offsetof(PyrsSrePattern, code),
    .tp_itemsize = sizeof(uint32_t),
    .tp_dealloc = pattern_dealloc,
    .tp_repr = pattern_repr,
    .tp_hash = pattern_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "Compiled regular expression object.",
    .tp_richcompare = pattern_richcompare,
    .tp_weaklistoffset = offsetof(PyrsSrePattern, weakreflist),
    .tp_methods = pattern_methods,
    .tp_members = pattern_members,
    .tp_getset = pattern_getset,
};

/* Fills P->code from the list CODE; -1 with OverflowError as CPython for anything that is not
 * an int in 0..2**32-1. */
static int
copy_code(PyrsSrePattern *p, PyObject *code)
{
    for (Py_ssize_t i = 0; i < p->codesize; i++) {
        PyObject *o = PyList_GET_ITEM(code, i);
        unsigned long v = PyLong_Check(o) ? PyLong_AsUnsignedLong(o) : (unsigned long)-1;
        if ((v == (unsigned long)-1 && (!PyLong_Check(o) || PyErr_Occurred())) ||
            v > 0xFFFFFFFFul) {
            PyErr_Clear();
            PyErr_SetString(PyExc_OverflowError, "regular expression code size limit exceeded");
            return -1;
        }
        p->code[i] = (uint32_t)v;
    }
    return 0;
}

/* isbytes of P from its source: -1 for None, else as the subject checks want it. */
static int
set_isbytes(PyrsSrePattern *p)
{
    const void *data;
    Py_ssize_t len;
    int charsize, isbytes;
    Py_buffer view;
    if (p->pattern == Py_None) {
        p->isbytes = -1;
        return 0;
    }
    if (pyrs_sre_getstring(p->pattern, &data, &len, &charsize, &isbytes, &view) < 0) {
        return -1;
    }
    if (isbytes) {
        PyBuffer_Release(&view);
    }
    p->isbytes = isbytes;
    return 0;
}

/* Validates P's code and builds the matcher's character maps; 0 or -1. */
static int
prepare_code(PyrsSrePattern *p)
{
    unsigned char *ops = PyMem_Calloc((size_t)p->codesize + 1, 1);
    if (ops == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int r = -1;
    if (pyrs_sre_validate(p->code, p->codesize, p->groups, ops) == 0 &&
        pyrs_sre_build_maps(p->code, p->codesize, ops, &p->mapidx, &p->maps) == 0) {
        r = 0;
    }
    PyMem_Free(ops);
    return r;
}

/* _sre.compile(pattern, flags, code, groups, groupindex, indexgroup). */
static PyObject *
sre_compile(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pattern",    "flags",      "code", "groups",
                                        "groupindex", "indexgroup", NULL};
    PyObject *av[6];
    Py_ssize_t flags, groups;
    if (pyrs_sre_parse_args("compile", names, 6, args, nargs, kwnames, av) < 0 ||
        pyrs_sre_ssize_arg(av[1], 0, &flags) < 0) {
        return NULL;
    }
    if (flags > INT_MAX || flags < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    static const char *const types[] = {NULL, NULL, "list", NULL, "dict", "tuple"};
    for (int i = 2; i < 6; i++) {
        int ok = i == 2   ? PyList_Check(av[i])
                 : i == 4 ? PyDict_Check(av[i])
                 : i == 5 ? PyTuple_Check(av[i])
                          : 1;
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "compile() argument '%s' must be %s, not %.50s", names[i],
                         types[i], Py_TYPE(av[i])->tp_name);
            return NULL;
        }
        if (i == 3 && pyrs_sre_ssize_arg(av[3], 0, &groups) < 0) {
            return NULL;
        }
    }
    Py_ssize_t n = PyList_GET_SIZE(av[2]);
    PyrsSrePattern *p = PyObject_NewVar(PyrsSrePattern, &pyrs_sre_pattern_type, n);
    if (p == NULL) {
        return NULL;
    }
    p->codesize = n;
    p->groups = groups;
    p->flags = (int)flags;
    p->pattern = Py_NewRef(av[0]);
    p->groupindex = NULL;
    p->indexgroup = NULL;
    p->weakreflist = NULL;
    p->mapidx = NULL;
    p->maps = NULL;
    p->isbytes = -1;
    if (copy_code(p, av[2]) < 0) {
        goto error;
    }
    if (set_isbytes(p) < 0) {
        goto error;
    }
    if (PyDict_GET_SIZE(av[4]) > 0) {
        p->groupindex = Py_NewRef(av[4]);
        if (PyTuple_GET_SIZE(av[5]) > 0) {
            p->indexgroup = Py_NewRef(av[5]);
        }
    }
    if (prepare_code(p) < 0) {
        goto error;
    }
    return (PyObject *)p;
error:
    Py_DECREF(p);
    return NULL;
}

/* The int argument of the case helpers (C int semantics, as CPython's clinic "int"). */
static int
char_arg(PyObject *arg, int *res)
{
    Py_ssize_t v;
    if (pyrs_sre_ssize_arg(arg, 0, &v) < 0) {
        return -1;
    }
    if (v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *res = (int)v;
    return 0;
}

static PyObject *
sre_getcodesize(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(sizeof(uint32_t));
}

static PyObject *
sre_ascii_iscased(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int ch;
    if (char_arg(arg, &ch) < 0) {
        return NULL;
    }
    return PyBool_FromLong(ch < 128 && ch >= 0 && ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'));
}

static PyObject *
sre_unicode_iscased(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int ch;
    if (char_arg(arg, &ch) < 0) {
        return NULL;
    }
    uint32_t c = (uint32_t)ch;
    return PyBool_FromLong(c != pyrs_sre_lower_unicode(c) || c != pyrs_sre_upper_unicode(c));
}

static PyObject *
sre_ascii_tolower(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int ch;
    if (char_arg(arg, &ch) < 0) {
        return NULL;
    }
    return PyLong_FromLong((int)pyrs_sre_lower_ascii((uint32_t)ch));
}

static PyObject *
sre_unicode_tolower(PyObject *Py_UNUSED(module), PyObject *arg)
{
    int ch;
    if (char_arg(arg, &ch) < 0) {
        return NULL;
    }
    return PyLong_FromLong((int)pyrs_sre_lower_unicode((uint32_t)ch));
}

static PyMethodDef sre_functions[] = {
    {"compile", (PyCFunction)(void (*)(void))sre_compile, METH_FASTCALL | METH_KEYWORDS,
     "compile($module, /, pattern, flags, code, groups, groupindex,\n        indexgroup)\n--\n\n"},
    {"getcodesize", sre_getcodesize, METH_NOARGS, "getcodesize($module, /)\n--\n\n"},
    {"ascii_iscased", sre_ascii_iscased, METH_O, "ascii_iscased($module, character, /)\n--\n\n"},
    {"unicode_iscased", sre_unicode_iscased, METH_O,
     "unicode_iscased($module, character, /)\n--\n\n"},
    {"ascii_tolower", sre_ascii_tolower, METH_O, "ascii_tolower($module, character, /)\n--\n\n"},
    {"unicode_tolower", sre_unicode_tolower, METH_O,
     "unicode_tolower($module, character, /)\n--\n\n"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef sre_module = {
    PyModuleDef_HEAD_INIT, "_sre", NULL, -1, sre_functions, NULL, NULL, NULL, NULL,
};

static int
add_constants(PyObject *m)
{
    PyObject *maxrepeat = PyLong_FromUnsignedLong(PYRS_SRE_MAXREPEAT);
    PyObject *maxgroups = PyLong_FromLong(PYRS_SRE_MAXGROUPS);
    int r = -1;
    if (maxrepeat != NULL && maxgroups != NULL &&
        PyModule_AddIntConstant(m, "MAGIC", PYRS_SRE_MAGIC) == 0 &&
        PyModule_AddIntConstant(m, "CODESIZE", sizeof(uint32_t)) == 0 &&
        PyModule_AddObjectRef(m, "MAXREPEAT", maxrepeat) == 0 &&
        PyModule_AddObjectRef(m, "MAXGROUPS", maxgroups) == 0 &&
        PyModule_AddStringConstant(m, "copyright",
                                   " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ") == 0) {
        r = 0;
    }
    Py_XDECREF(maxrepeat);
    Py_XDECREF(maxgroups);
    return r;
}

/* Readies TP and gives its dict __module__ as CPython's heap types have. */
static int
ready_type(PyTypeObject *tp, const char *module)
{
    if (PyType_Ready(tp) < 0) {
        return -1;
    }
    PyObject *name = PyUnicode_FromString(module);
    if (name == NULL) {
        return -1;
    }
    int r = PyDict_SetItemString(tp->tp_dict, "__module__", name);
    Py_DECREF(name);
    return r;
}

PyMODINIT_FUNC PyInit__sre(void);

/* The _sre module (new reference) or NULL with an exception. */
PyMODINIT_FUNC
PyInit__sre(void)
{
    if (ready_type(&pyrs_sre_pattern_type, "re") < 0 ||
        ready_type(&pyrs_sre_match_type, "re") < 0 ||
        ready_type(&pyrs_sre_scanner_type, "_sre") < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&sre_module);
    if (m == NULL) {
        return NULL;
    }
    if (add_constants(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* compile_match.c: the match statement (PEP 634) to register bytecode. Each pattern falls
 * through on success and jumps to the next case on failure. Captured values are kept in one
 * register per name and stored only when the whole pattern matched, as CPython 3.11 binds
 * them; the compile-time checks (unreachable cases, repeated or differing names, duplicate
 * mapping keys, ...) raise CPython's SyntaxErrors. Mirrors MATCH_SEQUENCE / MATCH_MAPPING /
 * MATCH_KEYS / MATCH_CLASS. */
#include "compile_internal.h"

#define EMIT(op, a, b, cc, x)                                                                      \
    do {                                                                                           \
        if (pyrs_cc_emit(c, (op), (a), (b), (cc), (x)) < 0) {                                      \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)
#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if ((expr) < 0) {                                                                          \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

/* Jumps still to be patched to where a failed pattern goes. */
typedef struct {
    Py_ssize_t *jumps; /* instruction indexes (owned) */
    int n, cap;        /* used / allocated */
} Fails;

static int
fails_add(Fails *f, Py_ssize_t jump)
{
    if (jump < 0) {
        return -1;
    }
    if (f->n == f->cap) {
        int cap = f->cap ? f->cap * 2 : 8;
        Py_ssize_t *j = PyMem_Realloc(f->jumps, (size_t)cap * sizeof(Py_ssize_t));
        if (j == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        f->jumps = j;
        f->cap = cap;
    }
    f->jumps[f->n++] = jump;
    return 0;
}

/* Points every pending jump of F here and empties F. */
static void
fails_patch_here(Compiler *c, Fails *f)
{
    for (int i = 0; i < f->n; i++) {
        pyrs_cc_patch_here(c, f->jumps[i]);
    }
    PyMem_Free(f->jumps);
    f->jumps = NULL;
    f->n = f->cap = 0;
}

static int
fail_if_false(Compiler *c, int reg, Fails *fails)
{
    return fails_add(fails, pyrs_cc_emit_jump(c, PYRS_OP_JMPIFNOT, reg));
}

/* Fails when R[reg] is None (the MATCHKEYS / MATCHCLASS "no match" result). */
static int
fail_if_none(Compiler *c, int reg, Fails *fails)
{
    int t = pyrs_cc_tmp(c), k = pyrs_cc_const(c, Py_None);
    CHECK(t);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, t, k, 0, 0);
    EMIT(PYRS_OP_COMPARE, t, reg, t, PYRS_CMP_ISNOT);
    return fail_if_false(c, t, fails);
}

static int pattern(Compiler *c, PyrsPattern *p, int subj, Fails *fails);

/* ---- checks and capture names --------------------------------------------------------------- */

/* The names a pattern binds, in order, and (during code generation) their registers. */
typedef struct {
    const char **names;
    int n, cap;
    int base; /* register of names[0]; names[i] lives in base + i */
} Captures;

static Captures *captures; /* of the case being compiled */

static int
captures_index(const Captures *cap, const char *name)
{
    for (int i = 0; i < cap->n; i++) {
        if (strcmp(cap->names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

static int
captures_add(Captures *cap, const char *name)
{
    if (cap->n == cap->cap) {
        int size = cap->cap ? cap->cap * 2 : 8;
        const char **grown = PyMem_Realloc(cap->names, (size_t)size * sizeof(char *));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        cap->names = grown;
        cap->cap = size;
    }
    cap->names[cap->n++] = name;
    return 0;
}

static int
check_error(Compiler *c, PyrsPattern *p, const char *fmt, const char *arg)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, arg);
    return pyrs_cc_error(c, p->lineno, p->col_offset, msg);
}

/* Records NAME bound by P; a second binding of the same name is CPython's SyntaxError. */
static int
check_store(Compiler *c, PyrsPattern *p, const char *name, Captures *cap)
{
    if (captures_index(cap, name) >= 0) {
        return check_error(c, p, "multiple assignments to name '%s' in pattern", name);
    }
    return captures_add(cap, name);
}

static int check_pattern(Compiler *c, PyrsPattern *p, int allow_irrefutable, Captures *cap);

static int
check_subpatterns(Compiler *c, PyrsAstSeq *pats, Captures *cap)
{
    for (long i = 0; i < PYRS_SEQ_LEN(pats); i++) {
        CHECK(check_pattern(c, PYRS_SEQ_GET(pats, i), 1, cap));
    }
    return 0;
}

/* A value pattern's expression must be a literal (folded numbers included) or a dotted name. */
static int
check_value_expr(Compiler *c, PyrsPattern *p, PyrsExpr *e, const char *what)
{
    if (e->kind == PYRS_K_Constant || e->kind == PYRS_K_Attribute || e->kind == PYRS_K_UnaryOp ||
        e->kind == PYRS_K_BinOp) {
        return 0;
    }
    return check_error(c, p, "%s may only match literals and attribute lookups", what);
}

/* The value of a literal key (`0`, `-0`, `1+2j`, ...) or NULL without an exception for a
 * dotted name; NULL with an exception on failure. */
static PyObject *
literal_value(PyrsExpr *e)
{
    if (e->kind == PYRS_K_Constant) {
        return pyrs_cc_pyconst(e->v.Constant.value);
    }
    if (e->kind == PYRS_K_UnaryOp) {
        PyObject *v = literal_value(e->v.UnaryOp.operand);
        PyObject *r = v != NULL ? PyNumber_Negative(v) : NULL;
        Py_XDECREF(v);
        return r;
    }
    if (e->kind == PYRS_K_BinOp) {
        PyObject *l = literal_value(e->v.BinOp.left);
        PyObject *r = l != NULL ? literal_value(e->v.BinOp.right) : NULL;
        PyObject *v = r == NULL                      ? NULL
                      : e->v.BinOp.op == PYRS_OP_ADD ? PyNumber_Add(l, r)
                                                     : PyNumber_Subtract(l, r);
        Py_XDECREF(l);
        Py_XDECREF(r);
        return v;
    }
    return NULL;
}

static int
check_mapping(Compiler *c, PyrsPattern *p, Captures *cap)
{
    PyrsAstSeq *keys = p->v.MatchMapping.keys;
    PyObject *seen = PySet_New(NULL);
    int r = seen != NULL ? 0 : -1;
    for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(keys); i++) {
        PyrsExpr *key = PYRS_SEQ_GET(keys, i);
        r = check_value_expr(c, p, key, "mapping pattern keys");
        if (r < 0 || key->kind == PYRS_K_Attribute) {
            continue; /* dotted names are checked when matching */
        }
        PyObject *k = literal_value(key);
        int dup = k != NULL ? PySet_Contains(seen, k) : -1;
        if (dup == 0) {
            r = PySet_Add(seen, k);
        } else if (dup > 0) {
            PyObject *repr = PyObject_Repr(k);
            const char *text = repr != NULL ? PyUnicode_AsUTF8(repr) : NULL;
            r = text != NULL ? check_error(c, p, "mapping pattern checks duplicate key (%s)", text)
                             : -1;
            Py_XDECREF(repr);
        } else {
            r = -1;
        }
        Py_XDECREF(k);
    }
    Py_XDECREF(seen);
    CHECK(r);
    CHECK(check_subpatterns(c, p->v.MatchMapping.patterns, cap));
    return p->v.MatchMapping.rest != NULL ? check_store(c, p, p->v.MatchMapping.rest, cap) : 0;
}

static int
check_class(Compiler *c, PyrsPattern *p, Captures *cap)
{
    PyrsAstSeq *attrs = p->v.MatchClass.kwd_attrs;
    for (long i = 0; i < PYRS_SEQ_LEN(attrs); i++) {
        for (long j = 0; j < i; j++) {
            if (strcmp(PYRS_SEQ_GET(attrs, i), PYRS_SEQ_GET(attrs, j)) == 0) {
                return check_error(c, PYRS_SEQ_GET(p->v.MatchClass.kwd_patterns, i),
                                   "attribute name repeated in class pattern: %s",
                                   PYRS_SEQ_GET(attrs, i));
            }
        }
    }
    CHECK(check_subpatterns(c, p->v.MatchClass.patterns, cap));
    return check_subpatterns(c, p->v.MatchClass.kwd_patterns, cap);
}

/* Every alternative binds the same names (in any order); they count once outside. */
static int
check_or(Compiler *c, PyrsPattern *p, int allow_irrefutable, Captures *cap)
{
    PyrsAstSeq *alts = p->v.MatchOr.patterns;
    long n = PYRS_SEQ_LEN(alts);
    Captures first = {NULL, 0, 0, 0};
    int r = 0;
    for (long i = 0; r == 0 && i < n; i++) {
        Captures alt = {NULL, 0, 0, 0};
        r = check_pattern(c, PYRS_SEQ_GET(alts, i), allow_irrefutable && i == n - 1, &alt);
        if (r == 0 && i > 0) {
            int same = alt.n == first.n;
            for (int k = 0; same && k < alt.n; k++) {
                same = captures_index(&first, alt.names[k]) >= 0;
            }
            if (!same) {
                r = check_error(c, PYRS_SEQ_GET(alts, i),
                                "%salternative patterns bind different names", "");
            }
        }
        if (i == 0) {
            first = alt;
        } else {
            PyMem_Free(alt.names);
        }
    }
    for (int k = 0; r == 0 && k < first.n; k++) {
        r = check_store(c, p, first.names[k], cap);
    }
    PyMem_Free(first.names);
    return r;
}

/* CPython's compile-time pattern checks; fills CAP with the names P binds. An irrefutable
 * pattern where ALLOW_IRREFUTABLE is 0 would make the following cases unreachable. */
static int
check_pattern(Compiler *c, PyrsPattern *p, int allow_irrefutable, Captures *cap)
{
    switch (p->kind) {
    case PYRS_K_MatchValue:
        return check_value_expr(c, p, p->v.MatchValue.value, "patterns");
    case PYRS_K_MatchSingleton:
        return 0;
    case PYRS_K_MatchSequence: {
        int stars = 0;
        for (long i = 0; i < PYRS_SEQ_LEN(p->v.MatchSequence.patterns); i++) {
            PyrsPattern *sub = PYRS_SEQ_GET(p->v.MatchSequence.patterns, i);
            if (sub->kind == PYRS_K_MatchStar && ++stars > 1) {
                return check_error(c, p, "%smultiple starred names in sequence pattern", "");
            }
        }
        return check_subpatterns(c, p->v.MatchSequence.patterns, cap);
    }
    case PYRS_K_MatchStar:
        return p->v.MatchStar.name != NULL ? check_store(c, p, p->v.MatchStar.name, cap) : 0;
    case PYRS_K_MatchMapping:
        return check_mapping(c, p, cap);
    case PYRS_K_MatchClass:
        return check_class(c, p, cap);
    case PYRS_K_MatchOr:
        return check_or(c, p, allow_irrefutable, cap);
    case PYRS_K_MatchAs:
        if (p->v.MatchAs.pattern == NULL && !allow_irrefutable) {
            return p->v.MatchAs.name == NULL
                       ? check_error(c, p, "%swildcard makes remaining patterns unreachable", "")
                       : check_error(c, p, "name capture '%s' makes remaining patterns unreachable",
                                     p->v.MatchAs.name);
        }
        if (p->v.MatchAs.pattern != NULL) {
            CHECK(check_pattern(c, p->v.MatchAs.pattern, allow_irrefutable, cap));
        }
        return p->v.MatchAs.name != NULL ? check_store(c, p, p->v.MatchAs.name, cap) : 0;
    default:
        return 0;
    }
}

/* Keeps VALUE (a register) as the capture NAME until the whole pattern has matched. */
static int
capture(Compiler *c, const char *name, int value)
{
    int i = captures != NULL ? captures_index(captures, name) : -1;
    if (i < 0) {
        return pyrs_cc_store_name(c, name, value);
    }
    EMIT(PYRS_OP_MOVE, captures->base + i, value, 0, 0);
    return 0;
}

/* Matches registers BASE.. (already unpacked) against PATTERNS, star captures included. */
static int
sub_patterns(Compiler *c, PyrsAstSeq *patterns, int base, Fails *fails)
{
    for (long i = 0; i < PYRS_SEQ_LEN(patterns); i++) {
        PyrsPattern *p = PYRS_SEQ_GET(patterns, i);
        if (p->kind == PYRS_K_MatchStar) {
            if (p->v.MatchStar.name != NULL) {
                CHECK(capture(c, p->v.MatchStar.name, base + (int)i));
            }
            continue;
        }
        CHECK(pattern(c, p, base + (int)i, fails));
    }
    return 0;
}

static int
match_value(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    CHECK(pyrs_cc_expr(c, p->v.MatchValue.value, t));
    EMIT(PYRS_OP_COMPARE, t, subj, t, PYRS_CMP_EQ);
    return fail_if_false(c, t, fails);
}

static int
match_singleton(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    int t = pyrs_cc_tmp(c), k = pyrs_cc_const_ast(c, p->v.MatchSingleton.value);
    CHECK(t);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, t, k, 0, 0);
    EMIT(PYRS_OP_COMPARE, t, subj, t, PYRS_CMP_IS);
    return fail_if_false(c, t, fails);
}

static int
match_or(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    PyrsAstSeq *alts = p->v.MatchOr.patterns;
    Fails done = {NULL, 0, 0};
    long n = PYRS_SEQ_LEN(alts);
    for (long i = 0; i < n; i++) {
        if (i == n - 1) {
            CHECK(pattern(c, PYRS_SEQ_GET(alts, i), subj, fails));
            break;
        }
        Fails next = {NULL, 0, 0};
        if (pattern(c, PYRS_SEQ_GET(alts, i), subj, &next) < 0 ||
            fails_add(&done, pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0)) < 0) {
            PyMem_Free(next.jumps);
            PyMem_Free(done.jumps);
            return -1;
        }
        fails_patch_here(c, &next);
    }
    fails_patch_here(c, &done);
    return 0;
}

/* `_` or `*_`: matches anything and binds nothing. */
static int
is_wildcard(PyrsPattern *p)
{
    return (p->kind == PYRS_K_MatchAs && p->v.MatchAs.pattern == NULL &&
            p->v.MatchAs.name == NULL) ||
           (p->kind == PYRS_K_MatchStar && p->v.MatchStar.name == NULL);
}

/* A sequence pattern whose star is `*_`: as CPython, each other item is read by index (from
 * the end past the star), so a long or endless sequence is never iterated. */
static int
sequence_by_index(Compiler *c, PyrsAstSeq *pats, int star, int subj, Fails *fails)
{
    int n = (int)PYRS_SEQ_LEN(pats);
    for (int i = 0; i < n; i++) {
        PyrsPattern *sub = PYRS_SEQ_GET(pats, i);
        if (is_wildcard(sub)) {
            continue;
        }
        int mark = c->u->next_reg;
        int item = pyrs_cc_tmp(c);
        CHECK(item);
        EMIT(PYRS_OP_MATCHITEM, item, subj, i < star ? i : n - i, i > star);
        CHECK(pattern(c, sub, item, fails));
        pyrs_cc_free_to(c, mark);
    }
    return 0;
}

static int
match_sequence(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    PyrsAstSeq *pats = p->v.MatchSequence.patterns;
    int n = (int)PYRS_SEQ_LEN(pats), star = -1;
    for (int i = 0; i < n; i++) {
        if (((PyrsPattern *)PYRS_SEQ_GET(pats, i))->kind == PYRS_K_MatchStar) {
            star = i;
        }
    }
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    EMIT(PYRS_OP_MATCHSEQ, t, subj, star < 0 ? n : n - 1, star >= 0);
    CHECK(fail_if_false(c, t, fails));
    int only_wildcards = 1;
    for (int i = 0; i < n; i++) {
        only_wildcards &= is_wildcard(PYRS_SEQ_GET(pats, i));
    }
    if (only_wildcards) {
        return 0; /* the length check was all: nothing is read from the subject */
    }
    if (star >= 0 && is_wildcard(PYRS_SEQ_GET(pats, star))) {
        return sequence_by_index(c, pats, star, subj, fails);
    }
    int base = pyrs_cc_tmps(c, n + 1);
    CHECK(base);
    if (star < 0) {
        EMIT(PYRS_OP_UNPACK, base, subj, n, 0);
    } else {
        EMIT(PYRS_OP_UNPACKEX, base, subj, n - 1, n - 1 - star);
    }
    return sub_patterns(c, pats, base, fails);
}

/* Evaluates the key expressions of a mapping pattern into a tuple in a new register. */
static int
mapping_keys(Compiler *c, PyrsAstSeq *keys)
{
    int n = (int)PYRS_SEQ_LEN(keys);
    int kt = pyrs_cc_tmp(c), base = pyrs_cc_tmps(c, n > 0 ? n : 1);
    CHECK(kt);
    CHECK(base);
    for (int i = 0; i < n; i++) {
        CHECK(pyrs_cc_expr(c, PYRS_SEQ_GET(keys, i), base + i));
    }
    EMIT(PYRS_OP_BUILDTUPLE, kt, base, n, 0);
    return kt;
}

static int
match_mapping(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    int t = pyrs_cc_tmp(c);
    CHECK(t);
    int n = (int)PYRS_SEQ_LEN(p->v.MatchMapping.keys);
    EMIT(PYRS_OP_MATCHMAP, t, subj, n, 0);
    CHECK(fail_if_false(c, t, fails));
    if (n == 0 && p->v.MatchMapping.rest == NULL) {
        return 0; /* `{}`: any mapping, nothing looked up */
    }
    int kt = mapping_keys(c, p->v.MatchMapping.keys);
    CHECK(kt);
    int vals = pyrs_cc_tmp(c), base = pyrs_cc_tmps(c, n + 1);
    CHECK(vals);
    CHECK(base);
    if (n > 0) { /* `{**rest}` looks nothing up */
        EMIT(PYRS_OP_MATCHKEYS, vals, subj, kt, 0);
        CHECK(fail_if_none(c, vals, fails));
        EMIT(PYRS_OP_UNPACK, base, vals, n, 0);
        CHECK(sub_patterns(c, p->v.MatchMapping.patterns, base, fails));
    }
    if (p->v.MatchMapping.rest != NULL) {
        EMIT(PYRS_OP_MATCHREST, t, subj, kt, 0);
        CHECK(capture(c, p->v.MatchMapping.rest, t));
    }
    return 0;
}

/* The keyword attribute names of a class pattern as a constant tuple of str. */
static int
class_kwnames(Compiler *c, PyrsAstSeq *attrs)
{
    PyObject *t = PyTuple_New(PYRS_SEQ_LEN(attrs));
    for (long i = 0; t != NULL && i < PYRS_SEQ_LEN(attrs); i++) {
        PyObject *s = PyUnicode_InternFromString(PYRS_SEQ_GET(attrs, i));
        if (s == NULL) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, s);
    }
    int k = t != NULL ? pyrs_cc_const(c, t) : -1;
    Py_XDECREF(t);
    return k;
}

static int
match_class(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    int npos = (int)PYRS_SEQ_LEN(p->v.MatchClass.patterns);
    int nkw = (int)PYRS_SEQ_LEN(p->v.MatchClass.kwd_attrs);
    int b = pyrs_cc_tmps(c, 3), vals = pyrs_cc_tmp(c);
    CHECK(b);
    CHECK(vals);
    EMIT(PYRS_OP_MOVE, b, subj, 0, 0);
    CHECK(pyrs_cc_expr(c, p->v.MatchClass.cls, b + 1));
    int k = class_kwnames(c, p->v.MatchClass.kwd_attrs);
    CHECK(k);
    EMIT(PYRS_OP_LOADK, b + 2, k, 0, 0);
    EMIT(PYRS_OP_MATCHCLASS, vals, b, 0, npos);
    CHECK(fail_if_none(c, vals, fails));
    int base = pyrs_cc_tmps(c, npos + nkw + 1);
    CHECK(base);
    EMIT(PYRS_OP_UNPACK, base, vals, npos + nkw, 0);
    CHECK(sub_patterns(c, p->v.MatchClass.patterns, base, fails));
    return sub_patterns(c, p->v.MatchClass.kwd_patterns, base + npos, fails);
}

static int
pattern(Compiler *c, PyrsPattern *p, int subj, Fails *fails)
{
    int mark = c->u->next_reg;
    PyrsSavedPos saved =
        pyrs_cc_set_pos(c, p->lineno, p->col_offset, p->end_lineno, p->end_col_offset);
    int r;
    switch (p->kind) {
    case PYRS_K_MatchValue:
        r = match_value(c, p, subj, fails);
        break;
    case PYRS_K_MatchSingleton:
        r = match_singleton(c, p, subj, fails);
        break;
    case PYRS_K_MatchSequence:
        r = match_sequence(c, p, subj, fails);
        break;
    case PYRS_K_MatchMapping:
        r = match_mapping(c, p, subj, fails);
        break;
    case PYRS_K_MatchClass:
        r = match_class(c, p, subj, fails);
        break;
    case PYRS_K_MatchOr:
        r = match_or(c, p, subj, fails);
        break;
    case PYRS_K_MatchAs:
        r = p->v.MatchAs.pattern != NULL ? pattern(c, p->v.MatchAs.pattern, subj, fails) : 0;
        if (r == 0 && p->v.MatchAs.name != NULL) {
            r = capture(c, p->v.MatchAs.name, subj);
        }
        break;
    default:
        r = pyrs_cc_error(c, p->lineno, p->col_offset, "pyrs: this pattern is not supported");
    }
    pyrs_cc_restore_pos(c, saved);
    pyrs_cc_free_to(c, mark);
    return r;
}

/* One case: its pattern (checked first), the captures stored once it matched, the guard,
 * then the body and a jump to the end (in DONE). LAST: no case follows. */
static int
match_case(Compiler *c, PyrsMatchCase *mc, int subj, Fails *done, int last)
{
    Captures cap = {NULL, 0, 0, 0};
    Fails next = {NULL, 0, 0};
    int mark = c->u->next_reg;
    int r = check_pattern(c, mc->pattern, last || mc->guard != NULL, &cap);
    if (r == 0 && cap.n > 0) {
        cap.base = pyrs_cc_tmps(c, cap.n);
        r = cap.base < 0 ? -1 : 0;
    }
    Captures *outer = captures;
    captures = &cap;
    if (r == 0) {
        r = pattern(c, mc->pattern, subj, &next);
    }
    captures = outer;
    for (int i = 0; r == 0 && i < cap.n; i++) {
        r = pyrs_cc_store_name(c, cap.names[i], cap.base + i);
    }
    pyrs_cc_free_to(c, mark);
    PyMem_Free(cap.names);
    if (r == 0 && mc->guard != NULL) {
        int g = pyrs_cc_tmp(c);
        r = g < 0 || pyrs_cc_expr(c, mc->guard, g) < 0 ? -1 : fail_if_false(c, g, &next);
        pyrs_cc_free_to(c, g);
    }
    if (r == 0) {
        r = pyrs_cc_stmts(c, mc->body);
    }
    if (r == 0) {
        r = fails_add(done, pyrs_cc_emit_jump(c, PYRS_OP_JMP, 0));
    }
    if (r < 0) {
        PyMem_Free(next.jumps);
        return -1;
    }
    fails_patch_here(c, &next);
    return 0;
}

int
pyrs_cc_match(Compiler *c, PyrsStmt *s)
{
    int subj = pyrs_cc_tmp(c);
    CHECK(subj);
    CHECK(pyrs_cc_expr(c, s->v.Match.subject, subj));
    Fails done = {NULL, 0, 0};
    for (long i = 0; i < PYRS_SEQ_LEN(s->v.Match.cases); i++) {
        if (match_case(c, PYRS_SEQ_GET(s->v.Match.cases, i), subj, &done,
                       i == PYRS_SEQ_LEN(s->v.Match.cases) - 1) < 0) {
            PyMem_Free(done.jumps);
            return -1;
        }
    }
    fails_patch_here(c, &done);
    EMIT(PYRS_OP_CLEAR, subj, 1, 0, 0);
    pyrs_cc_free_to(c, subj);
    return 0;
}

/* compile_match.c: the match statement (PEP 634) to register bytecode. Each pattern falls
 * through on success and jumps to the next case on failure; captures are stored as they are
 * matched. Mirrors CPython 3.11's MATCH_SEQUENCE / MATCH_MAPPING / MATCH_KEYS / MATCH_CLASS. */
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

/* Matches registers BASE.. (already unpacked) against PATTERNS, star captures included. */
static int
sub_patterns(Compiler *c, PyrsAstSeq *patterns, int base, Fails *fails)
{
    for (long i = 0; i < PYRS_SEQ_LEN(patterns); i++) {
        PyrsPattern *p = PYRS_SEQ_GET(patterns, i);
        if (p->kind == PYRS_K_MatchStar) {
            if (p->v.MatchStar.name != NULL) {
                CHECK(pyrs_cc_store_name(c, p->v.MatchStar.name, base + (int)i));
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
    EMIT(PYRS_OP_MATCHMAP, t, subj, 0, 0);
    CHECK(fail_if_false(c, t, fails));
    int n = (int)PYRS_SEQ_LEN(p->v.MatchMapping.keys);
    int kt = mapping_keys(c, p->v.MatchMapping.keys);
    CHECK(kt);
    int vals = pyrs_cc_tmp(c), base = pyrs_cc_tmps(c, n + 1);
    CHECK(vals);
    CHECK(base);
    EMIT(PYRS_OP_MATCHKEYS, vals, subj, kt, 0);
    CHECK(fail_if_none(c, vals, fails));
    EMIT(PYRS_OP_UNPACK, base, vals, n, 0);
    CHECK(sub_patterns(c, p->v.MatchMapping.patterns, base, fails));
    if (p->v.MatchMapping.rest != NULL) {
        EMIT(PYRS_OP_MATCHREST, t, subj, kt, 0);
        CHECK(pyrs_cc_store_name(c, p->v.MatchMapping.rest, t));
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
            r = pyrs_cc_store_name(c, p->v.MatchAs.name, subj);
        }
        break;
    default:
        r = pyrs_cc_error(c, p->lineno, p->col_offset, "pyrs: this pattern is not supported");
    }
    pyrs_cc_restore_pos(c, saved);
    pyrs_cc_free_to(c, mark);
    return r;
}

/* One case: its pattern and guard, then the body and a jump to the end (in DONE). */
static int
match_case(Compiler *c, PyrsMatchCase *mc, int subj, Fails *done)
{
    Fails next = {NULL, 0, 0};
    int r = pattern(c, mc->pattern, subj, &next);
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
        if (match_case(c, PYRS_SEQ_GET(s->v.Match.cases, i), subj, &done) < 0) {
            PyMem_Free(done.jumps);
            return -1;
        }
    }
    fails_patch_here(c, &done);
    EMIT(PYRS_OP_CLEAR, subj, 1, 0, 0);
    pyrs_cc_free_to(c, subj);
    return 0;
}

/* sre_match.c: the _sre matcher entry points and the code validator. The interpreter itself is
 * sre_engine.h, instantiated here for 1-, 2- and 4-byte subjects (CPython's sre_lib.h technique);
 * it mirrors CPython 3.11's matching semantics (mark restoration, zero-width repeat protection,
 * must_advance) with a heap stack instead of C recursion. */
#include "sre.h"
#include "sre_chars.h"

/* Backtracking entry kinds: undo records first (IS_UNDO), then choice points. */
enum {
    PYRS_SRE_BT_MARK,       /* marks[pc] = a, lastindex = b */
    PYRS_SRE_BT_FPUSH,      /* a frame was pushed: pop it */
    PYRS_SRE_BT_FPOP,       /* a frame was popped: push it back (kind in the high bits) */
    PYRS_SRE_BT_FSET,       /* frame pc's fields were a, b, c */
    PYRS_SRE_BT_BRANCH = 8, /* try the BRANCH alternative whose skip word is at pc, at a */
    PYRS_SRE_BT_REP1,       /* greedy REPEAT_ONE at pc from a: retry the tail with b-1 items */
    PYRS_SRE_BT_MINREP1,    /* lazy MIN_REPEAT_ONE at pc: take one more item at a (b so far) */
    PYRS_SRE_BT_UNTIL_TAIL, /* MAX_UNTIL at pc: leave the repeat and match the tail at a */
    PYRS_SRE_BT_UNTIL_MORE, /* MIN_UNTIL at pc: the tail failed, iterate once more at a */
    PYRS_SRE_BT_NOT_GUARD,  /* ASSERT_NOT body failed: continue at pc, position a */
    PYRS_SRE_BT_POSS_GUARD, /* POSSESSIVE_REPEAT at pc: iteration failed, tail at a */
    PYRS_SRE_BT_FAILTHRU,   /* the last try of a mark-saving construct failed: restore, fail */
};
#define IS_UNDO(kind) (((kind)&0xff) < 8)
/* Choice-point flag: the choice point saved the marks (CPython's MARK_PUSH) and restores them
 * when resumed. CPython 3.11 saves them only at some choice points (always for the optional
 * iteration of a greedy repeat and for possessive repeats; inside a REPEAT for branches,
 * single-character repeats, lazy repeat tails and negative lookarounds); elsewhere a failed
 * path restores only lastmark/lastindex and may leave a stale mark below lastmark that later
 * backreferences and results see. Mirroring this keeps results identical. Field c of every
 * choice point is the height of st->msave when it was pushed (where its saved marks start). */
#define PYRS_SRE_BT_RESTORE (1u << 16)
#define BT_KIND(kind)       ((kind)&0xffff)


/* Frame kinds. */
enum {
    PYRS_SRE_FR_REPEAT,
    PYRS_SRE_FR_ASSERT,
    PYRS_SRE_FR_ASSERT_NOT,
    PYRS_SRE_FR_ATOMIC,
    PYRS_SRE_FR_POSS,
};

#define PYRS_SRE_SIGNAL_STEPS 100000

/* Doubles the capacity of the array *P (CAP items of SIZE bytes, the inline array SMALL at
 * first); 0, or -1 when out of memory. */
static int
grow(void **p, Py_ssize_t *cap, size_t size, const void *small)
{
    Py_ssize_t n = *cap * 2;
    void *q;
    if (*p == small) {
        q = PyMem_Malloc((size_t)n * size);
        if (q != NULL) {
            memcpy(q, *p, (size_t)*cap * size);
        }
    } else {
        q = PyMem_Realloc(*p, (size_t)n * size);
    }
    if (q == NULL) {
        return -1;
    }
    *p = q;
    *cap = n;
    return 0;
}

static int
bt_grow(PyrsSreState *st)
{
    return grow((void **)&st->bt, &st->bt_cap, sizeof(PyrsSreEntry), st->bt_small);
}

static int
fr_grow(PyrsSreState *st)
{
    return grow((void **)&st->fr, &st->fr_cap, sizeof(PyrsSreFrame), st->fr_small);
}

/* Applies the undo record E (marks: only lastmark and lastindex, as CPython). */
static void
undo(PyrsSreState *st, const PyrsSreEntry *e)
{
    PyrsSreFrame *f;
    switch (e->kind & 0xff) {
    case PYRS_SRE_BT_MARK:
        st->lastindex = e->b;
        st->lastmark = e->c;
        break;
    case PYRS_SRE_BT_FPUSH:
        st->nrep -= st->fr[--st->fr_len].kind == PYRS_SRE_FR_REPEAT;
        break;
    case PYRS_SRE_BT_FPOP:
        /* the frame was on the stack before, so the capacity is there */
        f = &st->fr[st->fr_len++];
        f->kind = e->kind >> 8;
        f->pc = e->pc;
        f->a = e->a, f->b = e->b, f->c = e->c;
        st->nrep += f->kind == PYRS_SRE_FR_REPEAT;
        break;
    default:
        f = &st->fr[e->pc];
        f->a = e->a, f->b = e->b, f->c = e->c;
        break;
    }
}

/* Undoes the records above the newest choice point; returns that choice point or NULL when
 * there is none left. */
static PyrsSreEntry *
backtrack(PyrsSreState *st)
{
    while (st->bt_len > 0) {
        PyrsSreEntry *e = &st->bt[st->bt_len - 1];
        if (!IS_UNDO(e->kind)) {
            return e;
        }
        undo(st, e);
        st->bt_len--;
    }
    return NULL;
}

/* Saves marks[0..lastmark] on st->msave (count first); 0, or -1 when out of memory. */
static int
save_marks(PyrsSreState *st)
{
    Py_ssize_t n = st->lastmark + 1;
    if (st->msave_len + n + 1 > st->msave_cap) {
        Py_ssize_t cap = (st->msave_cap + n + 1) * 2;
        Py_ssize_t *q = PyMem_Realloc(st->msave, (size_t)cap * sizeof(Py_ssize_t));
        if (q == NULL) {
            return -1;
        }
        st->msave = q;
        st->msave_cap = cap;
    }
    st->msave[st->msave_len] = n;
    memcpy(st->msave + st->msave_len + 1, st->marks, (size_t)n * sizeof(Py_ssize_t));
    st->msave_len += n + 1;
    return 0;
}

/* Resuming the choice point E: puts back the marks it saved (keeping the copy while E stays). */
static void
restore_marks(PyrsSreState *st, const PyrsSreEntry *e)
{
    if (e->kind & PYRS_SRE_BT_RESTORE) {
        Py_ssize_t n = st->msave[e->c];
        memcpy(st->marks, st->msave + e->c + 1, (size_t)n * sizeof(Py_ssize_t));
        st->msave_len = e->c + n + 1;
    } else {
        st->msave_len = e->c;
    }
}

/* Makes the sub-match that began at backtrack height H atomic: drops its choice points and
 * keeps its undo records (outer backtracking must still restore marks and frames). */
static void
cut(PyrsSreState *st, Py_ssize_t h)
{
    Py_ssize_t j = h, saved = -1;
    for (Py_ssize_t i = h; i < st->bt_len; i++) {
        if (IS_UNDO(st->bt[i].kind)) {
            st->bt[j++] = st->bt[i];
        } else if (saved < 0) {
            saved = st->bt[i].c; /* the saved marks of the dropped choice points end here */
        }
    }
    st->bt_len = j;
    if (saved >= 0) {
        st->msave_len = saved;
    }
}

/* 1 if the single-character op P accepts CH. */
static inline int
unit_ok(const uint32_t *p, uint32_t ch)
{
    switch (p[0]) {
    case SRE_OP_LITERAL:
        return ch == p[1];
    case SRE_OP_NOT_LITERAL:
        return ch != p[1];
    case SRE_OP_LITERAL_IGNORE:
        return pyrs_sre_lower_ascii(ch) == p[1];
    case SRE_OP_NOT_LITERAL_IGNORE:
        return pyrs_sre_lower_ascii(ch) != p[1];
    case SRE_OP_LITERAL_UNI_IGNORE:
        return pyrs_sre_lower_unicode(ch) == p[1];
    case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        return pyrs_sre_lower_unicode(ch) != p[1];
    case SRE_OP_LITERAL_LOC_IGNORE:
        return ch == p[1] || pyrs_sre_lower_locale(ch) == p[1] || pyrs_sre_upper_locale(ch) == p[1];
    case SRE_OP_NOT_LITERAL_LOC_IGNORE:
        return !(ch == p[1] || pyrs_sre_lower_locale(ch) == p[1] ||
                 pyrs_sre_upper_locale(ch) == p[1]);
    case SRE_OP_ANY:
        return ch != '\n';
    case SRE_OP_ANY_ALL:
        return 1;
    case SRE_OP_IN:
        return pyrs_sre_charset(p + 2, ch);
    case SRE_OP_IN_IGNORE:
        return pyrs_sre_charset(p + 2, pyrs_sre_lower_ascii(ch));
    case SRE_OP_IN_UNI_IGNORE:
        return pyrs_sre_charset(p + 2, pyrs_sre_lower_unicode(ch));
    case SRE_OP_IN_LOC_IGNORE:
        return pyrs_sre_charset_loc_ignore(p + 2, ch);
    case SRE_OP_CATEGORY:
        return pyrs_sre_category(p[1], ch);
    default:
        return 0;
    }
}

/* unit_ok through the pattern's precomputed map of the characters below 256 (built for the
 * IN ops by pyrs_sre_build_maps). */
static inline int
unit_fast(const PyrsSreState *st, const uint32_t *p, uint32_t ch)
{
    if (ch < 256) {
        int32_t k = st->mapidx[p - st->code];
        if (k >= 0) {
            return (st->maps[8 * k + (ch >> 5)] >> (ch & 31)) & 1;
        }
    }
    return unit_ok(p, ch);
}

/* The INFO block's charset (its map sits at mapidx[0]). */
static inline int
info_charset_ok(const PyrsSreState *st, const uint32_t *set, uint32_t ch)
{
    if (ch < 256 && st->mapidx[0] >= 0) {
        return (st->maps[8 * st->mapidx[0] + (ch >> 5)] >> (ch & 31)) & 1;
    }
    return pyrs_sre_charset(set, ch);
}

static int
is_in_op(uint32_t op)
{
    return op == SRE_OP_IN || op == SRE_OP_IN_IGNORE || op == SRE_OP_IN_UNI_IGNORE;
}


static int
is_unit_op(uint32_t op)
{
    switch (op) {
    case SRE_OP_LITERAL:
    case SRE_OP_NOT_LITERAL:
    case SRE_OP_LITERAL_IGNORE:
    case SRE_OP_NOT_LITERAL_IGNORE:
    case SRE_OP_LITERAL_UNI_IGNORE:
    case SRE_OP_NOT_LITERAL_UNI_IGNORE:
    case SRE_OP_LITERAL_LOC_IGNORE:
    case SRE_OP_NOT_LITERAL_LOC_IGNORE:
    case SRE_OP_IN:
    case SRE_OP_IN_IGNORE:
    case SRE_OP_IN_UNI_IGNORE:
    case SRE_OP_IN_LOC_IGNORE:
    case SRE_OP_CATEGORY:
    case SRE_OP_ANY:
        return 1;
    default:
        return 0;
    }
}

/* P advanced past zero-width ops (MARK, AT, lookarounds), which leave the first character of a
 * match to the op after them. */
static const uint32_t *
skip_zero_width(const uint32_t *p)
{
    for (;;) {
        if (p[0] == SRE_OP_MARK || p[0] == SRE_OP_AT) {
            p += 2;
        } else if (p[0] == SRE_OP_ASSERT || p[0] == SRE_OP_ASSERT_NOT) {
            p += 1 + p[1];
        } else {
            return p;
        }
    }
}

/* The single-character op every match starting at P must begin with, looking past zero-width
 * ops and into a repeat of at least one item; NULL when there is none. */
static const uint32_t *
first_unit(const uint32_t *p)
{
    p = skip_zero_width(p);
    if (is_unit_op(p[0])) {
        return p;
    }
    if ((p[0] == SRE_OP_REPEAT_ONE || p[0] == SRE_OP_MIN_REPEAT_ONE ||
         p[0] == SRE_OP_POSSESSIVE_REPEAT_ONE) &&
        p[2] >= 1) {
        return p + 4;
    }
    return NULL;
}

/* Whether a match of the code at P (after the INFO block) may begin with CH; 1 when unknown. */
static int
first_char_ok(const uint32_t *p, uint32_t ch)
{
    const uint32_t *u = first_unit(p);
    if (u != NULL) {
        return unit_ok(u, ch);
    }
    p = skip_zero_width(p);
    if (p[0] != SRE_OP_BRANCH) {
        return 1;
    }
    for (const uint32_t *alt = p + 1; alt[0]; alt += alt[0]) {
        u = first_unit(alt + 1);
        if (u == NULL || unit_ok(u, ch)) {
            return 1;
        }
    }
    return 0;
}

/* The map of possible first characters below 256 of the pattern CODE, or 0 when every
 * character may begin a match (no filter is worth it). */
static int
first_map(const uint32_t *code, uint32_t *map)
{
    const uint32_t *p = code[0] == SRE_OP_INFO ? code + 1 + code[1] : code;
    int all = 1;
    for (uint32_t ch = 0; ch < 256; ch++) {
        int ok = first_char_ok(p, ch);
        map[ch >> 5] |= (uint32_t)ok << (ch & 31);
        all &= ok;
    }
    return !all;
}

#define BT_PUSH(K, PC, A, B, C)                                                                    \
    do {                                                                                           \
        Py_ssize_t a_ = (A), b_ = (B), c_ = (C);                                                   \
        if (st->bt_len == st->bt_cap && bt_grow(st) < 0) {                                         \
            goto nomem;                                                                            \
        }                                                                                          \
        PyrsSreEntry *n_ = &st->bt[st->bt_len++];                                                  \
        n_->kind = (K);                                                                            \
        n_->pc = (PC);                                                                             \
        n_->a = a_, n_->b = b_, n_->c = c_;                                                        \
    } while (0)

#define CHOICE_PUSH(K, RESTORE, PC, A, B)                                                          \
    do {                                                                                           \
        Py_ssize_t h_ = st->msave_len;                                                             \
        int r_ = (RESTORE);                                                                        \
        if (r_ && save_marks(st) < 0) {                                                            \
            goto nomem;                                                                            \
        }                                                                                          \
        BT_PUSH((K) | (r_ ? PYRS_SRE_BT_RESTORE : 0u), PC, A, B, h_);                              \
    } while (0)

/* Drops the resumed choice point E (the newest entry) with its saved marks. */
#define POP_CHOICE(E)                                                                              \
    do {                                                                                           \
        st->msave_len = (E)->c;                                                                    \
        st->bt_len--;                                                                              \
    } while (0)

/* The resumed choice point E starts its construct's last try: a mark-saving one stays as a
 * FAILTHRU entry (CPython restores the marks after the last try too), others are dropped. */
#define LAST_TRY(E)                                                                                \
    do {                                                                                           \
        if ((E)->kind & PYRS_SRE_BT_RESTORE) {                                                     \
            (E)->kind = PYRS_SRE_BT_FAILTHRU | PYRS_SRE_BT_RESTORE;                                \
        } else {                                                                                   \
            POP_CHOICE(E);                                                                         \
        }                                                                                          \
    } while (0)

#define FR_PUSH(K, PC, A, B, C)                                                                    \
    do {                                                                                           \
        if (st->fr_len == st->fr_cap && fr_grow(st) < 0) {                                         \
            goto nomem;                                                                            \
        }                                                                                          \
        PyrsSreFrame *t_ = &st->fr[st->fr_len++];                                                  \
        t_->kind = (K), t_->pc = (PC);                                                             \
        st->nrep += (K) == PYRS_SRE_FR_REPEAT;                                                     \
        t_->a = (A), t_->b = (B), t_->c = (C);                                                     \
        BT_PUSH(PYRS_SRE_BT_FPUSH, 0, 0, 0, 0);                                                    \
    } while (0)

#define FR_POP()                                                                                   \
    do {                                                                                           \
        PyrsSreFrame *t_ = &st->fr[--st->fr_len];                                                  \
        st->nrep -= t_->kind == PYRS_SRE_FR_REPEAT;                                                \
        BT_PUSH(PYRS_SRE_BT_FPOP | (t_->kind << 8), t_->pc, t_->a, t_->b, t_->c);                  \
    } while (0)

#define FR_SET(A, B, C)                                                                            \
    do {                                                                                           \
        Py_ssize_t na_ = (A), nb_ = (B), nc_ = (C);                                                \
        PyrsSreFrame *t_ = &st->fr[st->fr_len - 1];                                                \
        BT_PUSH(PYRS_SRE_BT_FSET, (uint32_t)(st->fr_len - 1), t_->a, t_->b, t_->c);                \
        t_->a = na_, t_->b = nb_, t_->c = nc_;                                                     \
    } while (0)

#define SRE_CHAR  Py_UCS1
#define SRE_FN(n) n##_ucs1
#include "sre_engine.h"
#undef SRE_CHAR
#undef SRE_FN
#define SRE_CHAR  Py_UCS2
#define SRE_FN(n) n##_ucs2
#include "sre_engine.h"
#undef SRE_CHAR
#undef SRE_FN
#define SRE_CHAR  Py_UCS4
#define SRE_FN(n) n##_ucs4
#include "sre_engine.h"
#undef SRE_CHAR
#undef SRE_FN

/* Match at st->start only (pattern.match/fullmatch, scanner.match). */
int
pyrs_sre_match(PyrsSreState *st)
{
    int r;
    if (st->start > st->endpos) {
        return 0;
    }
    if (st->code[0] == SRE_OP_INFO && st->code[3] &&
        (uint64_t)(st->endpos - st->start) < st->code[3]) {
        return 0;
    }
    switch (st->charsize) {
    case 1:
        r = run_ucs1(st, st->start);
        break;
    case 2:
        r = run_ucs2(st, st->start);
        break;
    default:
        r = run_ucs4(st, st->start);
        break;
    }
    return r;
}

/* Search from st->start (pattern.search, findall, finditer, sub, split). */
int
pyrs_sre_search(PyrsSreState *st)
{
    switch (st->charsize) {
    case 1:
        return search_ucs1(st);
    case 2:
        return search_ucs2(st);
    default:
        return search_ucs4(st);
    }
}

int
pyrs_sre_build_maps(const uint32_t *code, Py_ssize_t n, const unsigned char *ops, int32_t **mapidx,
                    uint32_t **maps)
{
    Py_ssize_t count = 0;
    int info = n > 5 && code[0] == SRE_OP_INFO && (code[2] & SRE_INFO_CHARSET) &&
               !(code[2] & SRE_INFO_PREFIX);
    for (Py_ssize_t i = 0; i < n; i++) {
        count += ops[i] && is_in_op(code[i]);
    }
    *mapidx = PyMem_Malloc((size_t)(n + 1) * sizeof(int32_t));
    *maps = PyMem_Calloc((size_t)(count + info + 2) * 8, sizeof(uint32_t));
    if (*mapidx == NULL || *maps == NULL) {
        PyMem_Free(*mapidx);
        PyMem_Free(*maps);
        *mapidx = NULL;
        *maps = NULL;
        PyErr_NoMemory();
        return -1;
    }
    int32_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        (*mapidx)[i] = -1;
        if (ops[i] && is_in_op(code[i])) {
            for (uint32_t ch = 0; ch < 256; ch++) {
                (*maps)[8 * k + (ch >> 5)] |= (uint32_t)unit_ok(code + i, ch) << (ch & 31);
            }
            (*mapidx)[i] = k++;
        }
    }
    if (info) {
        for (uint32_t ch = 0; ch < 256; ch++) {
            (*maps)[8 * k + (ch >> 5)] |= (uint32_t)pyrs_sre_charset(code + 5, ch) << (ch & 31);
        }
        (*mapidx)[0] = k++;
    }
    /* mapidx[n]: the first-character filter for searches without an INFO prefix or charset */
    (*mapidx)[n] = first_map(code, *maps + 8 * k) ? k : -1;
    return 0;
}

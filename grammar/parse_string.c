/* parse_string.c: string literal atoms: implicit concatenation of adjacent literals, bytes
 * versus str, and f-strings built into JoinedStr / FormattedValue / Constant nodes with the
 * positions CPython 3.11's string_parser.c gives them (pieces span the whole concatenation,
 * a format spec's JoinedStr spans its own token). */
#include "parse_build.h"

#include <stdlib.h>
#include <string.h>

#include "ast_const.h"
#include "fstring.h"
#include "strlit.h"

#define LOC(p) (p).l, (p).c, (p).el, (p).ec

/* Text being accumulated for one Constant piece, and the values built so far. */
typedef struct {
    char *buf;          /* pending literal text (malloc'ed) */
    size_t len;         /* bytes pending */
    size_t cap;         /* allocated */
    PyrsAstSeq *values; /* Constant / FormattedValue nodes */
    int failed;         /* allocation failure */
    int kind_u;         /* the concatenation's first token starts with a lowercase 'u' */
} Joiner;

static void
join_text(Joiner *j, const char *s, size_t n)
{
    if (j->len + n + 1 > j->cap) {
        size_t cap = (j->len + n + 1) * 2;
        char *b = realloc(j->buf, cap);
        if (!b) {
            j->failed = 1;
            return;
        }
        j->buf = b;
        j->cap = cap;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
}

/* Turns the pending text into a Constant; KIND_U gives it kind='u' (CPython marks every piece
 * but the final one of a format spec by the concatenation's first token). */
static void
flush_text(PyrsParser *P, Joiner *j, PyrsPPos p, int kind_u)
{
    PyrsConst *c;
    if (j->len == 0) {
        return;
    }
    c = pyrs_const_str(P->arena, j->buf, j->len);
    j->values =
        pyrs_pb_append(P, j->values, pyrs_ast_Constant(c, kind_u ? "u" : NULL, LOC(p), P->arena));
    j->len = 0;
}

static int add_parts(PyrsParser *P, Joiner *j, const PyrsFStrParts *parts, PyrsPPos whole,
                     PyrsPPos tokpos);

/* The FormattedValue of one replacement field. */
static PyrsExpr *
field_node(PyrsParser *P, const PyrsFStrPiece *f, PyrsPPos whole, PyrsPPos tokpos, int kind_u)
{
    PyrsExpr *value = pyrs_pb_sub_expr(P, pyrs_fstring_field_tokenizer(f, P->filename));
    PyrsExpr *spec = NULL;
    int conv = f->conversion;
    if (!value) {
        return NULL;
    }
    if (f->has_spec) {
        Joiner sj = {0};
        sj.kind_u = kind_u;
        if (add_parts(P, &sj, &f->spec, whole, tokpos) < 0) {
            free(sj.buf);
            return NULL;
        }
        flush_text(P, &sj, tokpos, 0);
        free(sj.buf);
        spec = pyrs_ast_JoinedStr(sj.values, LOC(tokpos), P->arena);
    }
    return pyrs_ast_FormattedValue(value, conv, spec, LOC(whole), P->arena);
}

/* Appends the pieces of PARTS to J. */
static int
add_parts(PyrsParser *P, Joiner *j, const PyrsFStrParts *parts, PyrsPPos whole, PyrsPPos tokpos)
{
    for (size_t i = 0; i < parts->n; i++) {
        const PyrsFStrPiece *f = &parts->items[i];
        PyrsExpr *fv;
        if (f->kind == PYRS_FSTR_TEXT) {
            join_text(j, f->text, f->text_len);
            continue;
        }
        flush_text(P, j, whole, j->kind_u);
        fv = field_node(P, f, whole, tokpos, j->kind_u);
        if (!fv) {
            return -1;
        }
        j->values = pyrs_pb_append(P, j->values, fv);
    }
    return 0;
}

static int
is_fstring(const PyrsToken *t)
{
    PyrsStrLitInfo info;
    pyrs_strlit_info(t->start, t->len, &info);
    return info.is_f;
}

static int
is_bytes(const PyrsToken *t)
{
    PyrsStrLitInfo info;
    pyrs_strlit_info(t->start, t->len, &info);
    return info.is_bytes;
}

/* CPython 3.11's DeprecationWarning for the first invalid escape ESC (or none: NULL) of
 * string token T, placed on the token. */
static void
warn_invalid_escape(PyrsParser *P, const PyrsToken *t, const char *esc)
{
    if (esc != NULL) {
        char msg[64];
        pyrs_strlit_invalid_escape_msg(esc, msg, sizeof msg);
        pyrs_perror_warn(P->err, 1, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                         "%s", msg);
    }
}

/* Decodes a non-f-string literal T into J. CPython blames a bad literal on the parser's
 * lookahead token, which is the token being fed while the atom is reduced. */
static int
decode_plain(PyrsParser *P, Joiner *j, const PyrsToken *t)
{
    PyrsStrLitInfo info;
    char msg[512];
    char *out = NULL;
    size_t len = 0;
    const char *first_invalid = NULL;
    if (pyrs_strlit_decode(t->start, t->len, &info, &out, &len, msg, sizeof msg, &first_invalid) <
        0) {
        const PyrsToken *at = P->cur < P->ntoks ? &P->toks[P->cur] : t;
        pyrs_pb_error_at(P, pyrs_pb_tpos(at), "%s", msg);
        return -1;
    }
    warn_invalid_escape(P, t, first_invalid);
    join_text(j, out, len);
    free(out);
    return 0;
}

/* Adds one STRING token's value to J. Returns 0, or -1 with the error recorded. */
static int
add_token(PyrsParser *P, Joiner *j, const PyrsToken *t, PyrsPPos whole)
{
    if (is_fstring(t)) {
        PyrsFStrParts parts = {0};
        char msg[512];
        int rc = pyrs_fstring_split(t, &parts, msg, sizeof msg);
        for (size_t i = 0; rc == 0 && i < parts.ninvalid; i++) {
            warn_invalid_escape(P, t, parts.invalid[i]);
        }
        /* Fields delimited before a split error are parsed first: their errors win. */
        int prc = add_parts(P, j, &parts, whole, pyrs_pb_tpos(t));
        pyrs_fstring_free(&parts);
        if (rc < 0 && prc == 0) {
            const PyrsToken *at = P->cur < P->ntoks ? &P->toks[P->cur] : t;
            pyrs_pb_error_at(P, pyrs_pb_tpos(at), "%s", msg);
        }
        return rc < 0 || prc < 0 ? -1 : 0;
    }
    return decode_plain(P, j, t);
}

/* The atom for adjacent string literals TOKS (PyrsToken *): a str or bytes Constant, or a
 * JoinedStr when any of them is an f-string. */
PyrsPE
pyrs_pb_strings(PyrsParser *P, PyrsAstSeq *toks)
{
    const PyrsToken *first = PYRS_SEQ_GET(toks, 0), *last = PYRS_SEQ_GET(toks, toks->n - 1);
    PyrsPPos whole = pyrs_pb_span(pyrs_pb_tpos(first), pyrs_pb_tpos(last));
    PyrsPE r = {NULL, whole, 0};
    Joiner j = {0};
    int bytes = is_bytes(first), fstr = 0;
    j.kind_u = first->len > 0 && first->start[0] == 'u';
    /* CPython decodes the literals in order and checks each against the first one's kind
     * before parsing its f-string fields. */
    for (long i = 0; i < toks->n && !P->failed; i++) {
        const PyrsToken *t = PYRS_SEQ_GET(toks, i);
        fstr |= is_fstring(t);
        if (!is_fstring(t) && decode_plain(P, &j, t) < 0) {
            break;
        }
        if (is_bytes(t) != bytes) {
            pyrs_pb_error_at(P, pyrs_pb_tpos(P->cur < P->ntoks ? &P->toks[P->cur] : last),
                             "cannot mix bytes and nonbytes literals");
            break;
        }
        if (is_fstring(t)) {
            add_token(P, &j, t, whole);
        }
    }
    if (j.failed) {
        pyrs_pb_oom(P);
    }
    if (fstr) {
        flush_text(P, &j, whole, j.kind_u);
        r.e = pyrs_ast_JoinedStr(j.values, LOC(whole), P->arena);
    } else {
        int u = j.kind_u;
        PyrsConst *c = bytes ? pyrs_const_bytes(P->arena, j.buf ? j.buf : "", j.len)
                             : pyrs_const_str(P->arena, j.buf ? j.buf : "", j.len);
        r.e = pyrs_ast_Constant(c, u ? "u" : NULL, LOC(whole), P->arena);
    }
    free(j.buf);
    if (!r.e) {
        pyrs_pb_oom(P);
        r.e = pyrs_ast_Constant(pyrs_const_new(P->arena, PYRS_CONST_NONE), NULL, LOC(whole),
                                P->arena);
    }
    return r;
}

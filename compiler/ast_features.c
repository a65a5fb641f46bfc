/* ast_features.c: what ast.parse's feature_version= and type_comments= add on top of the
 * parser, as CPython 3.11 does them: SyntaxError for syntax newer than the requested 3.x (its
 * grammar's CHECK_VERSION messages), found by walking the parsed tree and looking at the
 * source where the tree cannot tell (f-string "=", parenthesized with items, numeric "_"),
 * and Module.type_ignores from "# type: ignore" comments (its tokenizer's TYPE_IGNORE). */
#include <string.h>

#include "Python.h"
#include "ast.h"
#include "ast_const.h"
#include "ast_features.h"

/* The source being checked, with where each line starts. */
typedef struct {
    const char *src;      /* source text (after any BOM) */
    long len;             /* bytes in src */
    const char *filename; /* for SyntaxError */
    int minor;            /* the requested Python 3.MINOR */
    long *lines;          /* lines[i]: offset of line i + 1 */
    int nlines;           /* entries in lines */
} Features;

/* ---- source positions ------------------------------------------------------------------- */

static int
is_newline(const char *s, long i, long len, long *next)
{
    if (s[i] == '\n' || s[i] == '\r') {
        *next = s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
        return 1;
    }
    return 0;
}

static int
index_lines(Features *f)
{
    long count = 1, next;
    for (long i = 0; i < f->len; i++) {
        count += is_newline(f->src, i, f->len, &next);
    }
    f->lines = PyMem_Malloc(sizeof(long) * (size_t)(count + 1));
    if (f->lines == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    f->lines[0] = 0;
    f->nlines = 1;
    for (long i = 0; i < f->len; i++) {
        if (is_newline(f->src, i, f->len, &next)) {
            f->lines[f->nlines++] = next;
            i = next - 1;
        }
    }
    return 0;
}

/* The offset of byte column COL of line LINENO, or -1 outside the source. */
static long
offset_of(const Features *f, int lineno, int col)
{
    if (lineno < 1 || lineno > f->nlines || col < 0) {
        return -1;
    }
    long off = f->lines[lineno - 1] + col;
    return off <= f->len ? off : -1;
}

/* OFF moved past blanks, newlines, line continuations and comments. */
static long
skip_space(const Features *f, long off)
{
    while (off < f->len) {
        char ch = f->src[off];
        if (ch == '#') {
            while (off < f->len && f->src[off] != '\n' && f->src[off] != '\r') {
                off++;
            }
        } else if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\n' || ch == '\r' ||
                   ch == '\\') {
            off++;
        } else {
            break;
        }
    }
    return off;
}

/* SyntaxError MSG at LINENO:COL up to END_COL (byte columns, 0-based); -1. */
static int
syntax_error_at(const Features *f, int lineno, int col, int end_col, PyObject *msg)
{
    long start = offset_of(f, lineno, 0), end = start;
    while (start >= 0 && end < f->len && f->src[end] != '\n' && f->src[end] != '\r') {
        end++;
    }
    PyObject *text = start >= 0 ? PyUnicode_DecodeUTF8(f->src + start, end - start, "replace")
                                : Py_NewRef(Py_None);
    PyObject *args = text != NULL && msg != NULL
                         ? Py_BuildValue("(O(siiOii))", msg, f->filename, lineno, col + 1, text,
                                         lineno, end_col + 1)
                         : NULL;
    if (args != NULL) {
        PyErr_SetObject(PyExc_SyntaxError, args);
    }
    Py_XDECREF(text);
    Py_XDECREF(args);
    return -1;
}

/* SyntaxError "WHAT only supported in Python 3.VERSION and greater" at LINENO:COL; -1. */
static int
too_new_at(const Features *f, int lineno, int col, int end_col, const char *what, int version)
{
    PyObject *msg =
        PyUnicode_FromFormat("%s only supported in Python 3.%d and greater", what, version);
    syntax_error_at(f, lineno, col, end_col, msg);
    Py_XDECREF(msg);
    return -1;
}

/* The same, reported just past where a node ends (where CPython's parser notices). */
static int
too_new(const Features *f, int end_lineno, int end_col, const char *what, int version)
{
    long off = offset_of(f, end_lineno, end_col);
    int at_eol = off < 0 || off >= f->len || f->src[off] == '\n' || f->src[off] == '\r';
    return too_new_at(f, end_lineno, end_col, at_eol ? end_col : end_col + 1, what, version);
}

/* ---- checks that need the source ------------------------------------------------------- */

/* f"{x=}": the replacement field's expression is followed by '=' (not '=='). */
static int
self_documenting(const Features *f, PyrsExpr *e)
{
    PyrsExpr *v = e->v.FormattedValue.value;
    long off = offset_of(f, v->end_lineno, v->end_col_offset);
    while (
        off >= 0 && off < f->len &&
        (f->src[off] == ')' || f->src[off] == ' ' || f->src[off] == '\t' || f->src[off] == '\n')) {
        off++;
    }
    return off >= 0 && off + 1 < f->len && f->src[off] == '=' && f->src[off + 1] != '=';
}

/* A number literal written with '_' separators. */
static int
numeric_underscore(const Features *f, PyrsExpr *e)
{
    int k = e->v.Constant.value->kind;
    if ((k != PYRS_CONST_INT && k != PYRS_CONST_FLOAT && k != PYRS_CONST_COMPLEX) ||
        e->lineno != e->end_lineno) {
        return 0;
    }
    long a = offset_of(f, e->lineno, e->col_offset);
    long b = offset_of(f, e->end_lineno, e->end_col_offset);
    if (a < 0 || b <= a || (!(f->src[a] >= '0' && f->src[a] <= '9') && f->src[a] != '.')) {
        return 0;
    }
    return memchr(f->src + a, '_', (size_t)(b - a)) != NULL;
}

/* Scans [FROM, TO) between with items: parentheses move *DEPTH, commas and blanks are allowed.
 * 1 when only those were seen with the with's own '(' still open, else 0. */
static int
between_items(const Features *f, long from, long to, int *depth)
{
    for (long i = skip_space(f, from); i < to; i = skip_space(f, i + 1)) {
        char ch = f->src[i];
        *depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
        if (*depth == 0 || (ch != '(' && ch != ')' && ch != ',')) {
            return 0;
        }
    }
    return 1;
}

/* `with (a, b as c):`: the '(' right after `with` encloses the items and closes before ':'. */
static int
parenthesized_with(const Features *f, PyrsStmt *s, PyrsAstSeq *items, int is_async)
{
    long n = PYRS_SEQ_LEN(items);
    long off = offset_of(f, s->lineno, s->col_offset);
    if (off < 0 || n == 0) {
        return 0;
    }
    off = is_async ? skip_space(f, off + 5) : off;
    off = skip_space(f, off + 4);
    if (off >= f->len || f->src[off] != '(') {
        return 0;
    }
    int depth = 1;
    long prev_end = off + 1;
    for (long i = 0; i < n; i++) {
        PyrsWithItem *it = PYRS_SEQ_GET(items, i);
        PyrsExpr *last = it->optional_vars ? it->optional_vars : it->context_expr;
        long start = offset_of(f, it->context_expr->lineno, it->context_expr->col_offset);
        if (start < prev_end || !between_items(f, prev_end, start, &depth)) {
            return 0;
        }
        prev_end = offset_of(f, last->end_lineno, last->end_col_offset);
        if (prev_end < 0) {
            return 0;
        }
    }
    for (long i = skip_space(f, prev_end); i < f->len; i = skip_space(f, i + 1)) {
        char ch = f->src[i];
        if (ch == ')' && --depth == 0) {
            long colon = skip_space(f, i + 1);
            return colon < f->len && f->src[colon] == ':';
        }
        if (ch != ',' && ch != ')') {
            return 0;
        }
    }
    return 0;
}

/* ---- the tree walk ---------------------------------------------------------------------- */

static int
check_expr(const Features *f, PyrsExpr *e)
{
    switch (e->kind) {
    case PYRS_K_Await:
        return f->minor < 5
                   ? too_new(f, e->end_lineno, e->end_col_offset, "Await expressions are", 5)
                   : 0;
    case PYRS_K_BinOp:
        return f->minor < 5 && e->v.BinOp.op == PYRS_OP_MATMULT
                   ? too_new(f, e->end_lineno, e->end_col_offset, "The '@' operator is", 5)
                   : 0;
    case PYRS_K_NamedExpr:
        return f->minor < 8
                   ? too_new(f, e->end_lineno, e->end_col_offset, "Assignment expressions are", 8)
                   : 0;
    case PYRS_K_FormattedValue:
        return f->minor < 8 && self_documenting(f, e)
                   ? too_new(f, e->end_lineno, e->end_col_offset,
                             "f-string: self documenting expressions are", 8)
                   : 0;
    case PYRS_K_JoinedStr:
        return f->minor < 6 ? too_new(f, e->end_lineno, e->end_col_offset, "Format strings are", 6)
                            : 0;
    case PYRS_K_Constant:
        return f->minor < 6 && numeric_underscore(f, e)
                   ? too_new_at(f, e->lineno, e->col_offset, e->end_col_offset,
                                "Underscores in numeric literals are", 6)
                   : 0;
    default:
        return 0;
    }
}

static int
check_stmt(const Features *f, PyrsStmt *s)
{
    int line = s->end_lineno, col = s->end_col_offset, m = f->minor;
    switch (s->kind) {
    case PYRS_K_AsyncFunctionDef:
        return m < 5 ? too_new(f, line, col, "Async functions are", 5) : 0;
    case PYRS_K_AsyncFor:
        return m < 5 ? too_new(f, line, col, "Async for loops are", 5) : 0;
    case PYRS_K_AsyncWith:
        if (m < 5) {
            return too_new(f, line, col, "Async with statements are", 5);
        }
        return m < 9 && parenthesized_with(f, s, s->v.AsyncWith.items, 1)
                   ? too_new(f, line, col, "Parenthesized context managers are", 9)
                   : 0;
    case PYRS_K_With:
        return m < 9 && parenthesized_with(f, s, s->v.With.items, 0)
                   ? too_new(f, line, col, "Parenthesized context managers are", 9)
                   : 0;
    case PYRS_K_AugAssign:
        return m < 5 && s->v.AugAssign.op == PYRS_OP_MATMULT
                   ? too_new(f, line, col, "The '@' operator is", 5)
                   : 0;
    case PYRS_K_AnnAssign:
        return m < 6 ? too_new(f, line, col, "Variable annotation syntax is", 6) : 0;
    case PYRS_K_Match:
        return m < 10 ? too_new(f, line, col, "Pattern matching is", 10) : 0;
    case PYRS_K_TryStar:
        return m < 11 ? too_new(f, line, col, "Exception groups are", 11) : 0;
    default:
        return 0;
    }
}

/* Positional-only parameters, reported at the token after the '/' as CPython does. */
static int
posonly_too_new(const Features *f, PyrsArguments *a)
{
    long npos = PYRS_SEQ_LEN(a->posonlyargs), total = npos + PYRS_SEQ_LEN(a->args);
    long ndef = PYRS_SEQ_LEN(a->defaults), first_default = total - ndef;
    PyrsArg *last = PYRS_SEQ_GET(a->posonlyargs, npos - 1);
    int line = last->end_lineno, col = last->end_col_offset;
    if (npos - 1 >= first_default) { /* scan from the end of its default */
        PyrsExpr *d = PYRS_SEQ_GET(a->defaults, npos - 1 - first_default);
        line = d->end_lineno;
        col = d->end_col_offset;
    }
    long off = offset_of(f, line, col);
    while (off >= 0 && off < f->len && f->src[off] != '/') {
        off++;
    }
    off = off >= 0 && off < f->len ? skip_space(f, off + 1) : -1;
    for (int i = f->nlines - 1; off >= 0 && i >= 0; i--) {
        if (f->lines[i] <= off) {
            line = i + 1;
            col = (int)(off - f->lines[i]);
            break;
        }
    }
    return too_new(f, line, col, "Positional-only parameters are", 8);
}

static int
check_node(const Features *f, PyrsAstNodeType type, void *node)
{
    if (type == PYRS_NT_EXPR) {
        return check_expr(f, node);
    }
    if (type == PYRS_NT_STMT) {
        return check_stmt(f, node);
    }
    if (type == PYRS_NT_comprehension && ((PyrsComprehension *)node)->is_async && f->minor < 6) {
        PyrsExpr *it = ((PyrsComprehension *)node)->iter;
        return too_new(f, it->end_lineno, it->end_col_offset, "Async comprehensions are", 6);
    }
    if (type == PYRS_NT_arguments && f->minor < 8 &&
        PYRS_SEQ_LEN(((PyrsArguments *)node)->posonlyargs) > 0) {
        return posonly_too_new(f, node);
    }
    return 0;
}

/* Children first, as CPython's parser finishes inner rules before outer ones. */
static int
visit(void *ctx, PyrsAstNodeType type, void *node)
{
    int r = pyrs_ast_children(type, node, visit, ctx);
    return r != 0 ? r : check_node(ctx, type, node);
}

int
pyrs_ast_check_feature_version(PyrsMod *mod, const char *src, size_t len, const char *filename,
                               int minor)
{
    if (minor < 0 || minor >= 11) {
        return 0;
    }
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        src += 3;
        len -= 3;
    }
    Features f = {src, (long)len, filename, minor, NULL, 0};
    if (index_lines(&f) < 0) {
        return -1;
    }
    int r = visit(&f, PYRS_NT_MOD, mod) != 0 ? -1 : 0;
    PyMem_Free(f.lines);
    return r;
}

/* ---- function type comments ----------------------------------------------------------- */

/* The stars written before argtypes item E (0, 1 or 2), counted in the gap since PREV_END. */
static int
stars_before(const Features *f, long prev_end, PyrsExpr *e)
{
    long start = offset_of(f, e->lineno, e->col_offset);
    int stars = 0;
    for (long i = prev_end; i >= 0 && i < start && i < f->len; i++) {
        stars += f->src[i] == '*';
    }
    return stars;
}

int
pyrs_ast_check_func_type(PyrsMod *mod, const char *src, size_t len, const char *filename)
{
    if (mod->kind != PYRS_K_FunctionType) {
        return 0;
    }
    Features f = {src, (long)len, filename, 0, NULL, 0};
    if (index_lines(&f) < 0) {
        return -1;
    }
    PyrsAstSeq *args = mod->v.FunctionType.argtypes;
    long prev_end = 0;
    int state = 0, r = 0; /* 0: plain items so far, 1: after *x, 2: after **x */
    for (long i = 0; r == 0 && i < PYRS_SEQ_LEN(args); i++) {
        PyrsExpr *e = PYRS_SEQ_GET(args, i);
        int stars = stars_before(&f, prev_end, e);
        /* plain items come first, then at most one *x, then at most one **x, last */
        if (state == 2 || (stars == 0 && state > 0) || (stars == 1 && state >= 1)) {
            PyObject *msg = PyUnicode_FromString("invalid syntax");
            r = syntax_error_at(&f, e->lineno, e->col_offset, e->col_offset, msg);
            Py_XDECREF(msg);
        }
        state = stars == 0 ? state : stars;
        prev_end = offset_of(&f, e->end_lineno, e->end_col_offset);
    }
    PyMem_Free(f.lines);
    return r;
}

/* ---- type comments ---------------------------------------------------------------------- */

/* One "# type: ..." comment other than an ignore. */
typedef struct {
    int line;  /* 1-based */
    long hash; /* offset of '#' */
    long text; /* offset of the text after "type:" and its blanks */
    long end;  /* offset just past the comment */
    int used;  /* attached to a node */
} TypeComment;

/* The type comments of a source and the tree they go to. */
typedef struct {
    Features f;         /* the source */
    PyrsArena *arena;   /* for the attached strings */
    TypeComment *items; /* in source order */
    long n, cap;        /* items used, allocated */
} Comments;

/* Where a string literal opening at S[I] (a quote) ends; *LINE counts the newlines in it. */
static long
skip_string(const char *s, long i, long len, int *line)
{
    char q = s[i];
    int triple = i + 2 < len && s[i + 1] == q && s[i + 2] == q;
    long next;
    for (i += triple ? 3 : 1; i < len;) {
        if (s[i] == '\\' && i + 1 < len) {
            int nl = is_newline(s, i + 1, len, &next);
            *line += nl;
            i = nl ? next : i + 2;
        } else if (is_newline(s, i, len, &next)) {
            ++*line;
            if (!triple) {
                return next;
            }
            i = next;
        } else if (s[i] == q && (!triple || (i + 2 < len && s[i + 1] == q && s[i + 2] == q))) {
            return i + (triple ? 3 : 1);
        } else {
            i++;
        }
    }
    return len;
}

/* The comment TEXT[0..N) ("#...") as a type comment, as CPython's tokenizer reads it: 0 when
 * it is none, 1 for "# type: ignore..." (*REST: what follows "ignore"), 2 for any other
 * "# type: ..." (*REST: the text after the prefix). */
static int
type_comment(const char *text, long n, const char **rest)
{
    long i = 1;
    while (i < n && (text[i] == ' ' || text[i] == '\t')) {
        i++;
    }
    if (n - i < 5 || memcmp(text + i, "type:", 5) != 0) {
        return 0;
    }
    for (i += 5; i < n && (text[i] == ' ' || text[i] == '\t');) {
        i++;
    }
    if (n - i >= 6 && memcmp(text + i, "ignore", 6) == 0) {
        unsigned char after = i + 6 < n ? (unsigned char)text[i + 6] : 0;
        int alnum = (after >= '0' && after <= '9') || (after >= 'a' && after <= 'z') ||
                    (after >= 'A' && after <= 'Z') || after >= 128;
        if (!alnum) {
            *rest = text + i + 6;
            return 1;
        }
    }
    *rest = text + i;
    return 2;
}

/* Appends TypeIgnore(LINE, TAG[0..N)) to *SEQ. 0, or -1 with MemoryError. */
static int
add_ignore(PyrsArena *arena, PyrsAstSeq **seq, int line, const char *tag, long n)
{
    char *t = pyrs_arena_strndup(arena, tag, (size_t)n);
    PyrsTypeIgnore *ti = t != NULL ? pyrs_ast_TypeIgnore(line, t, arena) : NULL;
    PyrsAstSeq *grown = ti != NULL ? pyrs_ast_seq_append(arena, *seq, ti) : NULL;
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *seq = grown;
    return 0;
}

static int
add_comment(Comments *c, int line, long hash, long text, long end)
{
    if (c->n == c->cap) {
        long cap = c->cap ? c->cap * 2 : 8;
        TypeComment *items = PyMem_Realloc(c->items, sizeof(TypeComment) * (size_t)cap);
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        c->items = items;
        c->cap = cap;
    }
    c->items[c->n++] = (TypeComment){line, hash, text, end, 0};
    return 0;
}

/* Reads the comments of the source: ignores into *IGNORES, type comments into C. */
static int
scan_comments(Comments *c, PyrsAstSeq **ignores)
{
    const char *src = c->f.src;
    long n = c->f.len, next;
    int line = 1;
    for (long i = 0; i < n;) {
        if (is_newline(src, i, n, &next)) {
            line++;
            i = next;
        } else if (src[i] == '\'' || src[i] == '"') {
            i = skip_string(src, i, n, &line);
        } else if (src[i] == '#') {
            long end = i;
            while (end < n && src[end] != '\n' && src[end] != '\r') {
                end++;
            }
            const char *rest = NULL;
            int kind = type_comment(src + i, end - i, &rest);
            if ((kind == 1 && add_ignore(c->arena, ignores, line, rest, src + end - rest) < 0) ||
                (kind == 2 && add_comment(c, line, i, rest - src, end) < 0)) {
                return -1;
            }
            i = end;
        } else {
            i++;
        }
    }
    return 0;
}

/* OFF moved past spaces and tabs (forward). */
static long
skip_blanks(const Features *f, long off)
{
    while (off >= 0 && off < f->len && (f->src[off] == ' ' || f->src[off] == '\t')) {
        off++;
    }
    return off;
}

/* The unused type comment whose '#' is at OFF, or NULL. */
static TypeComment *
comment_at(Comments *c, long off)
{
    for (long i = 0; off >= 0 && i < c->n; i++) {
        if (c->items[i].hash == off && !c->items[i].used) {
            return &c->items[i];
        }
    }
    return NULL;
}

/* Marks TC used and stores its text in *OUT (arena copy). 0, or -1 with MemoryError. */
static int
take(Comments *c, TypeComment *tc, const char **out)
{
    tc->used = 1;
    *out = pyrs_arena_strndup(c->arena, c->f.src + tc->text, (size_t)(tc->end - tc->text));
    if (*out == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* The comment right after a node ending at LINE:COL, past blanks and closing parentheses,
 * an optional SEP character (0: none) and blanks again; NULL when there is none. */
static TypeComment *
comment_after(Comments *c, int line, int col, char sep)
{
    long off = skip_blanks(&c->f, offset_of(&c->f, line, col));
    while (off >= 0 && off < c->f.len && c->f.src[off] == ')') {
        off = skip_blanks(&c->f, off + 1);
    }
    if (sep != 0 && off >= 0 && off < c->f.len && c->f.src[off] == sep) {
        off = skip_blanks(&c->f, off + 1);
    }
    return comment_at(c, off);
}

/* A parameter's comment (`a = 1,  # type: A`): after the parameter or its default. */
static int
param_comment(Comments *c, PyrsArg *a, PyrsExpr *dflt)
{
    if (a == NULL) {
        return 0;
    }
    int line = dflt ? dflt->end_lineno : a->end_lineno;
    int col = dflt ? dflt->end_col_offset : a->end_col_offset;
    TypeComment *tc = comment_after(c, line, col, ',');
    return tc != NULL ? take(c, tc, &a->type_comment) : 0;
}

static int
params_comments(Comments *c, PyrsArguments *a)
{
    long npos = PYRS_SEQ_LEN(a->posonlyargs), nargs = PYRS_SEQ_LEN(a->args);
    long first_default = npos + nargs - PYRS_SEQ_LEN(a->defaults);
    for (long i = 0; i < npos + nargs; i++) {
        PyrsArg *p = PYRS_SEQ_GET(i < npos ? a->posonlyargs : a->args, i < npos ? i : i - npos);
        PyrsExpr *d = i >= first_default ? PYRS_SEQ_GET(a->defaults, i - first_default) : NULL;
        if (param_comment(c, p, d) < 0) {
            return -1;
        }
    }
    for (long i = 0; i < PYRS_SEQ_LEN(a->kwonlyargs); i++) {
        PyrsExpr *d = i < PYRS_SEQ_LEN(a->kw_defaults) ? PYRS_SEQ_GET(a->kw_defaults, i) : NULL;
        if (param_comment(c, PYRS_SEQ_GET(a->kwonlyargs, i), d) < 0) {
            return -1;
        }
    }
    return param_comment(c, a->vararg, NULL) < 0 || param_comment(c, a->kwarg, NULL) < 0 ? -1 : 0;
}

/* Whether line LINE holds only blanks before offset OFF. */
static int
blank_before(const Features *f, int line, long off)
{
    for (long i = offset_of(f, line, 0); i >= 0 && i < off; i++) {
        if (f->src[i] != ' ' && f->src[i] != '\t' && f->src[i] != '\f') {
            return 0;
        }
    }
    return 1;
}

static int comment_error(Comments *c, TypeComment *tc, const char *msg);

/* A def's type comment: after the header's ':' or alone on the line before the body. */
static int
def_comment(Comments *c, PyrsStmt *s)
{
    struct PyrsAst_FunctionDef *d = &s->v.FunctionDef; /* AsyncFunctionDef: same layout */
    PyrsStmt *body = PYRS_SEQ_LEN(d->body) > 0 ? PYRS_SEQ_GET(d->body, 0) : NULL;
    if (params_comments(c, d->args) < 0) {
        return -1;
    }
    if (body == NULL) {
        return 0;
    }
    long body_off = offset_of(&c->f, body->lineno, body->col_offset);
    TypeComment *header = NULL, *own = NULL;
    for (long i = 0; i < c->n; i++) {
        TypeComment *tc = &c->items[i];
        if (tc->used || tc->line < s->lineno || tc->hash >= body_off) {
            continue;
        }
        long k = tc->hash - 1;
        while (k >= 0 && (c->f.src[k] == ' ' || c->f.src[k] == '\t')) {
            k--;
        }
        if (k >= 0 && c->f.src[k] == ':' && header == NULL) {
            header = tc;
        } else if (blank_before(&c->f, tc->line, tc->hash) && tc->line < body->lineno &&
                   own == NULL) {
            own = tc;
        }
    }
    if (header != NULL && own != NULL) {
        /* reported where the body's INDENT is, as CPython */
        PyObject *msg = PyUnicode_FromString("Cannot have two type comments on def");
        syntax_error_at(&c->f, body->lineno, body->col_offset, body->col_offset, msg);
        Py_XDECREF(msg);
        return -1;
    }
    TypeComment *tc = header != NULL ? header : own;
    return tc != NULL ? take(c, tc, &d->type_comment) : 0;
}

/* The type comment a statement can carry (Assign, For, With, def), if present. */
static int
stmt_comment(Comments *c, PyrsStmt *s)
{
    TypeComment *tc = NULL;
    const char **slot = NULL;
    switch (s->kind) {
    case PYRS_K_Assign:
        tc = comment_after(c, s->end_lineno, s->end_col_offset, 0);
        slot = &s->v.Assign.type_comment;
        break;
    case PYRS_K_For:
    case PYRS_K_AsyncFor: {
        PyrsExpr *it = s->v.For.iter; /* AsyncFor: same layout */
        tc = comment_after(c, it->end_lineno, it->end_col_offset, ':');
        slot = &s->v.For.type_comment;
        break;
    }
    case PYRS_K_With:
    case PYRS_K_AsyncWith: {
        long n = PYRS_SEQ_LEN(s->v.With.items); /* AsyncWith: same layout */
        PyrsWithItem *it = n > 0 ? PYRS_SEQ_GET(s->v.With.items, n - 1) : NULL;
        PyrsExpr *last = it == NULL          ? NULL
                         : it->optional_vars ? it->optional_vars
                                             : it->context_expr;
        int paren = parenthesized_with(&c->f, s, s->v.With.items, s->kind == PYRS_K_AsyncWith);
        tc = last && !paren ? comment_after(c, last->end_lineno, last->end_col_offset, ':') : NULL;
        slot = &s->v.With.type_comment;
        break;
    }
    case PYRS_K_FunctionDef:
    case PYRS_K_AsyncFunctionDef:
        return def_comment(c, s);
    default:
        return 0;
    }
    return tc != NULL ? take(c, tc, slot) : 0;
}

static int
attach(void *ctx, PyrsAstNodeType type, void *node)
{
    if (type == PYRS_NT_STMT && stmt_comment(ctx, node) < 0) {
        return -1;
    }
    return pyrs_ast_children(type, node, attach, ctx);
}

/* SyntaxError MSG at type comment TC's text; -1. */
static int
comment_error(Comments *c, TypeComment *tc, const char *msg)
{
    int col = (int)(tc->text - c->f.lines[tc->line - 1]);
    PyObject *m = PyUnicode_FromString(msg);
    syntax_error_at(&c->f, tc->line, col, col, m);
    Py_XDECREF(m);
    return -1;
}

/* SyntaxError "invalid syntax" at the first type comment no node took, as CPython's parser
 * rejects a TYPE_COMMENT token anywhere else. 0 when all were taken. */
static int
misplaced(Comments *c)
{
    for (long i = 0; i < c->n; i++) {
        if (!c->items[i].used) {
            return comment_error(c, &c->items[i], "invalid syntax");
        }
    }
    return 0;
}

int
pyrs_ast_type_comments(PyrsMod *mod, const char *src, size_t len, const char *filename,
                       PyrsArena *arena)
{
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        src += 3;
        len -= 3;
    }
    Comments c = {{src, (long)len, filename, 0, NULL, 0}, arena, NULL, 0, 0};
    PyrsAstSeq *ignores = NULL;
    int r = index_lines(&c.f) < 0 || scan_comments(&c, &ignores) < 0 ? -1 : 0;
    if (r == 0 && c.n > 0) {
        r = attach(&c, PYRS_NT_MOD, mod) != 0 || misplaced(&c) < 0 ? -1 : 0;
    }
    if (r == 0 && mod->kind == PYRS_K_Module) {
        mod->v.Module.type_ignores = ignores;
    }
    PyMem_Free(c.items);
    PyMem_Free(c.f.lines);
    return r;
}

/* ast_selftest.c: drives the AST library without the parser, for check_ast_selftest.py.
 *   ast_selftest trees   prints "<case>\t<attrs>\t<nodes>\t<dump>" for hand-built trees whose
 *                        source text the script parses with CPython 3.11 and dumps for
 *                        comparison (NODES: nodes reached by pyrs_ast_children);
 *   ast_selftest const   reads "num|str|bytes|complex\t<hex of the payload>" lines and prints
 *                        the repr of the constant built from each (pyrs_const_number for
 *                        num; "REAL IMAG" in C's strtod syntax for complex);
 *   ast_selftest arena   checks arena alignment/zeroing, sequence growth and the printer's depth
 *                        limit; prints "arena ok". */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "ast_const.h"
#include "ast_dump.h"

static PyrsArena *A;

#define POS(l, c, el, ec) l, c, el, ec, A

static PyrsAstSeq *
seq(int n, ...)
{
    PyrsAstSeq *s = pyrs_ast_seq_new(A, 0);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        s = pyrs_ast_seq_append(A, s, va_arg(ap, void *));
    }
    va_end(ap);
    return s;
}

static PyrsExpr *
name(const char *id, PyrsExprContext ctx, int l, int c)
{
    return pyrs_ast_Name(id, ctx, POS(l, c, l, c + (int)strlen(id)));
}

static PyrsExpr *
num(const char *text, int l, int c)
{
    char err[256];
    PyrsConst *k = pyrs_const_number(A, text, strlen(text), err, sizeof err);
    return pyrs_ast_Constant(k, NULL, POS(l, c, l, c + (int)strlen(text)));
}

static PyrsArg *
arg(const char *id, int l, int c)
{
    return pyrs_ast_arg(id, NULL, NULL, POS(l, c, l, c + (int)strlen(id)));
}

static PyrsMod *
module(PyrsAstSeq *body)
{
    return pyrs_ast_Module(body, NULL, A);
}

/* x = 1 + 2.5 */
static PyrsMod *
case_assign(void)
{
    PyrsExpr *sum = pyrs_ast_BinOp(num("1", 1, 4), PYRS_OP_ADD, num("2.5", 1, 8), POS(1, 4, 1, 11));
    return module(seq(
        1, pyrs_ast_Assign(seq(1, name("x", PYRS_CTX_STORE, 1, 0)), sum, NULL, POS(1, 0, 1, 11))));
}

/* def f(a, /, b=1, *c, d, e=2, **g):\n    return a */
static PyrsMod *
case_def(void)
{
    PyrsArguments *args =
        pyrs_ast_arguments(seq(1, arg("a", 1, 6)), seq(1, arg("b", 1, 12)), arg("c", 1, 18),
                           seq(2, arg("d", 1, 21), arg("e", 1, 24)), seq(2, NULL, num("2", 1, 26)),
                           arg("g", 1, 31), seq(1, num("1", 1, 14)), A);
    PyrsStmt *ret = pyrs_ast_Return(name("a", PYRS_CTX_LOAD, 2, 11), POS(2, 4, 2, 12));
    return module(
        seq(1, pyrs_ast_FunctionDef("f", args, seq(1, ret), NULL, NULL, NULL, POS(1, 0, 2, 12))));
}

/* from . import a as b */
static PyrsMod *
case_import(void)
{
    PyrsAlias *al = pyrs_ast_alias("a", "b", POS(1, 14, 1, 20));
    return module(seq(1, pyrs_ast_ImportFrom(NULL, seq(1, al), 1, POS(1, 0, 1, 20))));
}

/* match x:\n    case {1: a, **r} | [*_]: pass */
static PyrsMod *
case_match(void)
{
    PyrsPattern *as = pyrs_ast_MatchAs(NULL, "a", POS(2, 13, 2, 14));
    PyrsPattern *map =
        pyrs_ast_MatchMapping(seq(1, num("1", 2, 10)), seq(1, as), "r", POS(2, 9, 2, 20));
    PyrsPattern *star = pyrs_ast_MatchStar(NULL, POS(2, 24, 2, 26));
    PyrsPattern *sq = pyrs_ast_MatchSequence(seq(1, star), POS(2, 23, 2, 27));
    PyrsPattern *alt = pyrs_ast_MatchOr(seq(2, map, sq), POS(2, 9, 2, 27));
    PyrsMatchCase *mc = pyrs_ast_match_case(alt, NULL, seq(1, pyrs_ast_Pass(POS(2, 29, 2, 33))), A);
    return module(
        seq(1, pyrs_ast_Match(name("x", PYRS_CTX_LOAD, 1, 6), seq(1, mc), POS(1, 0, 2, 33))));
}

/* d = {**a, 1: u"x"}\nif a < b <= c: del x.y, z[1:2] */
static PyrsMod *
case_dict_cmp(void)
{
    PyrsExpr *ux = pyrs_ast_Constant(pyrs_const_str(A, "x", 1), "u", POS(1, 13, 1, 17));
    PyrsExpr *d = pyrs_ast_Dict(seq(2, NULL, num("1", 1, 10)),
                                seq(2, name("a", PYRS_CTX_LOAD, 1, 7), ux), POS(1, 4, 1, 18));
    PyrsStmt *s1 =
        pyrs_ast_Assign(seq(1, name("d", PYRS_CTX_STORE, 1, 0)), d, NULL, POS(1, 0, 1, 18));
    PyrsAstSeq *ops = seq(2, (void *)(intptr_t)PYRS_CMP_LT, (void *)(intptr_t)PYRS_CMP_LTE);
    PyrsExpr *cmp = pyrs_ast_Compare(
        name("a", PYRS_CTX_LOAD, 2, 3), ops,
        seq(2, name("b", PYRS_CTX_LOAD, 2, 7), name("c", PYRS_CTX_LOAD, 2, 12)), POS(2, 3, 2, 13));
    PyrsExpr *at =
        pyrs_ast_Attribute(name("x", PYRS_CTX_LOAD, 2, 19), "y", PYRS_CTX_LOAD, POS(2, 19, 2, 22));
    PyrsExpr *sl = pyrs_ast_Slice(num("1", 2, 26), num("2", 2, 28), NULL, POS(2, 26, 2, 29));
    PyrsExpr *sub =
        pyrs_ast_Subscript(name("z", PYRS_CTX_LOAD, 2, 24), sl, PYRS_CTX_LOAD, POS(2, 24, 2, 30));
    pyrs_ast_set_context(at, PYRS_CTX_DEL);
    pyrs_ast_set_context(sub, PYRS_CTX_DEL);
    PyrsStmt *del = pyrs_ast_Delete(seq(2, at, sub), POS(2, 15, 2, 30));
    PyrsStmt *s2 = pyrs_ast_If(cmp, seq(1, del), NULL, POS(2, 0, 2, 30));
    return module(seq(2, s1, s2));
}

/* try:\n    pass\nexcept E as e:\n    raise\nfinally:\n    global g */
static PyrsMod *
case_try(void)
{
    PyrsExceptHandler *h = pyrs_ast_ExceptHandler(
        name("E", PYRS_CTX_LOAD, 3, 7), "e", seq(1, pyrs_ast_Raise(NULL, NULL, POS(4, 4, 4, 9))),
        POS(3, 0, 4, 9));
    PyrsStmt *g = pyrs_ast_Global(seq(1, "g"), POS(6, 4, 6, 12));
    PyrsStmt *t = pyrs_ast_Try(seq(1, pyrs_ast_Pass(POS(2, 4, 2, 8))), seq(1, h), NULL, seq(1, g),
                               POS(1, 0, 6, 12));
    return module(seq(1, t));
}

/* lambda: (yield) */
static PyrsMod *
case_lambda(void)
{
    PyrsArguments *none = pyrs_ast_arguments(NULL, NULL, NULL, NULL, NULL, NULL, NULL, A);
    PyrsExpr *lam = pyrs_ast_Lambda(none, pyrs_ast_Yield(NULL, POS(1, 9, 1, 14)), POS(1, 0, 1, 15));
    return module(seq(1, pyrs_ast_Expr(lam, POS(1, 0, 1, 15))));
}

/* Counts NODE and everything below it through pyrs_ast_children. */
static int
count_child(void *ctx, PyrsAstNodeType type, void *child)
{
    (*(long *)ctx)++;
    return pyrs_ast_children(type, child, count_child, ctx);
}

static void
run_trees(void)
{
    static const struct {
        const char *name;
        PyrsMod *(*build)(void);
    } cases[] = {{"assign", case_assign}, {"def", case_def},           {"import", case_import},
                 {"match", case_match},   {"dict_cmp", case_dict_cmp}, {"try", case_try},
                 {"lambda", case_lambda}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int attrs = 0; attrs <= 1; attrs++) {
            A = pyrs_arena_new();
            PyrsMod *mod = cases[i].build();
            long nodes = 1;
            pyrs_ast_children(PYRS_NT_MOD, mod, count_child, &nodes);
            printf("%s\t%d\t%ld\t", cases[i].name, attrs, nodes);
            pyrs_ast_dump(mod, attrs, stdout);
            putchar('\n');
            pyrs_arena_free(A);
        }
    }
}

/* Module(Expr(-(-(...(1))))) with LEVELS node levels in all. */
static PyrsMod *
unary_chain(long levels)
{
    PyrsExpr *e = num("1", 1, 0);
    for (long i = 3; i < levels; i++) {
        e = pyrs_ast_UnaryOp(PYRS_UNARY_USUB, e, POS(1, 0, 1, 1));
    }
    return module(seq(1, pyrs_ast_Expr(e, POS(1, 0, 1, 1))));
}

/* The printer refuses trees deeper than ast.parse builds (PYRS_AST_MAX_DEPTH levels) and
 * survives a million levels; prints "arena ok" when all holds. */
static int
check_depth_limit(void)
{
    static const long levels[] = {PYRS_AST_MAX_DEPTH, PYRS_AST_MAX_DEPTH + 1, 1000000};
    FILE *sink = fopen("/dev/null", "w");
    for (int i = 0; i < 3; i++) {
        A = pyrs_arena_new();
        int rc = pyrs_ast_dump(unary_chain(levels[i]), 1, sink);
        pyrs_arena_free(A);
        if (rc != (i == 0 ? 0 : -2)) {
            printf("depth: dump of %ld levels returned %d\n", levels[i], rc);
            fclose(sink);
            return 1;
        }
    }
    fclose(sink);
    printf("arena ok\n");
    return 0;
}

/* Arena and sequence invariants, then the depth limit; prints "arena ok" or the first
 * broken one. */
static int
run_arena(void)
{
    PyrsArena *a = pyrs_arena_new();
    static const size_t sizes[] = {1, 7, 16, 33, 4096, 20000, 70000, 1 << 20, 3, 100};
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            unsigned char *p = pyrs_arena_alloc(a, sizes[i]);
            if (p == NULL || ((uintptr_t)p & 15) != 0) {
                printf("arena: bad block for %zu bytes\n", sizes[i]);
                return 1;
            }
            for (size_t k = 0; k < sizes[i]; k++) {
                if (p[k] != 0) {
                    printf("arena: block of %zu bytes not zeroed\n", sizes[i]);
                    return 1;
                }
            }
            memset(p, 0xAB, sizes[i]);
        }
    }
    PyrsAstSeq *seq = NULL;
    for (long i = 0; i < 100000; i++) {
        seq = pyrs_ast_seq_append(a, seq, (void *)(intptr_t)i);
    }
    for (long i = 0; i < 100000; i++) {
        if ((intptr_t)PYRS_SEQ_GET(seq, i) != i) {
            printf("arena: sequence item %ld lost\n", i);
            return 1;
        }
    }
    char *s = pyrs_arena_strndup(a, "abcdef", 3);
    if (PYRS_SEQ_LEN(seq) != 100000 || PYRS_SEQ_LEN((PyrsAstSeq *)NULL) != 0 || strcmp(s, "abc")) {
        printf("arena: sequence length or strndup wrong\n");
        return 1;
    }
    pyrs_arena_free(a);
    return check_depth_limit();
}

static size_t
unhex(const char *hex, char *out)
{
    size_t n = 0;
    for (; hex[0] && hex[1] && hex[0] != '\n'; hex += 2) {
        unsigned v;
        sscanf(hex, "%2x", &v);
        out[n++] = (char)v;
    }
    return n;
}

static void
run_const(void)
{
    static char line[1 << 20], payload[(1 << 19) + 1];
    A = pyrs_arena_new();
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            continue;
        }
        size_t n = unhex(tab + 1, payload);
        PyrsConst *c;
        char err[512];
        if (strncmp(line, "complex", 7) == 0) {
            double re = 0, im = 0;
            payload[n] = '\0';
            sscanf(payload, "%lf %lf", &re, &im);
            c = pyrs_const_complex(A, re, im);
        } else if (strncmp(line, "num", 3) == 0) {
            c = pyrs_const_number(A, payload, n, err, sizeof err);
        } else if (strncmp(line, "str", 3) == 0) {
            c = pyrs_const_str(A, payload, n);
        } else {
            c = pyrs_const_bytes(A, payload, n);
        }
        if (c == NULL) {
            printf("ERROR %s\n", err);
        } else {
            pyrs_const_write_repr(c, stdout);
            putchar('\n');
        }
    }
    pyrs_arena_free(A);
}

int
main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "trees") == 0) {
        run_trees();
    } else if (argc == 2 && strcmp(argv[1], "arena") == 0) {
        return run_arena();
    } else if (argc == 2 && strcmp(argv[1], "const") == 0) {
        run_const();
    } else {
        fprintf(stderr, "usage: ast_selftest trees|const|arena\n");
        return 2;
    }
    return 0;
}

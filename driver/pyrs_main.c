/* pyrs_main.c: the `pyrs` command line: `pyrs FILE [ARG...]` and `pyrs -c CODE` run programs
 * like python3; the front-end modes --dump-ast (ast.dump(ast.parse(src)) as CPython 3.11
 * prints it) and --parse-only check the parser. Syntax errors are printed as `python3.11 FILE`
 * prints them. Usage errors follow CPython's CLI (exit 2). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ast.h"
#include "ast_dump.h"
#include "parser.h"
#include "perror.h"
#include "pyrun.h"
#include "repl.h"

static const char usage_text[] =
    "usage: pyrs FILE [ARG...] | pyrs -c CODE [ARG...] | pyrs -m MODULE [ARG...]\n"
    "       pyrs --dump-ast [--include-attributes] [--mode exec|eval|single|func_type] FILE\n"
    "       pyrs --parse-only FILE...\n";

static const char *const mode_names[] = {"exec", "eval", "single", "func_type"};

static int
usage(const char *msg)
{
    if (msg) {
        fprintf(stderr, "%s\n", msg);
    }
    fputs(usage_text, stderr);
    fputs("Try `pyrs -h' for more information.\n", stderr);
    return 2;
}

/* Reads the whole of PATH into a malloc'ed buffer. */
static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n + 65536 > cap) {
            char *b;
            cap = (n + 65536) * 2;
            b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Prints ast.dump of MOD and a newline to stdout. Returns 0, or 1 when the tree is too deep
 * for CPython's ast.parse (its RecursionError is printed) or stdout failed. */
static int
print_dump(const PyrsMod *mod, int attrs)
{
    int r = pyrs_ast_dump(mod, attrs, stdout);
    if (r == -2) {
        fputs("RecursionError: maximum recursion depth exceeded during ast construction\n", stderr);
        return 1;
    }
    if (r < 0 || putchar('\n') == EOF || fflush(stdout) != 0) {
        return 1;
    }
    return 0;
}

/* Parses PATH in MODE (parser.h); dumps the tree when DUMP >= 0 (DUMP = include attributes).
 * Returns 0 when the file parsed, 1 on a syntax error, a NUL byte or a too deep tree
 * (printed), 2 when it cannot be read. */
static int
process(const char *path, int mode, int dump)
{
    size_t len = 0;
    char *src = read_file(path, &len);
    PyrsArena *arena;
    PyrsSyntaxError err;
    PyrsMod *mod;
    int rc = 0;
    if (!src) {
        fprintf(stderr, "pyrs: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return 2;
    }
    arena = pyrs_arena_new();
    memset(&err, 0, sizeof err);
    mod = arena ? pyrs_parse(src, len, path, mode, arena, &err) : NULL;
    if (!mod) {
        if (err.kind != PYRS_ERR_NONE) {
            pyrs_perror_print(&err, stderr);
        } else {
            fputs("MemoryError\n", stderr);
        }
        rc = 1;
    } else if (memchr(src, 0, len)) {
        /* the file reader skipped the NUL's line; ast.parse refuses any NUL byte */
        fputs("ValueError: source code string cannot contain null bytes\n", stderr);
        rc = 1;
    } else if (dump >= 0) {
        rc = print_dump(mod, dump);
    }
    pyrs_perror_clear(&err);
    pyrs_arena_free(arena);
    free(src);
    return rc;
}

/* `--dump-ast [--include-attributes] [--mode M] FILE` with ARGV the words after --dump-ast. */
static int
dump_ast(int argc, char **argv)
{
    int attrs = 0, mode = PYRS_PARSE_EXEC, i = 0;
    for (; i < argc - 1; i++) {
        if (strcmp(argv[i], "--include-attributes") == 0) {
            attrs = 1;
        } else if (strcmp(argv[i], "--mode") == 0 && i + 2 < argc) {
            for (mode = 0; mode < 4 && strcmp(argv[i + 1], mode_names[mode]) != 0; mode++) {
            }
            if (mode == 4) {
                return usage("pyrs: --mode must be exec, eval, single or func_type");
            }
            i++;
        } else {
            break;
        }
    }
    if (i != argc - 1) {
        return usage("pyrs: --dump-ast takes one FILE");
    }
    return process(argv[i], mode, attrs);
}

int
main(int argc, char **argv)
{
    int rc = 0;
    if (argc < 2 || strcmp(argv[1], "-") == 0) {
        static char *no_args[] = {(char *)"", NULL};
        char **args = argc < 2 ? no_args : argv + 1;
        int n = argc < 2 ? 1 : argc - 1;
        if (argc < 2) {
            args[0] = (char *)"";
        }
        return isatty(0) ? pyrs_run_interactive(n, args) : pyrs_run_stdin(n, args);
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--dump-ast") == 0) {
        return dump_ast(argc - 2, argv + 2);
    }
    if (strcmp(argv[1], "--parse-only") == 0) {
        for (int i = 2; i < argc; i++) {
            int r = process(argv[i], PYRS_PARSE_EXEC, -1);
            rc = r > rc ? r : rc;
        }
        return rc ? 1 : 0;
    }
    if (strcmp(argv[1], "-c") == 0) {
        if (argc < 3) {
            fprintf(stderr, "Argument expected for the -c option\n");
            return usage(NULL);
        }
        const char *code = argv[2];
        argv[2] = (char *)"-c"; /* sys.argv[0] is '-c' */
        return pyrs_run_source(code, strlen(code), "<string>", argc - 2, argv + 2);
    }
    if (strcmp(argv[1], "-m") == 0) {
        if (argc < 3) {
            fprintf(stderr, "Argument expected for the -m option\n");
            return usage(NULL);
        }
        const char *module = argv[2];
        argv[2] = (char *)"-m"; /* runpy replaces sys.argv[0] with the module's path */
        return pyrs_run_module(module, argc - 2, argv + 2);
    }
    if (argv[1][0] == '-') {
        /* CPython's wording: long options "unknown option --x", short "Unknown option: -x" */
        if (argv[1][1] == '-') {
            fprintf(stderr, "unknown option %s\n", argv[1]);
        } else {
            fprintf(stderr, "Unknown option: %s\n", argv[1]);
        }
        return usage(NULL);
    }
    return pyrs_run_file(argv[1], argc - 1, argv + 1);
}

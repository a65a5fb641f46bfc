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
#include "pyrs/config.h"
#include "pyrs/sys.h"
#include "pyrun.h"
#include "repl.h"

static const char usage_text[] =
    "usage: pyrs [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options (as python3's):\n"
    "-b     : issue warnings about str(bytes_instance) and comparing bytes with str (-bb: "
    "errors)\n"
    "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-d     : turn on parser debugging output; also PYTHONDEBUG=x\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-i     : inspect interactively after running script; also PYTHONINSPECT=x\n"
    "-I     : isolate Python from the user's environment (implies -E, -P and -s)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x\n"
    "-OO    : do -O changes and also discard docstrings\n"
    "-P     : don't prepend a potentially unsafe path to sys.path\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE\n"
    "-S     : don't imply 'import site' on initialization\n"
    "-u     : force the stdout and stderr streams to be unbuffered\n"
    "-v     : verbose (trace import statements); also PYTHONVERBOSE=x\n"
    "-V     : print the Python version number and exit (also --version)\n"
    "-W arg : warning control; arg is action:message:category:module:lineno\n"
    "-x     : skip first line of source, allowing use of non-Unix forms of #!cmd\n"
    "-X opt : set implementation-specific option\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n"
    "pyrs front-end checks:\n"
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

/* Options that take an argument: -c, -m (end the option list), -W, -X (collected). */
static const char *
option_argument(int argc, char **argv, int *i, const char *rest, char opt)
{
    if (*rest != '\0') {
        return rest;
    }
    if (*i + 1 < argc) {
        return argv[++*i];
    }
    fprintf(stderr, "Argument expected for the -%c option\n", opt);
    return NULL;
}

/* Appends TEXT to the list *ITEMS of *N entries (option lists live for the whole process). */
static int
append_option(const char ***items, int *n, const char *text)
{
    const char **grown = realloc(*items, sizeof(char *) * (size_t)(*n + 1));
    if (grown == NULL) {
        return -1;
    }
    grown[(*n)++] = text;
    *items = grown;
    return 0;
}

typedef struct {
    const char *command; /* -c CODE */
    const char *module;  /* -m MODULE */
    int first_arg;       /* index of the script (or of the first argument after -c/-m) */
    int version;         /* -V count */
    int help;
} Options;

/* One-letter flags that set a field of pyrs_config. Returns 0, or -1 for an unknown letter. */
static int
flag_option(char opt)
{
    PyrsConfig *c = &pyrs_config;
    switch (opt) {
    case 'b':
        c->bytes_warning++;
        return 0;
    case 'B':
        c->dont_write_bytecode = 1;
        return 0;
    case 'd':
        c->debug++;
        return 0;
    case 'E':
        c->ignore_environment = 1;
        return 0;
    case 'i':
        c->inspect = c->interactive = 1;
        return 0;
    case 'I':
        c->isolated = c->ignore_environment = c->no_user_site = c->safe_path = 1;
        return 0;
    case 'O':
        c->optimize++;
        return 0;
    case 'P':
        c->safe_path = 1;
        return 0;
    case 'q':
        c->quiet = 1;
        return 0;
    case 's':
        c->no_user_site = 1;
        return 0;
    case 'S':
        c->no_site = 1;
        return 0;
    case 'u':
        c->unbuffered = 1;
        return 0;
    case 'v':
        c->verbose++;
        return 0;
    case 'x':
        c->skip_first_line = 1;
        return 0;
    case 'R':
        c->hash_random = 1;
        return 0;
    default:
        return -1;
    }
}

/* --check-hash-based-pycs MODE at ARGV[*I] (*I moves to MODE) into pyrs_config; 0, or -1
 * after printing CPython's usage error. */
static int
check_hash_pycs_option(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        usage("Argument expected for the --check-hash-based-pycs options");
        return -1;
    }
    const char *mode = argv[++*i];
    if (strcmp(mode, "default") != 0 && strcmp(mode, "always") != 0 && strcmp(mode, "never") != 0) {
        usage("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
        return -1;
    }
    pyrs_config.check_hash_pycs = mode;
    return 0;
}

/* Parses CPython's command-line options (combined letters like -Esu, -W ARG, -Xdev, -c CODE
 * ends the options). Returns 0, or the exit status of a usage error. */
static int
parse_options(int argc, char **argv, Options *o)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            break; /* the script, or "-" for stdin */
        }
        if (a[1] == '-') {
            if (a[2] == '\0') {
                i++;
                break;
            }
            if (strcmp(a, "--help") == 0 || strcmp(a, "--help-all") == 0) {
                o->help = 1;
            } else if (strcmp(a, "--version") == 0) {
                o->version++;
            } else if (strcmp(a, "--check-hash-based-pycs") == 0) {
                if (check_hash_pycs_option(argc, argv, &i) < 0) {
                    return 2;
                }
            } else {
                fprintf(stderr, "unknown option %s\n", a);
                return usage(NULL);
            }
            continue;
        }
        for (const char *p = a + 1; *p != '\0'; p++) {
            const char *arg;
            switch (*p) {
            case 'c':
            case 'm':
                if ((arg = option_argument(argc, argv, &i, p + 1, *p)) == NULL) {
                    return usage(NULL);
                }
                *(*p == 'c' ? &o->command : &o->module) = arg;
                o->first_arg = i;
                return 0;
            case 'W':
            case 'X':
                if ((arg = option_argument(argc, argv, &i, p + 1, *p)) == NULL) {
                    return usage(NULL);
                }
                if (*p == 'W'
                        ? append_option(&pyrs_config.warnoptions, &pyrs_config.nwarnoptions, arg) <
                              0
                        : append_option(&pyrs_config.xoptions, &pyrs_config.nxoptions, arg) < 0) {
                    return 1;
                }
                p += strlen(p) - 1; /* the argument was the rest of this word */
                break;
            case 'h':
            case '?':
                o->help = 1;
                break;
            case 'V':
                o->version++;
                break;
            default:
                if (flag_option(*p) < 0) {
                    fprintf(stderr, "Unknown option: -%c\n", *p);
                    return usage(NULL);
                }
            }
        }
    }
    o->first_arg = i;
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--dump-ast") == 0) {
        return dump_ast(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "--parse-only") == 0) {
        int rc = 0;
        for (int i = 2; i < argc; i++) {
            int r = process(argv[i], PYRS_PARSE_EXEC, -1);
            rc = r > rc ? r : rc;
        }
        return rc ? 1 : 0;
    }
    pyrs_config.program_name = argv[0];
    Options o = {0};
    int rc = parse_options(argc, argv, &o);
    if (rc != 0) {
        return rc;
    }
    pyrs_run_set_inspect_hook(pyrs_repl_inspect);
    if (o.help) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (o.version) {
        printf("Python %s\n", o.version > 1 ? pyrs_sys_version_text() : "3.11.2");
        return 0;
    }
    if (o.command != NULL) {
        argv[o.first_arg] = (char *)"-c"; /* sys.argv[0] is '-c' */
        return pyrs_run_source(o.command, strlen(o.command), "<string>", argc - o.first_arg,
                               argv + o.first_arg);
    }
    if (o.module != NULL) {
        argv[o.first_arg] = (char *)"-m"; /* runpy replaces sys.argv[0] with the module's path */
        return pyrs_run_module(o.module, argc - o.first_arg, argv + o.first_arg);
    }
    if (o.first_arg >= argc || strcmp(argv[o.first_arg], "-") == 0) {
        static char *no_args[] = {(char *)"", NULL};
        char **args = o.first_arg >= argc ? no_args : argv + o.first_arg;
        int n = o.first_arg >= argc ? 1 : argc - o.first_arg;
        if (o.first_arg >= argc) {
            args[0] = (char *)"";
        }
        return isatty(0) ? pyrs_run_interactive(n, args) : pyrs_run_stdin(n, args);
    }
    return pyrs_run_file(argv[o.first_arg], argc - o.first_arg, argv + o.first_arg);
}

/* pyrs/config.h: the start-up configuration the command line sets (CPython's PyConfig in
 * spirit): `pyrs -E -I -s -S -P -u -B -O -q -v -b -d -i -W ARG -X ARG` fill pyrs_config before
 * the runtime starts; sys.flags, sys.warnoptions, sys._xoptions, the std streams, sys.path and
 * the compiler read it. Environment variables are read through pyrs_config_getenv so that -E
 * and -I hide them. */
#ifndef PYRS_CONFIG_H
#define PYRS_CONFIG_H

#include "pyrs/port.h"

typedef struct {
    int ignore_environment;    /* -E, -I: PYTHON* variables are not read */
    int isolated;              /* -I */
    int no_user_site;          /* -s, -I, PYTHONNOUSERSITE */
    int no_site;               /* -S: the site builtins are not installed */
    int safe_path;             /* -P, -I, PYTHONSAFEPATH: no script directory in sys.path */
    int unbuffered;            /* -u, PYTHONUNBUFFERED */
    int dont_write_bytecode;   /* -B, PYTHONDONTWRITEBYTECODE */
    int optimize;              /* -O count, PYTHONOPTIMIZE */
    int verbose;               /* -v count, PYTHONVERBOSE */
    int quiet;                 /* -q */
    int bytes_warning;         /* -b count */
    int inspect;               /* -i, PYTHONINSPECT */
    int skip_first_line;       /* -x */
    int hash_random;           /* -R: PYTHONHASHSEED is not read */
    const char *program_name;  /* argv[0] of the process, for error messages */
    int interactive;           /* -i */
    int debug;                 /* -d, PYTHONDEBUG */
    int dev_mode;              /* -X dev, PYTHONDEVMODE */
    int utf8_mode;             /* -X utf8, PYTHONUTF8 */
    int warn_default_encoding; /* -X warn_default_encoding */
    int int_max_str_digits;    /* -X int_max_str_digits=N, PYTHONINTMAXSTRDIGITS; -1 unset */
    int nwarnoptions;          /* -W arguments, in order */
    const char **warnoptions;
    int nxoptions; /* -X arguments, in order */
    const char **xoptions;
    const char *check_hash_pycs; /* --check-hash-based-pycs: "default", "always", "never" */
    int parsed;                  /* the command line filled the struct (pyrs_config_read_env ran) */
} PyrsConfig;

extern PyrsConfig pyrs_config;

/* The optimization level code is compiled with: compile()'s optimize argument while it runs
 * (pyrs_compile_optimize, -1 otherwise), else -O's count. */
extern int pyrs_compile_optimize;
/* CO_FUTURE_* features compile()/exec()/eval() pass to the compiler while it runs (their
 * flags argument and what the calling code was compiled with); 0 otherwise. */
extern int pyrs_compile_flags;
int pyrs_config_optimize_level(void);

/* getenv(NAME), or NULL under -E/-I for the variables CPython ignores there (PYTHON*). */
const char *pyrs_config_getenv(const char *name);

/* Fills the fields the environment sets (after the command line, which wins). Idempotent. */
void pyrs_config_read_env(void);

/* The value of -X NAME (the text after '=', or "" for a bare -X NAME), or NULL when the option
 * was not given. */
const char *pyrs_config_xoption(const char *name);

#endif /* PYRS_CONFIG_H */

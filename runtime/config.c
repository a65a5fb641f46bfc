/* config.c: the start-up configuration (pyrs/config.h). The pyrs command line fills
 * pyrs_config; executables built by pyrsc and embedders leave it zeroed and get CPython's
 * defaults plus what the PYTHON* environment variables say. */
#include <stdlib.h>
#include <string.h>

#include "pyrs/config.h"

PyrsConfig pyrs_config = {.int_max_str_digits = -1};

int pyrs_compile_optimize = -1;
int pyrs_compile_flags = 0;

int
pyrs_config_optimize_level(void)
{
    return pyrs_compile_optimize >= 0 ? pyrs_compile_optimize : pyrs_config.optimize;
}

const char *
pyrs_config_getenv(const char *name)
{
    if (pyrs_config.ignore_environment && strncmp(name, "PYTHON", 6) == 0) {
        return NULL;
    }
    return getenv(name);
}

/* An environment switch as CPython reads it: the integer value, 1 for any other non-empty
 * text, 0 when unset or empty. */
static int
env_level(const char *name)
{
    const char *v = pyrs_config_getenv(name);
    if (v == NULL || v[0] == '\0') {
        return 0;
    }
    int n = atoi(v);
    return n > 0 ? n : 1;
}

static void
raise_to(int *field, int level)
{
    if (level > *field) {
        *field = level;
    }
}

void
pyrs_config_read_env(void)
{
    static int done;
    if (done) {
        return;
    }
    done = 1;
    PyrsConfig *c = &pyrs_config;
    raise_to(&c->optimize, env_level("PYTHONOPTIMIZE"));
    raise_to(&c->verbose, env_level("PYTHONVERBOSE"));
    raise_to(&c->debug, env_level("PYTHONDEBUG"));
    raise_to(&c->inspect, env_level("PYTHONINSPECT"));
    c->dont_write_bytecode |= env_level("PYTHONDONTWRITEBYTECODE") > 0;
    c->no_user_site |= env_level("PYTHONNOUSERSITE") > 0;
    c->unbuffered |= env_level("PYTHONUNBUFFERED") > 0;
    c->safe_path |= env_level("PYTHONSAFEPATH") > 0;
    c->warn_default_encoding |= env_level("PYTHONWARNDEFAULTENCODING") > 0;
    const char *dev = pyrs_config_getenv("PYTHONDEVMODE");
    c->dev_mode |= (dev != NULL && dev[0] != '\0') || pyrs_config_xoption("dev") != NULL;
    c->utf8_mode |= env_level("PYTHONUTF8") > 0;
    const char *utf8 = pyrs_config_xoption("utf8");
    if (utf8 != NULL) {
        c->utf8_mode = utf8[0] == '\0' || strcmp(utf8, "1") == 0;
    }
    c->warn_default_encoding |= pyrs_config_xoption("warn_default_encoding") != NULL;
    const char *digits = pyrs_config_xoption("int_max_str_digits");
    if (digits == NULL) {
        digits = pyrs_config_getenv("PYTHONINTMAXSTRDIGITS");
    }
    if (c->int_max_str_digits < 0 && digits != NULL && digits[0] != '\0') {
        c->int_max_str_digits = atoi(digits);
    }
}

const char *
pyrs_config_xoption(const char *name)
{
    size_t n = strlen(name);
    for (int i = pyrs_config.nxoptions - 1; i >= 0; i--) {
        const char *x = pyrs_config.xoptions[i];
        if (strncmp(x, name, n) == 0 && (x[n] == '\0' || x[n] == '=')) {
            return x[n] == '=' ? x + n + 1 : x + n;
        }
    }
    return NULL;
}

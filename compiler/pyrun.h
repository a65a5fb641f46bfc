/* pyrun.h: running programs the way `python3 FILE` / `python3 -c CODE` does: compile, execute
 * as __main__, print an uncaught exception CPython's way, and turn SystemExit into an exit
 * status. Shared by the `pyrs` command and by executables built with `pyrsc`. */
#ifndef PYRS_PYRUN_H
#define PYRS_PYRUN_H

#include <stddef.h>
#include <stdio.h>

/* Runs SRC[0..LEN) (raw file bytes) named FILENAME as the __main__ module with sys.argv set
 * from ARGV[0..ARGC). Returns the process exit status (0, 1 for an uncaught exception or a
 * syntax error, or SystemExit's code). Initializes the runtime if needed. */
int pyrs_run_source(const char *src, size_t len, const char *filename, int argc, char **argv);

/* Starts the runtime for a program named FILENAME (compiler, sys.argv, sys.path[0], site's
 * builtins) without running anything: 0, or -1 after printing the error. The caller ends
 * with pyrs_runtime_fini(). */
int pyrs_run_prepare(const char *filename, int argc, char **argv);

/* Runs the marshalled code DATA[0..SIZE) of program FILENAME as __main__ (executables built
 * by pyrsc). Returns the exit status as pyrs_run_source does. */
int pyrs_run_frozen_main(const unsigned char *data, size_t size, const char *filename, int argc,
                         char **argv);

/* Runs module NAME as __main__ like `python3 -m NAME` (runpy; sys.path[0] is the current
 * directory). Returns the exit status as pyrs_run_source does. */
int pyrs_run_module(const char *name, int argc, char **argv);

/* Reads all of F and runs it as program FILENAME (a program on stdin). */
int pyrs_run_stream(FILE *f, const char *filename, int argc, char **argv);

/* Reads PATH and runs it as above; 2 with CPython's message when the file cannot be opened. */
int pyrs_run_file(const char *path, int argc, char **argv);

/* `pyrs -i`: HOOK runs the interactive prompt after the main program (pyrs_config.inspect);
 * returns the exit status. The pyrs driver installs it; pyrsc executables have none. */
void pyrs_run_set_inspect_hook(int (*hook)(void));

#endif /* PYRS_PYRUN_H */

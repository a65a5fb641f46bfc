/* repl.h: the interactive prompt and programs read from stdin (driver/repl.c). */
#ifndef PYRS_REPL_H
#define PYRS_REPL_H

/* The interactive prompt until EOF or SystemExit; returns the exit status. */
int pyrs_run_interactive(int argc, char **argv);

/* `pyrs -i`: the prompt in __main__ after the program ran (the runtime is still up); returns
 * the exit status. */
int pyrs_repl_inspect(void);

/* Reads all of stdin and runs it as the program "<stdin>"; returns the exit status. */
int pyrs_run_stdin(int argc, char **argv);

#endif /* PYRS_REPL_H */

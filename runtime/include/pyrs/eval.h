/* pyrs/eval.h: the VM's entry points (runtime/vm/eval.c, frame.c, call.c): running code
 * objects, calling Python functions from C, and the builtins dict the VM resolves names in. */
#ifndef PYRS_EVAL_H
#define PYRS_EVAL_H

#include "Python.h"
#include "pyrs/lifecycle.h"

/* Runs CODE (a module or class body) with GLOBALS and LOCALS (LOCALS may equal GLOBALS).
 * Returns the result (a new reference) or NULL with an exception set. */
PyObject *pyrs_eval_code(PyObject *code, PyObject *globals, PyObject *locals);

/* The vectorcall of Python functions: binds arguments and runs the body in a new entry frame
 * on the thread's frame stack. May run arbitrary Python code. */
PyObject *pyrs_eval_function_vectorcall(PyObject *func, PyObject *const *args, size_t nargsf,
                                        PyObject *kwnames);

/* The builtins module's dict (borrowed; created by pyrs_builtins_init). */
PyObject *pyrs_eval_builtins(void);

/* The eval breaker: nonzero when the loop must call pyrs_eval_handle_breaker at its next
 * backward jump or call. */
extern int pyrs_eval_breaker;

/* Work of the eval breaker: 0 to go on, -1 with an exception set to raise it where the loop
 * is (the instruction budget is exhausted). */
int pyrs_eval_handle_breaker(void);

/* Instruction budget (for the fuzzer): N > 0 lets the VM pass N backward jumps and calls, after
 * which every further one raises RuntimeError("instruction budget exhausted"); 0 turns the
 * budget off (the default: no cost beyond one flag test). */
void pyrs_eval_set_budget(long n);

/* The function and module of the innermost running Python frame, or NULL (borrowed). */
PyObject *pyrs_eval_current_globals(void);

struct PyrsFrame;
/* Runs the pushed frame F (arguments bound) as an entry frame until it returns. */
PyObject *pyrs_eval_frame_entry(struct PyrsFrame *f);

/* Resumes the generator frame F, already linked on the frame stack (pyrs_gen_link), until it
 * yields (the generator is then suspended) or finishes (closed). THROWING: the exception
 * currently set is raised at the pending yield (or thrown into the iterator a `yield from` is
 * delegating to). The yielded or returned value (new reference), or NULL with an exception. */
PyObject *pyrs_eval_resume(struct PyrsFrame *f, int throwing);

/* CPython's PyEval_GetGlobals: the globals of the innermost running Python frame (borrowed),
 * or NULL without an exception when no Python code is running. */
PyAPI_FUNC(PyObject *) PyEval_GetGlobals(void);

#endif /* PYRS_EVAL_H */

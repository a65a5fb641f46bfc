/* pyrs/vm.h: the out-of-line helpers of the dispatch loop (runtime/vm/ops.c): slow paths and
 * operations too long for an opcode body. Unless noted, each returns a new reference or NULL
 * with an exception set (ints: 0 / -1), and may run arbitrary Python code. */
#ifndef PYRS_VM_H
#define PYRS_VM_H

#include "pyrs/code.h"

void pyrs_eval_set_builtins(PyObject *dict);

/* Name errors with CPython 3.11's messages (always set an exception). */
void pyrs_vm_unbound_local(PyrsCodeObject *code, unsigned reg);
void pyrs_vm_unbound_deref(PyrsCodeObject *code, unsigned cell);

PyObject *pyrs_vm_load_global(PyObject *globals, PyObject *builtins, PyObject *name);
PyObject *pyrs_vm_load_name(PyObject *locals, PyObject *globals, PyObject *builtins,
                            PyObject *name);
int pyrs_vm_del_name(PyObject *ns, PyObject *name);

/* OP is an ast operator (PyrsOperator), +16 for the in-place form. */
PyObject *pyrs_vm_binop(unsigned op, PyObject *a, PyObject *b);
PyObject *pyrs_vm_unop(unsigned op, PyObject *a);
/* OP is an ast cmpop (PyrsCmpOp). */
PyObject *pyrs_vm_compare(unsigned op, PyObject *a, PyObject *b);

PyObject *pyrs_vm_build_tuple(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_list(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_set(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_dict(PyObject **pairs, unsigned n);
PyObject *pyrs_vm_build_string(PyObject **items, unsigned n);
int pyrs_vm_list_extend(PyObject *list, PyObject *iterable);
int pyrs_vm_dict_update(PyObject *dict, PyObject *mapping);
/* f-string field: CONV is 0, 's', 'r' or 'a'; SPEC may be NULL. */
PyObject *pyrs_vm_format(PyObject *value, PyObject *spec, unsigned conv);

/* Unpacks ITERABLE into OUT[0..n) (AFTER < 0: exactly N items; else N-AFTER items, a list of
 * the rest, AFTER items: OUT has N + 1 slots). Registers receive new references. */
int pyrs_vm_unpack(PyObject *iterable, PyObject **out, unsigned n, int after);

PyObject *pyrs_vm_call_ex(PyObject *callable, PyObject *args, PyObject *kwargs);
/* A function from code object CODE; FLAGS bit 0: defaults in EXTRA[0], bit 1: kwdefaults
 * in EXTRA[1], bit 2: closure tuple in EXTRA[2], bit 3: annotations in EXTRA[3]. */
PyObject *pyrs_vm_make_function(PyObject *code, PyObject *globals, PyObject **extra,
                                unsigned flags);
/* __build_class__(func, name, *bases[, **kw]): ARGS[0..n); FLAGS bit 0: ARGS[n] holds the
 * keyword names of the last values. */
PyObject *pyrs_vm_build_class(PyObject **args, unsigned n, unsigned flags);

/* Exceptions. raise sets the exception (always returns with one set). */
void pyrs_vm_raise(PyObject *exc, PyObject *cause);
void pyrs_vm_reraise(PyObject *exc);
PyObject *pyrs_vm_fetch_exc(void);         /* the raised exception, normalized, cleared */
PyObject *pyrs_vm_push_exc(PyObject *exc);  /* makes EXC handled; returns the previous one */
void pyrs_vm_pop_exc(PyObject *saved);      /* restores a previous handled exception */
int pyrs_vm_match_exc(PyObject *exc, PyObject *type);
void pyrs_vm_traceback_here(PyrsCodeObject *code, Py_ssize_t pc);
void pyrs_vm_assert_fail(PyObject *msg);
int pyrs_vm_setup_annotations(PyObject *ns);

PyObject *pyrs_vm_import_name(PyObject *globals, PyObject *name, PyObject *fromlist, int level);
PyObject *pyrs_vm_import_from(PyObject *module, PyObject *name);
int pyrs_vm_import_star(PyObject *module, PyObject *ns);

/* Prints EXC (an exception instance) with its traceback to stderr as CPython 3.11's default
 * excepthook does. */
void pyrs_vm_print_exception(PyObject *exc);

#endif /* PYRS_VM_H */

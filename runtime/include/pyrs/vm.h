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

/* The builtins namespace code running with GLOBALS uses: GLOBALS["__builtins__"] (a
 * module's dict), else the interpreter's (borrowed; never raises). */
PyObject *pyrs_vm_builtins_of(PyObject *globals);
/* The builtins of VM frame FRAME (a PyrsFrame, NULL: the interpreter's): its function's
 * __builtins__, else pyrs_vm_builtins_of its globals (borrowed; never raises). */
PyObject *pyrs_vm_frame_builtins(void *frame);
/* Name lookups as CPython 3.11's LOAD_GLOBAL / LOAD_NAME: mappings that are not exact dicts
 * are read with __getitem__; BUILTINS NULL means the builtins GLOBALS names. */
PyObject *pyrs_vm_load_global(PyObject *globals, PyObject *builtins, PyObject *name);
PyObject *pyrs_vm_load_name(PyObject *locals, PyObject *globals, PyObject *builtins,
                            PyObject *name);
int pyrs_vm_del_name(PyObject *ns, PyObject *name);
/* A class body's read of closure variable CELL (slot in CODE, cell object CELLOBJ): the
 * class namespace LOCALS first, then the cell, as CPython's LOAD_CLASSDEREF. */
PyObject *pyrs_vm_load_classderef(PyObject *locals, PyrsCodeObject *code, unsigned cell,
                                  PyObject *cellobj);

/* OP is an ast operator (PyrsOperator), +16 for the in-place form. */
PyObject *pyrs_vm_binop(unsigned op, PyObject *a, PyObject *b);
PyObject *pyrs_vm_unop(unsigned op, PyObject *a);
/* OP is an ast cmpop (PyrsCmpOp). */
PyObject *pyrs_vm_compare(unsigned op, PyObject *a, PyObject *b);

PyObject *pyrs_vm_build_tuple(PyObject **items, unsigned n);
/* BUILDTUPLE and BUILDLIST: a new tuple or list taking over the references in ITEMS[0 .. N),
 * which are set to NULL; NULL with MemoryError (ITEMS untouched). */
PyObject *pyrs_vm_build_tuple_steal(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_list_steal(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_set(PyObject **items, unsigned n);
PyObject *pyrs_vm_build_dict(PyObject **pairs, unsigned n);
PyObject *pyrs_vm_build_string(PyObject **items, unsigned n);
int pyrs_vm_list_extend(PyObject *list, PyObject *iterable);
int pyrs_vm_dict_update(PyObject *dict, PyObject *mapping);
/* The keyword arguments MAPPING (a `**` argument) merged into DICT for a call to FUNC, as
 * CPython's DICT_MERGE: TypeError for a non-mapping or a key DICT already has. 0, or -1. */
int pyrs_vm_dict_merge(PyObject *dict, PyObject *mapping, PyObject *func);
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
/* After a re-raise in VM frame FRAME (a PyrsFrame): points its saved pc (f_lineno once the
 * frame is left) back at the instruction the pending exception was raised at in FRAME, as
 * CPython's RERAISE restores lasti for cleanup handlers. Never fails. */
void pyrs_vm_reraise_origin(void *frame);
PyObject *pyrs_vm_fetch_exc(void);         /* the raised exception, normalized, cleared */
PyObject *pyrs_vm_push_exc(PyObject *exc); /* makes EXC handled; returns the previous one */
void pyrs_vm_pop_exc(PyObject *saved);     /* restores a previous handled exception */
int pyrs_vm_match_exc(PyObject *exc, PyObject *type);
/* except* (PEP 654). eg_match: the part of exception *REST (an exception, a group or None)
 * matching TYPE, or None; *REST (owned) is replaced by what is left (None when all matched);
 * a match becomes the handled exception. TypeError for a TYPE that is not an exception class
 * or is an exception group. prep_reraise_star: what to raise after the last clause, given the
 * original exception ORIG and the list EXCS of exceptions raised by handlers plus the
 * unhandled rest (None entries skipped): re-raised parts keep ORIG's nesting, new ones are
 * grouped with them; None when nothing is left. New references or NULL. */
PyObject *pyrs_vm_eg_match(PyObject **rest, PyObject *type);
PyObject *pyrs_vm_prep_reraise_star(PyObject *orig, PyObject *excs);
/* Prepends a traceback entry for instruction PC of the running VM frame FRAME (a PyrsFrame;
 * its frame object becomes tb_frame) to the pending exception. */
void pyrs_vm_traceback_here(void *frame, Py_ssize_t pc);
void pyrs_vm_assert_fail(PyObject *msg);
int pyrs_vm_setup_annotations(PyObject *ns);

PyObject *pyrs_vm_import_name(PyObject *globals, PyObject *name, PyObject *fromlist, int level);
PyObject *pyrs_vm_import_from(PyObject *module, PyObject *name);
int pyrs_vm_import_star(PyObject *module, PyObject *ns);

/* `yield from` on an iterator that is not a pyrs generator: sends VALUE (next() when None).
 * Returns the yielded value with *DONE = 0, or the iterator's return value (StopIteration's
 * value) with *DONE = 1; NULL with an exception set on error. */
PyObject *pyrs_vm_send(PyObject *iter, PyObject *value, int *done);
/* Throws the exception currently set into ITER (a non-generator `yield from` target): calls its
 * throw() (close() for GeneratorExit, then re-raises). Same results as pyrs_vm_send. */
PyObject *pyrs_vm_throw_into(PyObject *iter, int *done);
/* iter() for `yield from`: generators pass through unchanged. */
PyObject *pyrs_vm_yield_from_iter(PyObject *obj);

/* match statements (CPython 3.11's MATCH_* semantics). */
PyObject *pyrs_vm_match_sequence(PyObject *subject, unsigned n, unsigned at_least); /* a bool */
/* The special method NAME of OBJ looked up on its type, bound (with statements: KIND bit 0
 * set for __exit__/__aexit__, bit 1 for async with); TypeError "... does not support the
 * (asynchronous) context manager protocol" when missing. New reference or NULL. */
PyObject *pyrs_vm_load_special(PyObject *obj, PyObject *name, unsigned kind);
/* subject[i], or subject[len(subject) - i] when FROM_END (new reference, NULL on error). */
PyObject *pyrs_vm_match_item(PyObject *subject, unsigned i, unsigned from_end);
/* A bool: SUBJECT is a mapping for match with at least MIN_LEN items; NULL on error. */
PyObject *pyrs_vm_match_mapping(PyObject *subject, unsigned min_len);
PyObject *pyrs_vm_match_keys(PyObject *subject, PyObject *keys); /* tuple or None */
PyObject *pyrs_vm_match_rest(PyObject *subject, PyObject *keys); /* a dict */
PyObject *pyrs_vm_match_class(PyObject *subject, PyObject *cls, unsigned npos,
                              PyObject *kwnames); /* tuple or None */

/* async for: OBJ.__aiter__() and the awaitable of IT.__anext__(), CPython's TypeErrors. */
PyObject *pyrs_vm_aiter(PyObject *obj);
PyObject *pyrs_vm_anext(PyObject *it);
/* After GETAWAITABLE failed on OBJ in an async with (WHERE 1: from __aenter__, 2: from
 * __aexit__) or async for (3: from __anext__): replaces the pending error with CPython's
 * message for that statement (for 3 chained from the original, as its cause). */
void pyrs_vm_await_error(PyObject *obj, unsigned where);

/* The callable for OBJ.NAME(...) in *OUT (new reference): 1 when it is a Python function
 * found on the type, to be called with OBJ as its first argument; 0 when it is the ordinary
 * attribute value; -1 with an exception set. */
int pyrs_vm_load_method(PyObject *obj, PyObject *name, PyObject **out);

/* Raises CPython's TypeError for an __init__ that returned RES (not None); releases RES. */
void pyrs_vm_init_result_error(PyObject *res);

/* The __init__ a CALL at instruction PC of CODE runs in the loop for class TP (borrowed: a
 * Python function found on TP, whose instances object.__new__ makes), caching it in the
 * entry of PC under TP's version tag; NULL when TP's calls take the generic path. Never
 * raises, never runs Python code. */
PyObject *pyrs_vm_init_specialize(PyrsCodeObject *code, Py_ssize_t pc, PyTypeObject *tp);

/* Attribute specialisation (runtime/vm/specialize.c): fills the cache entry of instruction
 * PC of CODE for NAME looked up on OBJ's type (FOR_STORE: a STOREATTR). Returns the entry,
 * or NULL when the code cannot have a cache (out of memory: stays generic, no exception).
 * Never runs Python code. */
PyrsAttrCache *pyrs_vm_attr_specialize(PyrsCodeObject *code, Py_ssize_t pc, PyObject *obj,
                                       PyObject *name, int for_store);

/* PRINTEXPR: sys.displayhook(VALUE); RuntimeError "lost sys.displayhook" without one.
 * 0, or -1 with an exception set. */
int pyrs_vm_print_expr(PyObject *value);

/* Prints EXC (an exception instance) with its traceback to stderr as CPython 3.11's default
 * excepthook does. */
void pyrs_vm_print_exception(PyObject *exc);
/* The same report written to the Python file object FILE (sys.excepthook with a replaced
 * sys.stderr); 0, or -1 with an exception when writing failed. */
int pyrs_vm_print_exception_to(PyObject *file, PyObject *exc);
/* Prints traceback TB (its header and entries, within sys.tracebacklimit) to stderr, as the
 * default unraisable hook does; nothing when TB is not a traceback. */
void pyrs_vm_print_traceback(PyObject *tb);

#endif /* PYRS_VM_H */

/* pyrs/cpyext.h: loading CPython 3.11 extension modules (.so) and the C-API pieces only
 * extensions use (runtime/cpyext/). Internal header; the exported functions keep CPython's
 * names and signatures and are declared here when CPython declares them in a header we lack. */
#ifndef PYRS_CPYEXT_H
#define PYRS_CPYEXT_H

#include <stdio.h>
#include <sys/stat.h>

#include "Python.h"

/* _imp.create_dynamic(spec): dlopen()s spec.origin and runs its PyInit_<name>, as CPython's
 * _PyImport_LoadDynamicModuleWithSpec. A new module (single-phase init, also put in
 * sys.modules and the extension cache) or a module made from the returned PyModuleDef
 * (multi-phase, executed later by pyrs_cpyext_exec_dynamic); NULL with ImportError (bad or
 * missing file, no PyInit_ function, unresolved symbols) or the init function's error. */
PyObject *pyrs_cpyext_create_dynamic(PyObject *spec);

/* _imp.exec_dynamic(module): runs the Py_mod_exec slots of a multi-phase module once (a
 * module with state is already executed). 0, or -1 with the slot's exception. */
int pyrs_cpyext_exec_dynamic(PyObject *module);

/* PEP 3121 per-interpreter module lookup by definition (CPython's pystate.c). */
PyAPI_FUNC(PyObject *) PyState_FindModule(PyModuleDef *def);
PyAPI_FUNC(int) PyState_AddModule(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyState_RemoveModule(PyModuleDef *def);
/* Records MODULE under DEF->m_base.m_index for PyState_FindModule (no checks of DEF's slots,
 * as CPython's _PyState_AddModule). 0, or -1 with an exception. */
int pyrs_cpyext_state_add(PyObject *module, PyModuleDef *def);

/* CPython's _Py_strhex family (Python/pystrhex.c): ARGBUF's ARGLEN bytes as lowercase hex,
 * a new str (or bytes for the _bytes forms); SEP (str/bytes of length 1, or NULL) is put
 * between groups of BYTES_PER_SEP bytes counted from the right (from the left when
 * negative). NULL with an exception. */
PyAPI_FUNC(PyObject *) _Py_strhex(const char *argbuf, const Py_ssize_t arglen);
PyAPI_FUNC(PyObject *) _Py_strhex_bytes(const char *argbuf, const Py_ssize_t arglen);
PyAPI_FUNC(PyObject *) _Py_strhex_with_sep(const char *argbuf, const Py_ssize_t arglen,
                                           const PyObject *sep, const int bytes_per_group);
PyAPI_FUNC(PyObject *) _Py_strhex_bytes_with_sep(const char *argbuf, const Py_ssize_t arglen,
                                                 const PyObject *sep, const int bytes_per_group);

/* CPython's _PyAccu (Objects/accu.c, removed in 3.12 but exported by 3.11): a list of str
 * pieces joined in batches. Functions return 0 or -1 with an exception, except
 * FinishAsList (a new list or NULL) and Destroy. */
typedef struct {
    PyObject *large; /* a list of joined batches */
    PyObject *small; /* a list of pending pieces */
} _PyAccu;
PyAPI_FUNC(int) _PyAccu_Init(_PyAccu *acc);
PyAPI_FUNC(int) _PyAccu_Accumulate(_PyAccu *acc, PyObject *unicode);
PyAPI_FUNC(PyObject *) _PyAccu_FinishAsList(_PyAccu *acc);
PyAPI_FUNC(PyObject *) _PyAccu_Finish(_PyAccu *acc);
PyAPI_FUNC(void) _PyAccu_Destroy(_PyAccu *acc);

/* Bits of _Py_ctype_table (CPython's pyctype.h) and the ASCII case maps. */
#define PY_CTF_LOWER  0x01
#define PY_CTF_UPPER  0x02
#define PY_CTF_ALPHA  (PY_CTF_LOWER | PY_CTF_UPPER)
#define PY_CTF_DIGIT  0x04
#define PY_CTF_ALNUM  (PY_CTF_ALPHA | PY_CTF_DIGIT)
#define PY_CTF_SPACE  0x08
#define PY_CTF_XDIGIT 0x10
PyAPI_DATA(const unsigned int) _Py_ctype_table[256];
PyAPI_DATA(const unsigned char) _Py_ctype_tolower[256];
PyAPI_DATA(const unsigned char) _Py_ctype_toupper[256];

/* File helpers of CPython's fileutils.c / fileobject.c with its error behaviour: the _noraise
 * forms set errno only; the others raise OSError (after retrying on EINTR, with the GIL
 * released around blocking calls). */
PyAPI_FUNC(int) PyObject_AsFileDescriptor(PyObject *o);
PyAPI_FUNC(int) PyFile_WriteString(const char *s, PyObject *f);
PyAPI_FUNC(int) PyFile_WriteObject(PyObject *v, PyObject *f, int flags);
PyAPI_FUNC(int) _Py_dup(int fd);
PyAPI_FUNC(int) _Py_fstat(int fd, struct stat *status);
PyAPI_FUNC(int) _Py_fstat_noraise(int fd, struct stat *status);
PyAPI_FUNC(int) _Py_set_inheritable(int fd, int inheritable, int *atomic_flag_works);
PyAPI_FUNC(int) _Py_open(const char *pathname, int flags);
PyAPI_FUNC(Py_ssize_t) _Py_read(int fd, void *buf, size_t count);
PyAPI_FUNC(Py_ssize_t) _Py_write(int fd, const void *buf, size_t count);
PyAPI_FUNC(FILE *) _Py_fopen_obj(PyObject *path, const char *mode);

/* Argument Clinic's converter for an optional Py_ssize_t (None keeps the default). 1 on
 * success, 0 with TypeError/OverflowError. */
PyAPI_FUNC(int) _Py_convert_optional_to_ssize_t(PyObject *obj, void *result);

/* Miscellaneous: 1 while the runtime is finalizing; the StopIteration value protocol of
 * generators (FetchStopIterationValue: 0 with *pvalue a new reference, or -1); the check
 * every C call result goes through (a new reference or NULL with SystemError when result
 * and error state disagree); a traceback entry for a C function (like CPython's, it chains
 * the current exception); the program name (argv[0] as wchar_t, borrowed). */
PyAPI_FUNC(int) _Py_IsFinalizing(void);
PyAPI_FUNC(int) _PyGen_FetchStopIterationValue(PyObject **pvalue);
PyAPI_FUNC(int) _PyGen_SetStopIterationValue(PyObject *value);
PyAPI_FUNC(PyObject *) _Py_CheckFunctionResult(PyThreadState *tstate, PyObject *callable,
                                               PyObject *result, const char *where);
PyAPI_FUNC(void) _PyTraceback_Add(const char *funcname, const char *filename, int lineno);
PyAPI_FUNC(wchar_t *) Py_GetProgramName(void);
/* 1 (the runtime is running whenever extension code is); sys.version (static storage); the
 * builtins dict of the running code (borrowed), else the builtins module's. */
PyAPI_FUNC(int) Py_IsInitialized(void);
PyAPI_FUNC(const char *) Py_GetVersion(void);
PyAPI_FUNC(PyObject *) PyEval_GetBuiltins(void);
/* sys.modules[name] for an identifier: a new reference, or NULL (not there, or an error). */
PyAPI_FUNC(PyObject *) _PyImport_GetModuleId(_Py_Identifier *nameid);

/* CPython's legacy global configuration flag -O sets (cpython/pydebug.h), filled from
 * pyrs_config by pyrs_cpyext_init_flags before an extension module loads. */
PyAPI_DATA(int) Py_OptimizeFlag;
void pyrs_cpyext_init_flags(void);

/* Source-string execution (CPython's pythonrun.h): STR compiled as "<string>" in the mode
 * START names and run in GLOBALS/LOCALS (LOCALS NULL: GLOBALS). A new reference (the
 * expression's value for Py_eval_input, else None), or NULL with the exception. */
#define Py_single_input    256
#define Py_file_input      257
#define Py_eval_input      258
#define Py_func_type_input 345
#define PyCF_MASK          0x1FE0000 /* the CO_FUTURE_* flags */
typedef struct {
    int cf_flags;           /* PyCF_* and CO_FUTURE_* bits */
    int cf_feature_version; /* minor version for PyCF_ONLY_AST */
} PyCompilerFlags;
PyAPI_FUNC(PyObject *) PyRun_StringFlags(const char *str, int start, PyObject *globals,
                                         PyObject *locals, PyCompilerFlags *flags);

/* Cython's traceback entries for C functions (CPython's code.h, frameobject.h,
 * traceback.h): a code object without instructions (new reference or NULL); a frame object
 * for CODE that never runs (new reference; BadInternalCall for a non-code CODE or non-dict
 * GLOBALS); an entry for FRAME prepended to the pending exception's traceback (0, or -1). */
struct PyCodeObject; /* code.h */
struct _frame;       /* frameobject.h's PyFrameObject */
PyAPI_FUNC(struct PyCodeObject *) PyCode_NewEmpty(const char *filename, const char *funcname,
                                                  int firstlineno);
PyAPI_FUNC(struct _frame *) PyFrame_New(PyThreadState *tstate, struct PyCodeObject *code,
                                        PyObject *globals, PyObject *locals);
PyAPI_FUNC(int) PyTraceBack_Here(struct _frame *frame);

/* code.replace(**KWARGS) of a code object without instructions (PyCode_NewEmpty's, which
 * Cython fills with its functions' signatures): CPython 3.11's keywords, every field may
 * change; co_code, co_linetable and co_exceptiontable are checked and dropped. A new code
 * object, or NULL with TypeError. */
PyObject *pyrs_cpyext_code_replace_empty(PyObject *code, PyObject *kwargs);

/* Deletes the current thread state (cleared by the caller) and releases the GIL, as
 * CPython's; fatal when there is none. */
PyAPI_FUNC(void) PyThreadState_DeleteCurrent(void);

/* tracemalloc's tracking of memory that extensions allocate themselves (numpy's array
 * data) in DOMAIN: 0, or -2 when tracemalloc is not tracing (stdlib/_tracemallocmodule.c). */
PyAPI_FUNC(int) PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);

/* Fills the small-int slots of _PyRuntime that core extension modules read 0 and 1 from,
 * unless the runtime keeps its small ints there already. Idempotent. */
void pyrs_cpyext_init_runtime_ints(void);

#endif /* PYRS_CPYEXT_H */

/* modsupport.h: argument parsing (PyArg_*, getargs.c) and value building (Py_BuildValue,
 * modsupport.c) with CPython 3.11's names, signatures and format units. As in CPython, a file
 * that uses '#' formats defines PY_SSIZE_T_CLEAN before including Python.h; the plain names then
 * map to the _SizeT entry points (lengths are Py_ssize_t). Without it '#' raises SystemError.
 * The PyModule_Add* helpers are declared in moduleobject.h. */
#ifndef PYRS_MODSUPPORT_H
#define PYRS_MODSUPPORT_H

#include <stdarg.h>

#include "object.h"

#ifdef PY_SSIZE_T_CLEAN
#define PyArg_Parse                        _PyArg_Parse_SizeT
#define PyArg_ParseTuple                   _PyArg_ParseTuple_SizeT
#define PyArg_ParseTupleAndKeywords        _PyArg_ParseTupleAndKeywords_SizeT
#define PyArg_VaParse                      _PyArg_VaParse_SizeT
#define PyArg_VaParseTupleAndKeywords      _PyArg_VaParseTupleAndKeywords_SizeT
#define Py_BuildValue                      _Py_BuildValue_SizeT
#define Py_VaBuildValue                    _Py_VaBuildValue_SizeT
#define _Py_VaBuildStack                   _Py_VaBuildStack_SizeT
#define _PyArg_ParseTupleAndKeywordsFast   _PyArg_ParseTupleAndKeywordsFast_SizeT
#define _PyArg_ParseStack                  _PyArg_ParseStack_SizeT
#define _PyArg_ParseStackAndKeywords       _PyArg_ParseStackAndKeywords_SizeT
#define _PyArg_VaParseTupleAndKeywordsFast _PyArg_VaParseTupleAndKeywordsFast_SizeT
#endif

/* The parsers return 1 on success and 0 with an exception set (TypeError for a wrong argument,
 * SystemError for a bad format). Converted objects are borrowed unless the format unit says
 * otherwise (es/et allocate, O& converters decide, s*, y*, z* and w* fill a Py_buffer that the
 * caller releases with PyBuffer_Release). They may run Python code (__index__, __float__, ...). */
PyAPI_FUNC(int) PyArg_Parse(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                            char **keywords, ...);
PyAPI_FUNC(int) PyArg_VaParse(PyObject *args, const char *format, va_list va);
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                              char **keywords, va_list va);
PyAPI_FUNC(int) _PyArg_Parse_SizeT(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs,
                                                   const char *format, char **keywords, ...);
PyAPI_FUNC(int) _PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list va);
PyAPI_FUNC(int) _PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs,
                                                     const char *format, char **keywords,
                                                     va_list va);
/* 1 if every key of the dict KWARGS is a str; else 0 with TypeError. */
PyAPI_FUNC(int) PyArg_ValidateKeywordArguments(PyObject *kwargs);
/* Declared in pyrs/call.h too (call.c owns them). */
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max,
                                  ...);
PyAPI_FUNC(int) _PyArg_UnpackStack(PyObject *const *args, Py_ssize_t nargs, const char *name,
                                   Py_ssize_t min, Py_ssize_t max, ...);
PyAPI_FUNC(int) _PyArg_NoKeywords(const char *funcname, PyObject *kwargs);
PyAPI_FUNC(int) _PyArg_NoKwnames(const char *funcname, PyObject *kwnames);
PyAPI_FUNC(int) _PyArg_NoPositional(const char *funcname, PyObject *args);
PyAPI_FUNC(int) _PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min,
                                       Py_ssize_t max);
/* TypeError "FNAME() argument DISPLAYNAME must be EXPECTED, not TYPE" (Argument Clinic). */
PyAPI_FUNC(void) _PyArg_BadArgument(const char *fname, const char *displayname,
                                    const char *expected, PyObject *arg);

#define ANY_VARARGS(n)       ((n) == PY_SSIZE_T_MAX)
#define Py_CLEANUP_SUPPORTED 0x20000
#define PYTHON_API_STRING    "1013"
#define PYTHON_ABI_STRING    "3"

/* A pre-parsed keyword parser (Argument Clinic's static parsers); CPython 3.11's layout. */
typedef struct _PyArg_Parser {
    const char *format;          /* getargs format, or NULL (Clinic) */
    const char *const *keywords; /* NULL-ended names; "" for positional-only */
    const char *fname;           /* function name for messages, or NULL */
    const char *custom_msg;      /* text after ':' / ';' of the format */
    int pos;                     /* number of positional-only parameters */
    int min;                     /* minimal number of arguments */
    int max;                     /* maximal number of positional arguments */
    PyObject *kwtuple;           /* tuple of keyword names, built on first use */
    struct _PyArg_Parser *next;  /* list of initialised parsers */
} _PyArg_Parser;

PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywordsFast(PyObject *args, PyObject *kwargs,
                                                 struct _PyArg_Parser *parser, ...);
PyAPI_FUNC(int) _PyArg_ParseStack(PyObject *const *args, Py_ssize_t nargs, const char *format, ...);
PyAPI_FUNC(int) _PyArg_ParseStackAndKeywords(PyObject *const *args, Py_ssize_t nargs,
                                             PyObject *kwnames, struct _PyArg_Parser *parser, ...);
PyAPI_FUNC(int) _PyArg_VaParseTupleAndKeywordsFast(PyObject *args, PyObject *kwargs,
                                                   struct _PyArg_Parser *parser, va_list va);
PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywordsFast_SizeT(PyObject *args, PyObject *kwargs,
                                                       struct _PyArg_Parser *parser, ...);
PyAPI_FUNC(int) _PyArg_ParseStack_SizeT(PyObject *const *args, Py_ssize_t nargs, const char *format,
                                        ...);
PyAPI_FUNC(int) _PyArg_ParseStackAndKeywords_SizeT(PyObject *const *args, Py_ssize_t nargs,
                                                   PyObject *kwnames, struct _PyArg_Parser *parser,
                                                   ...);
PyAPI_FUNC(int) _PyArg_VaParseTupleAndKeywordsFast_SizeT(PyObject *args, PyObject *kwargs,
                                                         struct _PyArg_Parser *parser, va_list va);
/* Argument Clinic's unpacker: returns ARGS itself or BUF filled with the positional then keyword
 * parameters in order (borrowed; NULL for a missing optional one), or NULL with TypeError. */
PyAPI_FUNC(PyObject *const *) _PyArg_UnpackKeywords(PyObject *const *args, Py_ssize_t nargs,
                                                    PyObject *kwargs, PyObject *kwnames,
                                                    struct _PyArg_Parser *parser, int minpos,
                                                    int maxpos, int minkw, PyObject **buf);
/* Same with a *args parameter: the positional arguments past VARARG go to a new tuple stored
 * in BUF[VARARG] (owned by the caller on success); keyword parameters follow it in BUF. */
PyAPI_FUNC(PyObject *const *)
_PyArg_UnpackKeywordsWithVararg(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs,
                                PyObject *kwnames, struct _PyArg_Parser *parser, int minpos,
                                int maxpos, int minkw, int vararg, PyObject **buf);
#define _PyArg_UnpackKeywords(args, nargs, kwargs, kwnames, parser, minpos, maxpos, minkw, buf)    \
    (((minkw) == 0 && (kwargs) == NULL && (kwnames) == NULL && (minpos) <= (nargs) &&              \
      (nargs) <= (maxpos) && (args) != NULL)                                                       \
         ? (args)                                                                                  \
         : _PyArg_UnpackKeywords((args), (nargs), (kwargs), (kwnames), (parser), (minpos),         \
                                 (maxpos), (minkw), (buf)))

/* Py_BuildValue: a new reference built from FORMAT (every CPython unit: s z y u U # b B h H i I
 * l k L K n c C d f D O S N O& and nested (), [], {}), or NULL with an exception. 'N' steals its
 * argument, also when the build fails. */
PyAPI_FUNC(PyObject *) Py_BuildValue(const char *format, ...);
PyAPI_FUNC(PyObject *) _Py_BuildValue_SizeT(const char *format, ...);
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *format, va_list va);
PyAPI_FUNC(PyObject *) _Py_VaBuildValue_SizeT(const char *format, va_list va);
/* Builds the items of FORMAT into SMALL_STACK when they fit, else into a PyMem_Malloc'ed array;
 * *P_NARGS receives the count. Each item is a new reference. NULL with an exception. */
PyAPI_FUNC(PyObject **) _Py_VaBuildStack(PyObject **small_stack, Py_ssize_t small_stack_len,
                                         const char *format, va_list va, Py_ssize_t *p_nargs);
PyAPI_FUNC(PyObject **) _Py_VaBuildStack_SizeT(PyObject **small_stack, Py_ssize_t small_stack_len,
                                               const char *format, va_list va, Py_ssize_t *p_nargs);

PyAPI_DATA(const char *) _Py_PackageContext;

#endif /* PYRS_MODSUPPORT_H */

/* symtable.h: scopes of a module (CPython 3.11's rules): which names are local, global,
 * free or cell in each function, class, lambda and comprehension, so the compiler knows
 * where every name lives. Built by one walk over the AST (symtable.c). */
#ifndef PYRS_SYMTABLE_H
#define PYRS_SYMTABLE_H

#include "Python.h"
#include "ast.h"

/* Per-name flags collected during the walk. */
#define SYM_ASSIGNED 0x01 /* bound in the scope (assignment, def, import, for, ...) */
#define SYM_PARAM    0x02 /* a parameter */
#define SYM_USED     0x04 /* read in the scope */
#define SYM_GLOBAL   0x08 /* declared global */
#define SYM_NONLOCAL 0x10 /* declared nonlocal */
#define SYM_ANNOT    0x20 /* annotated (name: T) */
#define SYM_COMPITER 0x40 /* a comprehension's iteration variable */
#define SYM_IMPORT   0x80 /* bound by import (a binding, but not an assignment) */

/* Where a name lives, as resolved after the walk. */
typedef enum {
    PYRS_SCOPE_LOCAL = 1,       /* a fast local (function) or namespace entry (class/module) */
    PYRS_SCOPE_CELL,            /* a local captured by an inner function */
    PYRS_SCOPE_FREE,            /* a variable of an enclosing function */
    PYRS_SCOPE_GLOBAL_EXPLICIT, /* declared global */
    PYRS_SCOPE_GLOBAL_IMPLICIT, /* not bound anywhere enclosing: global or builtin */
} PyrsScopeKind;

typedef enum {
    PYRS_BLOCK_MODULE = 1,
    PYRS_BLOCK_FUNCTION, /* def, lambda, comprehension */
    PYRS_BLOCK_CLASS,
} PyrsBlockKind;

typedef struct PyrsScope {
    PyrsBlockKind kind;       /* module, function or class */
    const void *node;         /* the AST node that opened the scope */
    const char *name;         /* the def/class name, "<lambda>", "<listcomp>", ... */
    struct PyrsScope *parent; /* the enclosing scope, NULL for the module */
    struct PyrsScope *child;  /* first nested scope */
    struct PyrsScope *next;   /* next sibling */
    PyObject *symbols;        /* dict: name -> SYM_* flags (int) */
    PyObject *scopes;         /* dict: name -> PyrsScopeKind (int), after resolution */
    PyObject *varnames;       /* list: parameters first, then other locals (functions) */
    PyObject *cellvars;       /* list: names of cells, sorted as CPython sorts them */
    PyObject *freevars;       /* list: names of free variables */
    int argcount;             /* positional parameters (positional-only included) */
    int posonlyargcount;      /* positional-only parameters */
    int kwonlyargcount;       /* keyword-only parameters */
    int has_varargs;          /* *args */
    int has_varkw;            /* **kwargs */
    int needs_class_cell;     /* class: some method uses super() or __class__ */
    int is_comprehension;     /* function scope of a comprehension (implicit .0 parameter) */
    int is_nested;            /* inside a function */
    int is_generator;         /* function containing yield, or a generator expression */
    int is_coroutine;         /* async def */
    const char *private_name; /* the enclosing class's name for private-name mangling, or NULL */
} PyrsScope;

typedef struct {
    PyrsScope *top;    /* the module scope */
    PyObject *by_node; /* dict: node address (int) -> scope capsule index */
    PyrsScope **all;   /* every scope, in creation order */
    Py_ssize_t nall;   /* number of scopes */
    Py_ssize_t capall; /* allocated slots in all */
    PyObject *mangled; /* list: the mangled names the AST now points into */
} PyrsSymtable;

/* Builds the symbol table of MOD. NULL with a SyntaxError (or MemoryError) set on failure;
 * FILENAME is used in errors. Free with pyrs_sym_free. */
PyrsSymtable *pyrs_sym_build(PyrsMod *mod, PyObject *filename);

/* The same without the errors CPython's compiler (not its symtable) reports ('yield' outside
 * a function): the table the _symtable module shows. FUTURE_ANNOTATIONS (the module has
 * `from __future__ import annotations`) leaves the names in annotations out, as CPython does. */
PyrsSymtable *pyrs_sym_build_table(PyrsMod *mod, PyObject *filename, int future_annotations);

/* The scope opened by NODE (a FunctionDef, Lambda, ClassDef or comprehension), or NULL. */
PyrsScope *pyrs_sym_lookup(PyrsSymtable *st, const void *node);

/* Where NAME (a str) lives in SCOPE. */
PyrsScopeKind pyrs_sym_scope_of(PyrsScope *scope, PyObject *name);

void pyrs_sym_free(PyrsSymtable *st);

/* NAME as CPython mangles it inside class PRIV ("__x" in class "C" is "_C__x"; names ending
 * with "__", dotted names and PRIV NULL leave it as is). The result lives as long as ST; NULL
 * with MemoryError. pyrs_sym_build already rewrote the AST's identifiers this way, except the
 * names of def and class statements, which the caller mangles where it binds them. */
const char *pyrs_sym_mangle(PyrsSymtable *st, const char *priv, const char *name);

/* Sets SyntaxError(MSG, (FILENAME, LINENO, COL + 1, None, LINENO, COL + 1)); returns -1. */
int pyrs_sym_syntax_error(PyObject *filename, int lineno, int col, PyObject *msg);

#endif /* PYRS_SYMTABLE_H */

/* pyrs/lifecycle.h: runtime start-up. pyrs_runtime_init (pylifecycle.c) calls each area's
 * init in this order; every init readies its static types and caches and returns 0, or -1
 * with an exception set (or, before exceptions exist, a message on stderr). */
#ifndef PYRS_LIFECYCLE_H
#define PYRS_LIFECYCLE_H

#include "pyrs/port.h"

PYRS_MUST_CHECK int pyrs_runtime_init(void); /* pylifecycle.c: whole runtime, idempotent */
void pyrs_runtime_fini(void);                /* pylifecycle.c: flush and tear down */

PYRS_MUST_CHECK int pyrs_mem_init(void);       /* mem.c: allocators */
PYRS_MUST_CHECK int pyrs_state_init(void);     /* pystate.c: main interpreter and thread */
PYRS_MUST_CHECK int pyrs_type_init(void);      /* typeobject.c: object, type, super, descriptors */
PYRS_MUST_CHECK int pyrs_object_init(void);    /* object.c: None, NotImplemented, Ellipsis */
PYRS_MUST_CHECK int pyrs_long_init(void);      /* longobject.c: int, small-int cache */
PYRS_MUST_CHECK int pyrs_bool_init(void);      /* boolobject.c */
PYRS_MUST_CHECK int pyrs_float_init(void);     /* floatobject.c */
PYRS_MUST_CHECK int pyrs_complex_init(void);   /* complexobject.c */
PYRS_MUST_CHECK int pyrs_unicode_init(void);   /* unicodeobject.c: str, interning, latin-1 cache */
PYRS_MUST_CHECK int pyrs_bytes_init(void);     /* bytesobject.c */
PYRS_MUST_CHECK int pyrs_bytearray_init(void); /* bytearrayobject.c */
PYRS_MUST_CHECK int pyrs_memory_init(void);    /* memoryobject.c */
PYRS_MUST_CHECK int pyrs_tuple_init(void);     /* tupleobject.c */
PYRS_MUST_CHECK int pyrs_list_init(void);      /* listobject.c */
PYRS_MUST_CHECK int pyrs_dict_init(void);      /* dictobject.c */
PYRS_MUST_CHECK int pyrs_set_init(void);       /* setobject.c */
PYRS_MUST_CHECK int pyrs_slice_init(void);     /* sliceobject.c */
PYRS_MUST_CHECK int pyrs_range_init(void);     /* rangeobject.c */
PYRS_MUST_CHECK int pyrs_iter_init(void);      /* iterobject.c, enumobject.c */
PYRS_MUST_CHECK int pyrs_exc_init(void);       /* exceptions.c: the hierarchy */
PYRS_MUST_CHECK int pyrs_weakref_init(void);   /* weakrefobject.c */
PYRS_MUST_CHECK int pyrs_method_init(void);    /* methodobject.c, descrobject.c */
PYRS_MUST_CHECK int pyrs_module_init(void);    /* moduleobject.c */
PYRS_MUST_CHECK int pyrs_classobject_init(void); /* classobject.c: bound methods */

PYRS_MUST_CHECK int pyrs_func_init(void);      /* funcobject.c: function, cell, code */
PYRS_MUST_CHECK int pyrs_traceback_init(void); /* traceback.c */
PYRS_MUST_CHECK int pyrs_builtins_init(void);  /* bltinmodule.c, sysmodule.c */
PYRS_MUST_CHECK int pyrs_import_init(void);    /* import.c: sys.path, meta_path, __import__ */

#endif /* PYRS_LIFECYCLE_H */

/* abi_layout.c: prints "sizeof T n" and "T.field offset" for every entry of abi_fields.def.
 * Compiled twice by check_layout.py: with -DPYRS_ABI_CPYTHON against Debian's python3.11-dev
 * headers (the reference) and without it against runtime/include; the outputs must match.
 * -DABI_FIELDS_FILE="..." substitutes a partial list (used to locate missing structs). */
#include <stddef.h>
#include <stdio.h>

#if PYRS_ABI_CPYTHON
#include <Python.h>
#include <datetime.h>
#include <frameobject.h>
#include <structmember.h>
#define Py_BUILD_CORE 1
#include <internal/pycore_frame.h>
#include <internal/pycore_gc.h>
#else
#include "Python.h"
/* Headers of areas that may not exist yet: missing ones make their structs "missing". */
#if __has_include("frameobject.h")
#include "frameobject.h"
#endif
#if __has_include("code.h")
#include "code.h"
#endif
#if __has_include("funcobject.h")
#include "funcobject.h"
#endif
#if __has_include("cellobject.h")
#include "cellobject.h"
#endif
#if __has_include("classobject.h")
#include "classobject.h"
#endif
#if __has_include("traceback.h")
#include "traceback.h"
#endif
#if __has_include("genobject.h")
#include "genobject.h"
#endif
#if __has_include("datetime.h")
#include "datetime.h"
#endif
#if __has_include("pyrs/frame.h")
#include "pyrs/frame.h"
#endif
#endif

#ifndef ABI_FIELDS_FILE
#define ABI_FIELDS_FILE "abi_fields.def"
#endif

#define ABI_STRUCT(T)   printf("sizeof %s %zu\n", #T, sizeof(T));
#define ABI_FIELD(T, F) printf("%s.%s %zu\n", #T, #F, offsetof(T, F));
#define ABI_CONST(C)    printf("const %s %lld\n", #C, (long long)(C));

int
main(void)
{
#include ABI_FIELDS_FILE
    return 0;
}

/* Python.h: the runtime's C-API umbrella, our own text with CPython 3.11's names and layouts.
 * Order matters: each header may use the ones above it. Owners are noted per group. */
#ifndef PYRS_PYTHON_H
#define PYRS_PYTHON_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyrs/port.h"
#include "pystrcmp.h"
/* memory, GC, thread state, errors, hashing */
#include "pymem.h"
#include "object.h"
#include "objimpl.h"
#include "pyhash.h"
#include "pystate.h"
#include "pyerrors.h"
/* the type system and the generic protocols */
#include "methodobject.h"
#include "descrobject.h"
#include "structmember.h"
#include "moduleobject.h"
#include "abstract.h"
/* numbers */
#include "longobject.h"
#include "boolobject.h"
#include "floatobject.h"
#include "complexobject.h"
#include "pystrtod.h"
/* text and binary data */
#include "unicodeobject.h"
#include "bytesobject.h"
#include "bytearrayobject.h"
#include "memoryobject.h"
/* containers and iterators */
#include "tupleobject.h"
#include "listobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "rangeobject.h"
#include "iterobject.h"
#include "enumobject.h"
/* weak references */
#include "weakrefobject.h"
#include "classobject.h"
#include "funcobject.h"
/* C-API support: argument parsing, value building, struct sequences, capsules (capi piece) */
#include "modsupport.h"
#include "structseq.h"
#include "pycapsule.h"
/* typing support: types.GenericAlias and types.UnionType */
#include "genericaliasobject.h"
#include "unionobject.h"
/* the import system (runtime/import.c), the codec registry, contexts */
#include "import.h"
#include "codecs.h"
#include "context.h"

#endif /* PYRS_PYTHON_H */

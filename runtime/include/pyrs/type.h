/* pyrs/type.h: internal interface of typeobject.c (type lookups and start-up helpers). */
#ifndef PYRS_TYPE_H
#define PYRS_TYPE_H

#include "Python.h"

/* The attribute NAME looked up along TYPE's MRO through the method cache: borrowed, NULL when
 * missing (never raises). Same as _PyType_Lookup. */
PyObject *pyrs_type_lookup(PyTypeObject *type, PyObject *name);

/* Adds the wrapper_descriptor entries of the C slots TYPE defines to DICT (used by
 * PyType_Ready); 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_type_add_operators(PyTypeObject *type, PyObject *dict);

/* Refills the C slots of heap type TYPE from the dunders found along its MRO after NAME was
 * set or deleted in its dict (NAME NULL: all slots). 0, or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_type_update_slots(PyTypeObject *type, PyObject *name);

/* "<module.Qualname object at 0x...>" default repr; new reference. */
PyObject *pyrs_type_object_repr(PyObject *self);

/* Check that SELF may be passed to a descriptor of TYPE: 0, or -1 with TypeError mentioning
 * DESCR_NAME ("descriptor 'x' for 'T' objects doesn't apply to a 'U' object"). */
PYRS_MUST_CHECK int pyrs_type_check_self(PyTypeObject *type, PyObject *descr_name, PyObject *self);

/* Zero-argument super(): to be defined by the VM (runtime/vm), declared weak here so the
 * runtime links before it exists. Stores new references to the frame's __class__ cell content
 * and its first argument, or returns -1 with RuntimeError ("super(): no arguments",
 * "super(): __class__ cell not found", ...). super.__init__ calls it when given no arguments. */
int pyrs_vm_super_args(PyObject **type, PyObject **obj) __attribute__((weak));

#endif /* PYRS_TYPE_H */

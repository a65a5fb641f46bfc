/* cpyext/modstate.c: PEP 3121's per-interpreter list of single-phase extension modules,
 * indexed by PyModuleDef.m_base.m_index (PyState_FindModule/AddModule/RemoveModule), with
 * the checks and messages of CPython 3.11's Python/pystate.c. pyrs has one interpreter. */
#include "Python.h"
#include "pyrs/cpyext.h"

static PyObject *modules_by_index; /* list; None marks a free slot */

int
pyrs_cpyext_state_add(PyObject *module, PyModuleDef *def)
{
    if (def->m_slots != NULL) {
        PyErr_SetString(PyExc_SystemError, "PyState_AddModule called on module with slots");
        return -1;
    }
    if (modules_by_index == NULL && (modules_by_index = PyList_New(0)) == NULL) {
        return -1;
    }
    Py_ssize_t index = def->m_base.m_index;
    while (PyList_GET_SIZE(modules_by_index) <= index) {
        if (PyList_Append(modules_by_index, Py_None) < 0) {
            return -1;
        }
    }
    return PyList_SetItem(modules_by_index, index, Py_NewRef(module));
}

PyObject *
PyState_FindModule(PyModuleDef *def)
{
    Py_ssize_t index = def->m_base.m_index;
    if (def->m_slots != NULL || index == 0 || modules_by_index == NULL ||
        index >= PyList_GET_SIZE(modules_by_index)) {
        return NULL;
    }
    PyObject *m = PyList_GET_ITEM(modules_by_index, index);
    return m == Py_None ? NULL : m; /* borrowed */
}

int
PyState_AddModule(PyObject *module, PyModuleDef *def)
{
    if (def == NULL) {
        Py_FatalError("module definition is NULL");
    }
    Py_ssize_t index = def->m_base.m_index;
    if (modules_by_index != NULL && index < PyList_GET_SIZE(modules_by_index) &&
        PyList_GET_ITEM(modules_by_index, index) == module) {
        Py_FatalError("module already added");
    }
    return pyrs_cpyext_state_add(module, def);
}

int
PyState_RemoveModule(PyModuleDef *def)
{
    if (def->m_slots != NULL) {
        PyErr_SetString(PyExc_SystemError, "PyState_RemoveModule called on module with slots");
        return -1;
    }
    Py_ssize_t index = def->m_base.m_index;
    if (index == 0) {
        Py_FatalError("invalid module index");
    }
    if (modules_by_index == NULL) {
        Py_FatalError("Interpreters module-list not accessible.");
    }
    if (index >= PyList_GET_SIZE(modules_by_index)) {
        Py_FatalError("Module index out of bounds.");
    }
    return PyList_SetItem(modules_by_index, index, Py_NewRef(Py_None));
}

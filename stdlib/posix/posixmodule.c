/* stdlib/posix/posixmodule.c: the posix module (what os.py star-imports on Linux): gathers the
 * function tables and types of the posix_*.c files into one module as CPython 3.11's
 * Modules/posixmodule.c does. */
#include "posix.h"

#include "ossignal.h"

static int
posix_exec(PyObject *m)
{
    PyMethodDef *tables[] = {
        pyrs_posix_fs_methods,    pyrs_posix_fd_methods,      pyrs_posix_proc_methods,
        pyrs_posix_misc_methods,  pyrs_posix_scandir_methods, pyrs_posix_consts_methods,
        pyrs_posix_extra_methods, pyrs_posix_linux_methods,   pyrs_posix_spawn_methods};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (PyModule_AddFunctions(m, tables[i]) < 0) {
            return -1;
        }
    }
    if (pyrs_posix_fs_init(m) < 0 || pyrs_posix_fd_init(m) < 0 || pyrs_posix_proc_init(m) < 0 ||
        pyrs_posix_misc_init(m) < 0 || pyrs_posix_scandir_init(m) < 0 ||
        pyrs_posix_consts_init(m) < 0 || pyrs_posix_extra_init(m) < 0 ||
        pyrs_posix_linux_init(m) < 0 || pyrs_posix_spawn_init(m) < 0) {
        return -1;
    }
    /* CPython ignores SIGPIPE and SIGXFSZ at start-up; make sure they are, whoever imports us. */
    return pyrs_signal_install_defaults();
}

static PyModuleDef_Slot posix_slots[] = {
    {Py_mod_exec, (void *)posix_exec},
    {0, NULL},
};

static PyModuleDef posix_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "posix",
    .m_doc = "Access to the operating system functionality standardized by POSIX; use the os "
             "module, which wraps it.",
    .m_size = 0,
    .m_slots = posix_slots,
};

PyMODINIT_FUNC PyInit_posix(void);

/* Module init (multi-phase): returns the definition, borrowed. */
PyMODINIT_FUNC
PyInit_posix(void)
{
    return PyModuleDef_Init(&posix_module);
}

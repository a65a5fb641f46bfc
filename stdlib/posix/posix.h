/* stdlib/posix/posix.h: what the files of the posix module share: their function tables, the
 * result types (stat_result, DirEntry, ...) and the module-level set-up each file contributes. */
#ifndef PYRS_POSIX_H
#define PYRS_POSIX_H

#include "Python.h"

#include <sys/stat.h>

#include "osutil.h"

#define PYRS_FASTCALL(f) (PyCFunction)(void (*)(void))(f)

/* Function tables, one per file, added to the module in order. */
extern PyMethodDef pyrs_posix_fs_methods[];      /* posix_fs.c: paths, stat, directories */
extern PyMethodDef pyrs_posix_fd_methods[];      /* posix_fd.c: file descriptors */
extern PyMethodDef pyrs_posix_proc_methods[];    /* posix_proc.c: processes and ids */
extern PyMethodDef pyrs_posix_misc_methods[];    /* posix_misc.c: environment, system info */
extern PyMethodDef pyrs_posix_scandir_methods[]; /* posix_scandir.c: scandir */
extern PyMethodDef pyrs_posix_consts_methods[];  /* posix_consts.c: sysconf & co. */
extern PyMethodDef pyrs_posix_extra_methods[];   /* posix_extra.c: less common calls */
extern PyMethodDef pyrs_posix_linux_methods[];   /* posix_linux.c: Linux-only calls */
extern PyMethodDef pyrs_posix_spawn_methods[];   /* posix_spawn.c: posix_spawn(p) */

/* os.stat_result built from ST (new reference), or NULL. */
PyObject *pyrs_posix_stat_result(const struct stat *st);

/* Per-file module set-up (types, constants); each 0 or -1 with an exception. */
PYRS_MUST_CHECK int pyrs_posix_fs_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_fd_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_proc_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_misc_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_scandir_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_consts_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_extra_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_linux_init(PyObject *m);
PYRS_MUST_CHECK int pyrs_posix_spawn_init(PyObject *m);

/* A NULL-terminated array of the FS-encoded items of the list or tuple SEQ (from
 * PySequence_Fast); *KEEP becomes a new list owning the bytes the pointers point into. Free
 * the array with PyMem_Free. NULL with an exception. */
char **pyrs_posix_argv_new(PyObject *seq, PyObject **keep);
/* The "KEY=VALUE" strings of mapping ENV, NULL-terminated, backed by bytes appended to KEEP;
 * ValueError for a name containing '='. Free with PyMem_Free. NULL with an exception. */
char **pyrs_posix_envp_new(PyObject *env, PyObject *keep);

/* ValueError "FUNC: cannot use fd and ARG together"-style checks for path_t arguments given
 * as a descriptor. 0 when the combination is valid, else -1 with ValueError. */
PYRS_MUST_CHECK int pyrs_posix_check_fd_combo(const char *func, const PyrsPath *p, int dir_fd,
                                              int follow_symlinks);

/* The priority of a posix.sched_param object (exactly that type, else TypeError "must have a
 * sched_param object") into *SP. 0 or -1. */
struct sched_param;
PYRS_MUST_CHECK int pyrs_posix_sched_param_from(PyObject *obj, struct sched_param *sp);

#endif /* PYRS_POSIX_H */

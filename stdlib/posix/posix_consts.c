/* stdlib/posix/posix_consts.c: the posix module's integer constants (O_*, W*, EX_*, SEEK_*,
 * ...), the sysconf/confstr/pathconf functions with their *_names tables, and
 * _have_functions, which os.py reads to build supports_dir_fd/supports_fd/... (CPython 3.11's
 * names and values; only the capabilities pyrs implements are listed). */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/xattr.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <sysexits.h>
#include <unistd.h>

#include "posix.h"

static const PyrsIntConst posix_constants[] = {
#ifdef F_OK
    {"F_OK", F_OK},
#endif
#ifdef R_OK
    {"R_OK", R_OK},
#endif
#ifdef W_OK
    {"W_OK", W_OK},
#endif
#ifdef X_OK
    {"X_OK", X_OK},
#endif
#ifdef NGROUPS_MAX
    {"NGROUPS_MAX", NGROUPS_MAX},
#endif
#ifdef TMP_MAX
    {"TMP_MAX", TMP_MAX},
#endif
#ifdef WCONTINUED
    {"WCONTINUED", WCONTINUED},
#endif
#ifdef WNOHANG
    {"WNOHANG", WNOHANG},
#endif
#ifdef WUNTRACED
    {"WUNTRACED", WUNTRACED},
#endif
#ifdef O_RDONLY
    {"O_RDONLY", O_RDONLY},
#endif
#ifdef O_WRONLY
    {"O_WRONLY", O_WRONLY},
#endif
#ifdef O_RDWR
    {"O_RDWR", O_RDWR},
#endif
#ifdef O_NDELAY
    {"O_NDELAY", O_NDELAY},
#endif
#ifdef O_NONBLOCK
    {"O_NONBLOCK", O_NONBLOCK},
#endif
#ifdef O_APPEND
    {"O_APPEND", O_APPEND},
#endif
#ifdef O_DSYNC
    {"O_DSYNC", O_DSYNC},
#endif
#ifdef O_RSYNC
    {"O_RSYNC", O_RSYNC},
#endif
#ifdef O_SYNC
    {"O_SYNC", O_SYNC},
#endif
#ifdef O_NOCTTY
    {"O_NOCTTY", O_NOCTTY},
#endif
#ifdef O_CREAT
    {"O_CREAT", O_CREAT},
#endif
#ifdef O_EXCL
    {"O_EXCL", O_EXCL},
#endif
#ifdef O_TRUNC
    {"O_TRUNC", O_TRUNC},
#endif
#ifdef O_LARGEFILE
    {"O_LARGEFILE", O_LARGEFILE},
#endif
#ifdef O_PATH
    {"O_PATH", O_PATH},
#endif
#ifdef O_TMPFILE
    {"O_TMPFILE", O_TMPFILE},
#endif
#ifdef PRIO_PROCESS
    {"PRIO_PROCESS", PRIO_PROCESS},
#endif
#ifdef PRIO_PGRP
    {"PRIO_PGRP", PRIO_PGRP},
#endif
#ifdef PRIO_USER
    {"PRIO_USER", PRIO_USER},
#endif
#ifdef O_CLOEXEC
    {"O_CLOEXEC", O_CLOEXEC},
#endif
#ifdef O_ACCMODE
    {"O_ACCMODE", O_ACCMODE},
#endif
#ifdef O_FSYNC
    {"O_FSYNC", O_FSYNC},
#endif
#ifdef SEEK_HOLE
    {"SEEK_HOLE", SEEK_HOLE},
#endif
#ifdef SEEK_DATA
    {"SEEK_DATA", SEEK_DATA},
#endif
#ifdef O_ASYNC
    {"O_ASYNC", O_ASYNC},
#endif
#ifdef O_DIRECT
    {"O_DIRECT", O_DIRECT},
#endif
#ifdef O_DIRECTORY
    {"O_DIRECTORY", O_DIRECTORY},
#endif
#ifdef O_NOFOLLOW
    {"O_NOFOLLOW", O_NOFOLLOW},
#endif
#ifdef O_NOATIME
    {"O_NOATIME", O_NOATIME},
#endif
#ifdef EX_OK
    {"EX_OK", EX_OK},
#endif
#ifdef EX_USAGE
    {"EX_USAGE", EX_USAGE},
#endif
#ifdef EX_DATAERR
    {"EX_DATAERR", EX_DATAERR},
#endif
#ifdef EX_NOINPUT
    {"EX_NOINPUT", EX_NOINPUT},
#endif
#ifdef EX_NOUSER
    {"EX_NOUSER", EX_NOUSER},
#endif
#ifdef EX_NOHOST
    {"EX_NOHOST", EX_NOHOST},
#endif
#ifdef EX_UNAVAILABLE
    {"EX_UNAVAILABLE", EX_UNAVAILABLE},
#endif
#ifdef EX_SOFTWARE
    {"EX_SOFTWARE", EX_SOFTWARE},
#endif
#ifdef EX_OSERR
    {"EX_OSERR", EX_OSERR},
#endif
#ifdef EX_OSFILE
    {"EX_OSFILE", EX_OSFILE},
#endif
#ifdef EX_CANTCREAT
    {"EX_CANTCREAT", EX_CANTCREAT},
#endif
#ifdef EX_IOERR
    {"EX_IOERR", EX_IOERR},
#endif
#ifdef EX_TEMPFAIL
    {"EX_TEMPFAIL", EX_TEMPFAIL},
#endif
#ifdef EX_PROTOCOL
    {"EX_PROTOCOL", EX_PROTOCOL},
#endif
#ifdef EX_NOPERM
    {"EX_NOPERM", EX_NOPERM},
#endif
#ifdef EX_CONFIG
    {"EX_CONFIG", EX_CONFIG},
#endif
#ifdef ST_RDONLY
    {"ST_RDONLY", ST_RDONLY},
#endif
#ifdef ST_NOSUID
    {"ST_NOSUID", ST_NOSUID},
#endif
#ifdef ST_NODEV
    {"ST_NODEV", ST_NODEV},
#endif
#ifdef ST_NOEXEC
    {"ST_NOEXEC", ST_NOEXEC},
#endif
#ifdef ST_SYNCHRONOUS
    {"ST_SYNCHRONOUS", ST_SYNCHRONOUS},
#endif
#ifdef ST_MANDLOCK
    {"ST_MANDLOCK", ST_MANDLOCK},
#endif
#ifdef ST_WRITE
    {"ST_WRITE", ST_WRITE},
#endif
#ifdef ST_APPEND
    {"ST_APPEND", ST_APPEND},
#endif
#ifdef ST_NOATIME
    {"ST_NOATIME", ST_NOATIME},
#endif
#ifdef ST_NODIRATIME
    {"ST_NODIRATIME", ST_NODIRATIME},
#endif
#ifdef ST_RELATIME
    {"ST_RELATIME", ST_RELATIME},
#endif
#ifdef POSIX_FADV_NORMAL
    {"POSIX_FADV_NORMAL", POSIX_FADV_NORMAL},
#endif
#ifdef POSIX_FADV_SEQUENTIAL
    {"POSIX_FADV_SEQUENTIAL", POSIX_FADV_SEQUENTIAL},
#endif
#ifdef POSIX_FADV_RANDOM
    {"POSIX_FADV_RANDOM", POSIX_FADV_RANDOM},
#endif
#ifdef POSIX_FADV_NOREUSE
    {"POSIX_FADV_NOREUSE", POSIX_FADV_NOREUSE},
#endif
#ifdef POSIX_FADV_WILLNEED
    {"POSIX_FADV_WILLNEED", POSIX_FADV_WILLNEED},
#endif
#ifdef POSIX_FADV_DONTNEED
    {"POSIX_FADV_DONTNEED", POSIX_FADV_DONTNEED},
#endif
#ifdef P_PID
    {"P_PID", P_PID},
#endif
#ifdef P_PGID
    {"P_PGID", P_PGID},
#endif
#ifdef P_ALL
    {"P_ALL", P_ALL},
#endif
#ifdef P_PIDFD
    {"P_PIDFD", P_PIDFD},
#endif
#ifdef WEXITED
    {"WEXITED", WEXITED},
#endif
#ifdef WNOWAIT
    {"WNOWAIT", WNOWAIT},
#endif
#ifdef WSTOPPED
    {"WSTOPPED", WSTOPPED},
#endif
#ifdef CLD_EXITED
    {"CLD_EXITED", CLD_EXITED},
#endif
#ifdef CLD_KILLED
    {"CLD_KILLED", CLD_KILLED},
#endif
#ifdef CLD_DUMPED
    {"CLD_DUMPED", CLD_DUMPED},
#endif
#ifdef CLD_TRAPPED
    {"CLD_TRAPPED", CLD_TRAPPED},
#endif
#ifdef CLD_STOPPED
    {"CLD_STOPPED", CLD_STOPPED},
#endif
#ifdef CLD_CONTINUED
    {"CLD_CONTINUED", CLD_CONTINUED},
#endif
#ifdef F_LOCK
    {"F_LOCK", F_LOCK},
#endif
#ifdef F_TLOCK
    {"F_TLOCK", F_TLOCK},
#endif
#ifdef F_ULOCK
    {"F_ULOCK", F_ULOCK},
#endif
#ifdef F_TEST
    {"F_TEST", F_TEST},
#endif
#ifdef RWF_DSYNC
    {"RWF_DSYNC", RWF_DSYNC},
#endif
#ifdef RWF_HIPRI
    {"RWF_HIPRI", RWF_HIPRI},
#endif
#ifdef RWF_SYNC
    {"RWF_SYNC", RWF_SYNC},
#endif
#ifdef RWF_NOWAIT
    {"RWF_NOWAIT", RWF_NOWAIT},
#endif
#ifdef RWF_APPEND
    {"RWF_APPEND", RWF_APPEND},
#endif
#ifdef SPLICE_F_MOVE
    {"SPLICE_F_MOVE", SPLICE_F_MOVE},
#endif
#ifdef SPLICE_F_NONBLOCK
    {"SPLICE_F_NONBLOCK", SPLICE_F_NONBLOCK},
#endif
#ifdef SPLICE_F_MORE
    {"SPLICE_F_MORE", SPLICE_F_MORE},
#endif
#ifdef SCHED_OTHER
    {"SCHED_OTHER", SCHED_OTHER},
#endif
#ifdef SCHED_FIFO
    {"SCHED_FIFO", SCHED_FIFO},
#endif
#ifdef SCHED_RR
    {"SCHED_RR", SCHED_RR},
#endif
#ifdef SCHED_BATCH
    {"SCHED_BATCH", SCHED_BATCH},
#endif
#ifdef SCHED_IDLE
    {"SCHED_IDLE", SCHED_IDLE},
#endif
#ifdef SCHED_RESET_ON_FORK
    {"SCHED_RESET_ON_FORK", SCHED_RESET_ON_FORK},
#endif
#ifdef XATTR_CREATE
    {"XATTR_CREATE", XATTR_CREATE},
#endif
#ifdef XATTR_REPLACE
    {"XATTR_REPLACE", XATTR_REPLACE},
#endif
#ifdef XATTR_SIZE_MAX
    {"XATTR_SIZE_MAX", XATTR_SIZE_MAX},
#endif
#ifdef RTLD_LAZY
    {"RTLD_LAZY", RTLD_LAZY},
#endif
#ifdef RTLD_NOW
    {"RTLD_NOW", RTLD_NOW},
#endif
#ifdef RTLD_GLOBAL
    {"RTLD_GLOBAL", RTLD_GLOBAL},
#endif
#ifdef RTLD_LOCAL
    {"RTLD_LOCAL", RTLD_LOCAL},
#endif
#ifdef RTLD_NODELETE
    {"RTLD_NODELETE", RTLD_NODELETE},
#endif
#ifdef RTLD_NOLOAD
    {"RTLD_NOLOAD", RTLD_NOLOAD},
#endif
#ifdef RTLD_DEEPBIND
    {"RTLD_DEEPBIND", RTLD_DEEPBIND},
#endif
#ifdef GRND_RANDOM
    {"GRND_RANDOM", GRND_RANDOM},
#endif
#ifdef GRND_NONBLOCK
    {"GRND_NONBLOCK", GRND_NONBLOCK},
#endif
#ifdef MFD_CLOEXEC
    {"MFD_CLOEXEC", MFD_CLOEXEC},
#endif
#ifdef MFD_ALLOW_SEALING
    {"MFD_ALLOW_SEALING", MFD_ALLOW_SEALING},
#endif
#ifdef EFD_CLOEXEC
    {"EFD_CLOEXEC", EFD_CLOEXEC},
#endif
#ifdef EFD_NONBLOCK
    {"EFD_NONBLOCK", EFD_NONBLOCK},
#endif
#ifdef EFD_SEMAPHORE
    {"EFD_SEMAPHORE", EFD_SEMAPHORE},
#endif
    {NULL, 0},
};

static const PyrsIntConst sysconf_table[] = {
    {"SC_2_CHAR_TERM", _SC_2_CHAR_TERM},
    {"SC_2_C_BIND", _SC_2_C_BIND},
    {"SC_2_C_DEV", _SC_2_C_DEV},
    {"SC_2_C_VERSION", _SC_2_C_VERSION},
    {"SC_2_FORT_DEV", _SC_2_FORT_DEV},
    {"SC_2_FORT_RUN", _SC_2_FORT_RUN},
    {"SC_2_LOCALEDEF", _SC_2_LOCALEDEF},
    {"SC_2_SW_DEV", _SC_2_SW_DEV},
    {"SC_2_UPE", _SC_2_UPE},
    {"SC_2_VERSION", _SC_2_VERSION},
    {"SC_AIO_LISTIO_MAX", _SC_AIO_LISTIO_MAX},
    {"SC_AIO_MAX", _SC_AIO_MAX},
    {"SC_AIO_PRIO_DELTA_MAX", _SC_AIO_PRIO_DELTA_MAX},
    {"SC_ARG_MAX", _SC_ARG_MAX},
    {"SC_ASYNCHRONOUS_IO", _SC_ASYNCHRONOUS_IO},
    {"SC_ATEXIT_MAX", _SC_ATEXIT_MAX},
    {"SC_AVPHYS_PAGES", _SC_AVPHYS_PAGES},
    {"SC_BC_BASE_MAX", _SC_BC_BASE_MAX},
    {"SC_BC_DIM_MAX", _SC_BC_DIM_MAX},
    {"SC_BC_SCALE_MAX", _SC_BC_SCALE_MAX},
    {"SC_BC_STRING_MAX", _SC_BC_STRING_MAX},
    {"SC_CHARCLASS_NAME_MAX", _SC_CHARCLASS_NAME_MAX},
    {"SC_CHAR_BIT", _SC_CHAR_BIT},
    {"SC_CHAR_MAX", _SC_CHAR_MAX},
    {"SC_CHAR_MIN", _SC_CHAR_MIN},
    {"SC_CHILD_MAX", _SC_CHILD_MAX},
    {"SC_CLK_TCK", _SC_CLK_TCK},
    {"SC_COLL_WEIGHTS_MAX", _SC_COLL_WEIGHTS_MAX},
    {"SC_DELAYTIMER_MAX", _SC_DELAYTIMER_MAX},
    {"SC_EQUIV_CLASS_MAX", _SC_EQUIV_CLASS_MAX},
    {"SC_EXPR_NEST_MAX", _SC_EXPR_NEST_MAX},
    {"SC_FSYNC", _SC_FSYNC},
    {"SC_GETGR_R_SIZE_MAX", _SC_GETGR_R_SIZE_MAX},
    {"SC_GETPW_R_SIZE_MAX", _SC_GETPW_R_SIZE_MAX},
    {"SC_INT_MAX", _SC_INT_MAX},
    {"SC_INT_MIN", _SC_INT_MIN},
    {"SC_IOV_MAX", _SC_IOV_MAX},
    {"SC_JOB_CONTROL", _SC_JOB_CONTROL},
    {"SC_LINE_MAX", _SC_LINE_MAX},
    {"SC_LOGIN_NAME_MAX", _SC_LOGIN_NAME_MAX},
    {"SC_LONG_BIT", _SC_LONG_BIT},
    {"SC_MAPPED_FILES", _SC_MAPPED_FILES},
    {"SC_MB_LEN_MAX", _SC_MB_LEN_MAX},
    {"SC_MEMLOCK", _SC_MEMLOCK},
    {"SC_MEMLOCK_RANGE", _SC_MEMLOCK_RANGE},
    {"SC_MEMORY_PROTECTION", _SC_MEMORY_PROTECTION},
    {"SC_MESSAGE_PASSING", _SC_MESSAGE_PASSING},
    {"SC_MINSIGSTKSZ", _SC_MINSIGSTKSZ},
    {"SC_MQ_OPEN_MAX", _SC_MQ_OPEN_MAX},
    {"SC_MQ_PRIO_MAX", _SC_MQ_PRIO_MAX},
    {"SC_NGROUPS_MAX", _SC_NGROUPS_MAX},
    {"SC_NL_ARGMAX", _SC_NL_ARGMAX},
    {"SC_NL_LANGMAX", _SC_NL_LANGMAX},
    {"SC_NL_MSGMAX", _SC_NL_MSGMAX},
    {"SC_NL_NMAX", _SC_NL_NMAX},
    {"SC_NL_SETMAX", _SC_NL_SETMAX},
    {"SC_NL_TEXTMAX", _SC_NL_TEXTMAX},
    {"SC_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF},
    {"SC_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN},
    {"SC_NZERO", _SC_NZERO},
    {"SC_OPEN_MAX", _SC_OPEN_MAX},
    {"SC_PAGESIZE", _SC_PAGESIZE},
    {"SC_PAGE_SIZE", _SC_PAGE_SIZE},
    {"SC_PASS_MAX", _SC_PASS_MAX},
    {"SC_PHYS_PAGES", _SC_PHYS_PAGES},
    {"SC_PII", _SC_PII},
    {"SC_PII_INTERNET", _SC_PII_INTERNET},
    {"SC_PII_INTERNET_DGRAM", _SC_PII_INTERNET_DGRAM},
    {"SC_PII_INTERNET_STREAM", _SC_PII_INTERNET_STREAM},
    {"SC_PII_OSI", _SC_PII_OSI},
    {"SC_PII_OSI_CLTS", _SC_PII_OSI_CLTS},
    {"SC_PII_OSI_COTS", _SC_PII_OSI_COTS},
    {"SC_PII_OSI_M", _SC_PII_OSI_M},
    {"SC_PII_SOCKET", _SC_PII_SOCKET},
    {"SC_PII_XTI", _SC_PII_XTI},
    {"SC_POLL", _SC_POLL},
    {"SC_PRIORITIZED_IO", _SC_PRIORITIZED_IO},
    {"SC_PRIORITY_SCHEDULING", _SC_PRIORITY_SCHEDULING},
    {"SC_REALTIME_SIGNALS", _SC_REALTIME_SIGNALS},
    {"SC_RE_DUP_MAX", _SC_RE_DUP_MAX},
    {"SC_RTSIG_MAX", _SC_RTSIG_MAX},
    {"SC_SAVED_IDS", _SC_SAVED_IDS},
    {"SC_SCHAR_MAX", _SC_SCHAR_MAX},
    {"SC_SCHAR_MIN", _SC_SCHAR_MIN},
    {"SC_SELECT", _SC_SELECT},
    {"SC_SEMAPHORES", _SC_SEMAPHORES},
    {"SC_SEM_NSEMS_MAX", _SC_SEM_NSEMS_MAX},
    {"SC_SEM_VALUE_MAX", _SC_SEM_VALUE_MAX},
    {"SC_SHARED_MEMORY_OBJECTS", _SC_SHARED_MEMORY_OBJECTS},
    {"SC_SHRT_MAX", _SC_SHRT_MAX},
    {"SC_SHRT_MIN", _SC_SHRT_MIN},
    {"SC_SIGQUEUE_MAX", _SC_SIGQUEUE_MAX},
    {"SC_SSIZE_MAX", _SC_SSIZE_MAX},
    {"SC_STREAM_MAX", _SC_STREAM_MAX},
    {"SC_SYNCHRONIZED_IO", _SC_SYNCHRONIZED_IO},
    {"SC_THREADS", _SC_THREADS},
    {"SC_THREAD_ATTR_STACKADDR", _SC_THREAD_ATTR_STACKADDR},
    {"SC_THREAD_ATTR_STACKSIZE", _SC_THREAD_ATTR_STACKSIZE},
    {"SC_THREAD_DESTRUCTOR_ITERATIONS", _SC_THREAD_DESTRUCTOR_ITERATIONS},
    {"SC_THREAD_KEYS_MAX", _SC_THREAD_KEYS_MAX},
    {"SC_THREAD_PRIORITY_SCHEDULING", _SC_THREAD_PRIORITY_SCHEDULING},
    {"SC_THREAD_PRIO_INHERIT", _SC_THREAD_PRIO_INHERIT},
    {"SC_THREAD_PRIO_PROTECT", _SC_THREAD_PRIO_PROTECT},
    {"SC_THREAD_PROCESS_SHARED", _SC_THREAD_PROCESS_SHARED},
    {"SC_THREAD_SAFE_FUNCTIONS", _SC_THREAD_SAFE_FUNCTIONS},
    {"SC_THREAD_STACK_MIN", _SC_THREAD_STACK_MIN},
    {"SC_THREAD_THREADS_MAX", _SC_THREAD_THREADS_MAX},
    {"SC_TIMERS", _SC_TIMERS},
    {"SC_TIMER_MAX", _SC_TIMER_MAX},
    {"SC_TTY_NAME_MAX", _SC_TTY_NAME_MAX},
    {"SC_TZNAME_MAX", _SC_TZNAME_MAX},
    {"SC_T_IOV_MAX", _SC_T_IOV_MAX},
    {"SC_UCHAR_MAX", _SC_UCHAR_MAX},
    {"SC_UINT_MAX", _SC_UINT_MAX},
    {"SC_UIO_MAXIOV", _SC_UIO_MAXIOV},
    {"SC_ULONG_MAX", _SC_ULONG_MAX},
    {"SC_USHRT_MAX", _SC_USHRT_MAX},
    {"SC_VERSION", _SC_VERSION},
    {"SC_WORD_BIT", _SC_WORD_BIT},
    {"SC_XBS5_ILP32_OFF32", _SC_XBS5_ILP32_OFF32},
    {"SC_XBS5_ILP32_OFFBIG", _SC_XBS5_ILP32_OFFBIG},
    {"SC_XBS5_LP64_OFF64", _SC_XBS5_LP64_OFF64},
    {"SC_XBS5_LPBIG_OFFBIG", _SC_XBS5_LPBIG_OFFBIG},
    {"SC_XOPEN_CRYPT", _SC_XOPEN_CRYPT},
    {"SC_XOPEN_ENH_I18N", _SC_XOPEN_ENH_I18N},
    {"SC_XOPEN_LEGACY", _SC_XOPEN_LEGACY},
    {"SC_XOPEN_REALTIME", _SC_XOPEN_REALTIME},
    {"SC_XOPEN_REALTIME_THREADS", _SC_XOPEN_REALTIME_THREADS},
    {"SC_XOPEN_SHM", _SC_XOPEN_SHM},
    {"SC_XOPEN_UNIX", _SC_XOPEN_UNIX},
    {"SC_XOPEN_VERSION", _SC_XOPEN_VERSION},
    {"SC_XOPEN_XCU_VERSION", _SC_XOPEN_XCU_VERSION},
    {"SC_XOPEN_XPG2", _SC_XOPEN_XPG2},
    {"SC_XOPEN_XPG3", _SC_XOPEN_XPG3},
    {"SC_XOPEN_XPG4", _SC_XOPEN_XPG4},
    {NULL, 0},
};

static const PyrsIntConst confstr_table[] = {
    {"CS_GNU_LIBC_VERSION", _CS_GNU_LIBC_VERSION},
    {"CS_GNU_LIBPTHREAD_VERSION", _CS_GNU_LIBPTHREAD_VERSION},
    {"CS_LFS64_CFLAGS", _CS_LFS64_CFLAGS},
    {"CS_LFS64_LDFLAGS", _CS_LFS64_LDFLAGS},
    {"CS_LFS64_LIBS", _CS_LFS64_LIBS},
    {"CS_LFS64_LINTFLAGS", _CS_LFS64_LINTFLAGS},
    {"CS_LFS_CFLAGS", _CS_LFS_CFLAGS},
    {"CS_LFS_LDFLAGS", _CS_LFS_LDFLAGS},
    {"CS_LFS_LIBS", _CS_LFS_LIBS},
    {"CS_LFS_LINTFLAGS", _CS_LFS_LINTFLAGS},
    {"CS_PATH", _CS_PATH},
    {"CS_XBS5_ILP32_OFF32_CFLAGS", _CS_XBS5_ILP32_OFF32_CFLAGS},
    {"CS_XBS5_ILP32_OFF32_LDFLAGS", _CS_XBS5_ILP32_OFF32_LDFLAGS},
    {"CS_XBS5_ILP32_OFF32_LIBS", _CS_XBS5_ILP32_OFF32_LIBS},
    {"CS_XBS5_ILP32_OFF32_LINTFLAGS", _CS_XBS5_ILP32_OFF32_LINTFLAGS},
    {"CS_XBS5_ILP32_OFFBIG_CFLAGS", _CS_XBS5_ILP32_OFFBIG_CFLAGS},
    {"CS_XBS5_ILP32_OFFBIG_LDFLAGS", _CS_XBS5_ILP32_OFFBIG_LDFLAGS},
    {"CS_XBS5_ILP32_OFFBIG_LIBS", _CS_XBS5_ILP32_OFFBIG_LIBS},
    {"CS_XBS5_ILP32_OFFBIG_LINTFLAGS", _CS_XBS5_ILP32_OFFBIG_LINTFLAGS},
    {"CS_XBS5_LP64_OFF64_CFLAGS", _CS_XBS5_LP64_OFF64_CFLAGS},
    {"CS_XBS5_LP64_OFF64_LDFLAGS", _CS_XBS5_LP64_OFF64_LDFLAGS},
    {"CS_XBS5_LP64_OFF64_LIBS", _CS_XBS5_LP64_OFF64_LIBS},
    {"CS_XBS5_LP64_OFF64_LINTFLAGS", _CS_XBS5_LP64_OFF64_LINTFLAGS},
    {"CS_XBS5_LPBIG_OFFBIG_CFLAGS", _CS_XBS5_LPBIG_OFFBIG_CFLAGS},
    {"CS_XBS5_LPBIG_OFFBIG_LDFLAGS", _CS_XBS5_LPBIG_OFFBIG_LDFLAGS},
    {"CS_XBS5_LPBIG_OFFBIG_LIBS", _CS_XBS5_LPBIG_OFFBIG_LIBS},
    {"CS_XBS5_LPBIG_OFFBIG_LINTFLAGS", _CS_XBS5_LPBIG_OFFBIG_LINTFLAGS},
    {NULL, 0},
};

static const PyrsIntConst pathconf_table[] = {
    {"PC_ALLOC_SIZE_MIN", _PC_ALLOC_SIZE_MIN},
    {"PC_ASYNC_IO", _PC_ASYNC_IO},
    {"PC_CHOWN_RESTRICTED", _PC_CHOWN_RESTRICTED},
    {"PC_FILESIZEBITS", _PC_FILESIZEBITS},
    {"PC_LINK_MAX", _PC_LINK_MAX},
    {"PC_MAX_CANON", _PC_MAX_CANON},
    {"PC_MAX_INPUT", _PC_MAX_INPUT},
    {"PC_NAME_MAX", _PC_NAME_MAX},
    {"PC_NO_TRUNC", _PC_NO_TRUNC},
    {"PC_PATH_MAX", _PC_PATH_MAX},
    {"PC_PIPE_BUF", _PC_PIPE_BUF},
    {"PC_PRIO_IO", _PC_PRIO_IO},
    {"PC_REC_INCR_XFER_SIZE", _PC_REC_INCR_XFER_SIZE},
    {"PC_REC_MAX_XFER_SIZE", _PC_REC_MAX_XFER_SIZE},
    {"PC_REC_MIN_XFER_SIZE", _PC_REC_MIN_XFER_SIZE},
    {"PC_REC_XFER_ALIGN", _PC_REC_XFER_ALIGN},
    {"PC_SOCK_MAXBUF", _PC_SOCK_MAXBUF},
    {"PC_SYMLINK_MAX", _PC_SYMLINK_MAX},
    {"PC_SYNC_IO", _PC_SYNC_IO},
    {"PC_VDISABLE", _PC_VDISABLE},
    {NULL, 0},
};

/* The HAVE_* capabilities of the functions pyrs provides, in CPython's order. */
static const char *const have_functions[] = {
    "HAVE_EVENTFD",
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FEXECVE",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_FUTIMES",
    "HAVE_FUTIMESAT",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_LUTIMES",
    "HAVE_MEMFD_CREATE",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
    NULL,
};

/* A configuration name: an int, or a str looked up in TABLE. 0, or -1 with CPython's errors. */
static int
conf_name(PyObject *arg, const PyrsIntConst *table, int *out)
{
    if (PyLong_Check(arg)) {
        *out = _PyLong_AsInt(arg);
        return *out == -1 && PyErr_Occurred() ? -1 : 0;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "configuration names must be strings or integers");
        return -1;
    }
    const char *s = PyUnicode_AsUTF8(arg);
    if (s == NULL) {
        return -1;
    }
    for (; table->name != NULL; table++) {
        if (strcmp(table->name, s) == 0) {
            *out = (int)table->value;
            return 0;
        }
    }
    PyErr_SetString(PyExc_ValueError, "unrecognized configuration name");
    return -1;
}

static PyObject *
posix_sysconf(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int name;
    if (conf_name(arg, sysconf_table, &name) < 0) {
        return NULL;
    }
    errno = 0;
    long v = sysconf(name);
    if (v == -1 && errno != 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(v);
}

static PyObject *
posix_confstr(PyObject *Py_UNUSED(m), PyObject *arg)
{
    int name;
    if (conf_name(arg, confstr_table, &name) < 0) {
        return NULL;
    }
    char buf[256];
    errno = 0;
    size_t n = confstr(name, buf, sizeof buf);
    if (n == 0) {
        if (errno != 0) {
            return pyrs_osutil_errno();
        }
        Py_RETURN_NONE;
    }
    if (n > sizeof buf) {
        char *big = PyMem_Malloc(n);
        if (big == NULL) {
            return PyErr_NoMemory();
        }
        (void)confstr(name, big, n);
        PyObject *res = PyUnicode_DecodeFSDefaultAndSize(big, (Py_ssize_t)n - 1);
        PyMem_Free(big);
        return res;
    }
    return PyUnicode_DecodeFSDefaultAndSize(buf, (Py_ssize_t)n - 1);
}

static PyObject *
posix_fpathconf(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs)
{
    int name;
    if (!_PyArg_CheckPositional("fpathconf", nargs, 2, 2) ||
        conf_name(args[1], pathconf_table, &name) < 0) {
        return NULL;
    }
    int fd = pyrs_osutil_fileno(args[0]);
    if (fd < 0) {
        return NULL;
    }
    errno = 0;
    long v = fpathconf(fd, name);
    if (v == -1 && errno != 0) {
        return pyrs_osutil_errno();
    }
    return PyLong_FromLong(v);
}

static PyObject *
posix_pathconf(PyObject *Py_UNUSED(m), PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"path", "name", NULL};
    static const PyrsArgSpec spec = {"pathconf", names, 2, 2};
    PyObject *a[2];
    PyrsPath p = {.function_name = "pathconf", .allow_fd = 1};
    PyObject *res = NULL;
    int name;
    if (pyrs_osutil_unpack(&spec, args, nargs, kwnames, a) < 0 ||
        pyrs_osutil_path_init(&p, a[0]) < 0 || conf_name(a[1], pathconf_table, &name) < 0) {
        goto done;
    }
    errno = 0;
    long v = p.narrow != NULL ? pathconf(p.narrow, name) : fpathconf(p.fd, name);
    res = v == -1 && errno != 0 ? pyrs_osutil_path_error(&p) : PyLong_FromLong(v);
done:
    pyrs_osutil_path_clear(&p);
    return res;
}

static PyObject *
names_dict(const PyrsIntConst *table)
{
    PyObject *d = PyDict_New();
    for (; d != NULL && table->name != NULL; table++) {
        PyObject *v = PyLong_FromLong(table->value);
        if (v == NULL || PyDict_SetItemString(d, table->name, v) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(v);
    }
    return d;
}

static int
add_names(PyObject *m, const char *attr, const PyrsIntConst *table)
{
    PyObject *d = names_dict(table);
    if (d == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(m, attr, d);
    Py_DECREF(d);
    return rc;
}

static int
add_have_functions(PyObject *m)
{
    PyObject *list = PyList_New(0);
    for (const char *const *h = have_functions; list != NULL && *h != NULL; h++) {
        PyObject *s = PyUnicode_FromString(*h);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(s);
    }
    if (list == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(m, "_have_functions", list);
    Py_DECREF(list);
    return rc;
}

PyMethodDef pyrs_posix_consts_methods[] = {
    {"sysconf", posix_sysconf, METH_O, "A system configuration value (by name or number)."},
    {"confstr", posix_confstr, METH_O, "A system configuration string, or None."},
    {"fpathconf", PYRS_FASTCALL(posix_fpathconf), METH_FASTCALL,
     "A configuration limit of an open file."},
    {"pathconf", PYRS_FASTCALL(posix_pathconf), METH_FASTCALL | METH_KEYWORDS,
     "A configuration limit of a path."},
    {NULL, NULL, 0, NULL},
};

int
pyrs_posix_consts_init(PyObject *m)
{
    if (pyrs_osutil_add_ints(m, posix_constants) < 0) {
        return -1;
    }
    if (add_names(m, "sysconf_names", sysconf_table) < 0 ||
        add_names(m, "confstr_names", confstr_table) < 0 ||
        add_names(m, "pathconf_names", pathconf_table) < 0) {
        return -1;
    }
    return add_have_functions(m);
}

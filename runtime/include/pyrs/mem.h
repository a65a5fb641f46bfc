/* pyrs/mem.h: internal memory hooks of mem.c (fault injection for tests, statistics). */
#ifndef PYRS_MEM_H
#define PYRS_MEM_H

#include "pyrs/port.h"

/* Make the Nth allocation from now (1 = the next one) through PyMem_* / PyObject_* fail;
 * 0 disables. Raw allocations are never failed. Test hook only. */
void pyrs_mem_fail_after(long n);
/* Number of allocations that the hook has failed since start-up. */
long pyrs_mem_failed_count(void);

#endif /* PYRS_MEM_H */

/* _collections/collections.h: the types the _collections module's files share (deque.c,
 * defaultdict.c, module.c). Internal to stdlib/_collections. */
#ifndef PYRS_STDLIB_COLLECTIONS_H
#define PYRS_STDLIB_COLLECTIONS_H

#include "Python.h"

extern PyTypeObject pyrs_collections_deque_type;
extern PyTypeObject pyrs_collections_dequeiter_type;
extern PyTypeObject pyrs_collections_dequereviter_type;
extern PyTypeObject pyrs_collections_defdict_type;
extern PyTypeObject pyrs_collections_odict_type;

/* odict.c: fills OrderedDict's slots that come from dict and readies its types. 0 or -1. */
int pyrs_collections_odict_ready(void);

#endif /* PYRS_STDLIB_COLLECTIONS_H */

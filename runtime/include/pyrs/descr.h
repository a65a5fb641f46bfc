/* pyrs/descr.h: internal helpers of descrobject.c and methodobject.c. */
#ifndef PYRS_DESCR_H
#define PYRS_DESCR_H

#include "Python.h"

/* __doc__ from an internal doc string that may start with "NAME(sig)\n--\n\n": new reference
 * (None when DOC is NULL). */
PyObject *pyrs_descr_doc_from_internal(const char *name, const char *doc);
/* __text_signature__ "(sig)" from such a doc string: new reference, None when absent. */
PyObject *pyrs_descr_text_signature(const char *name, const char *doc);

#endif /* PYRS_DESCR_H */

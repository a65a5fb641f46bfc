/* objimpl.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_OBJIMPL_H
#define PYRS_OBJIMPL_H
#endif

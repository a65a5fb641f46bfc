/* weakrefobject.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_WEAKREFOBJECT_H
#define PYRS_WEAKREFOBJECT_H
#endif

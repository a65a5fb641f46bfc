/* complexobject.h: owned by the numbers work (placeholder until it lands). */
#ifndef PYRS_COMPLEXOBJECT_H
#define PYRS_COMPLEXOBJECT_H
#endif

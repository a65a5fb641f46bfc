/* sliceobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_SLICEOBJECT_H
#define PYRS_SLICEOBJECT_H
#endif

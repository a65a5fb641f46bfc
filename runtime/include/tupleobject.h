/* tupleobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_TUPLEOBJECT_H
#define PYRS_TUPLEOBJECT_H
#endif

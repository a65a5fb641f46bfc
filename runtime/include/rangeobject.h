/* rangeobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_RANGEOBJECT_H
#define PYRS_RANGEOBJECT_H
#endif

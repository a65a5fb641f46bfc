/* iterobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_ITEROBJECT_H
#define PYRS_ITEROBJECT_H
#endif

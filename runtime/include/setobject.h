/* setobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_SETOBJECT_H
#define PYRS_SETOBJECT_H
#endif

/* listobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_LISTOBJECT_H
#define PYRS_LISTOBJECT_H
#endif

/* dictobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_DICTOBJECT_H
#define PYRS_DICTOBJECT_H
#endif

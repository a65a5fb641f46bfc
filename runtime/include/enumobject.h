/* enumobject.h: owned by the containers work (placeholder until it lands). */
#ifndef PYRS_ENUMOBJECT_H
#define PYRS_ENUMOBJECT_H
#endif

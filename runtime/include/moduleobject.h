/* moduleobject.h: owned by the typesystem work (placeholder until it lands). */
#ifndef PYRS_MODULEOBJECT_H
#define PYRS_MODULEOBJECT_H
#endif

/* descrobject.h: owned by the typesystem work (placeholder until it lands). */
#ifndef PYRS_DESCROBJECT_H
#define PYRS_DESCROBJECT_H
#endif

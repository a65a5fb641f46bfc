/* abstract.h: owned by the typesystem work (placeholder until it lands). */
#ifndef PYRS_ABSTRACT_H
#define PYRS_ABSTRACT_H
#endif

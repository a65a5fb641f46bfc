/* structmember.h: owned by the typesystem work (placeholder until it lands). */
#ifndef PYRS_STRUCTMEMBER_H
#define PYRS_STRUCTMEMBER_H
#endif

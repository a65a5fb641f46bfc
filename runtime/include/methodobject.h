/* methodobject.h: owned by the typesystem work (placeholder until it lands). */
#ifndef PYRS_METHODOBJECT_H
#define PYRS_METHODOBJECT_H
#endif

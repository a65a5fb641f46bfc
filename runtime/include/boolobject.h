/* boolobject.h: owned by the numbers work (placeholder until it lands). */
#ifndef PYRS_BOOLOBJECT_H
#define PYRS_BOOLOBJECT_H
#endif

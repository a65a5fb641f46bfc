/* floatobject.h: owned by the numbers work (placeholder until it lands). */
#ifndef PYRS_FLOATOBJECT_H
#define PYRS_FLOATOBJECT_H
#endif

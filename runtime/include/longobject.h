/* longobject.h: owned by the numbers work (placeholder until it lands). */
#ifndef PYRS_LONGOBJECT_H
#define PYRS_LONGOBJECT_H
#endif

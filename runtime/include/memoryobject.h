/* memoryobject.h: owned by the text work (placeholder until it lands). */
#ifndef PYRS_MEMORYOBJECT_H
#define PYRS_MEMORYOBJECT_H
#endif

/* bytearrayobject.h: owned by the text work (placeholder until it lands). */
#ifndef PYRS_BYTEARRAYOBJECT_H
#define PYRS_BYTEARRAYOBJECT_H
#endif

/* bytesobject.h: owned by the text work (placeholder until it lands). */
#ifndef PYRS_BYTESOBJECT_H
#define PYRS_BYTESOBJECT_H
#endif

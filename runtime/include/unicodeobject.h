/* unicodeobject.h: owned by the text work (placeholder until it lands). */
#ifndef PYRS_UNICODEOBJECT_H
#define PYRS_UNICODEOBJECT_H
#endif

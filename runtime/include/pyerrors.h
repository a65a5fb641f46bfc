/* pyerrors.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_PYERRORS_H
#define PYRS_PYERRORS_H
#endif

/* pystate.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_PYSTATE_H
#define PYRS_PYSTATE_H
#endif

/* pyhash.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_PYHASH_H
#define PYRS_PYHASH_H
#endif

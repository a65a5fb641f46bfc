/* pymem.h: owned by the core work (placeholder until it lands). */
#ifndef PYRS_PYMEM_H
#define PYRS_PYMEM_H
#endif

// OpenBLAS's CBLAS interface (Debian's libopenblas-dev) and its thread controls.
#ifndef REFLECTION_COPENBLAS_SHIM_H
#define REFLECTION_COPENBLAS_SHIM_H
#include <cblas.h>
#endif

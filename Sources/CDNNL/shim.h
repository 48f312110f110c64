// oneDNN's C API (Debian's libdnnl-dev, oneDNN 2.6: an op desc, then a primitive desc).
#ifndef REFLECTION_CDNNL_SHIM_H
#define REFLECTION_CDNNL_SHIM_H
#include <oneapi/dnnl/dnnl.h>
#endif

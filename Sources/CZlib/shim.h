#ifndef CDSCAN_CZLIB_SHIM_H
#define CDSCAN_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit and deflateInit are macros (they pass the library version and the stream's size), which
// Swift cannot call: each gets a plain function here.

static inline int cdscan_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}

static inline int cdscan_deflate_init(z_stream *stream, int level) {
    return deflateInit(stream, level);
}

#endif

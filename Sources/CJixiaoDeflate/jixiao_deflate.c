#include "jixiao_deflate.h"
#include <limits.h>
#include <zlib.h>

size_t jixiao_deflate_bound(size_t length) {
    // zlib's bound for its own format, which adds a 6-byte header and trailer
    // that raw DEFLATE leaves out: an upper bound at every level.
    return compressBound((uLong)length);
}

long jixiao_deflate_raw(const unsigned char *input, size_t length, int level, unsigned char *output) {
    // zlib counts in 32-bit lengths, and a ZIP entry without ZIP64 holds no more.
    size_t capacity = jixiao_deflate_bound(length);
    if (length >= UINT_MAX || capacity >= UINT_MAX) return -1;
    z_stream stream = {0};
    // Negative window bits: raw DEFLATE, without the zlib header and trailer.
    if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    stream.next_in = (unsigned char *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    // The output has room for all of it: one call finishes the stream.
    int status = deflate(&stream, Z_FINISH);
    long written = (long)stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? written : -1;
}

unsigned long jixiao_crc32(const unsigned char *bytes, size_t length) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        uInt chunk = length > (1u << 30) ? (1u << 30) : (uInt)length;
        crc = crc32(crc, bytes, chunk);
        bytes += chunk;
        length -= chunk;
    }
    return crc;
}

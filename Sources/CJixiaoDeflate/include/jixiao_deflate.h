#ifndef JIXIAO_DEFLATE_H
#define JIXIAO_DEFLATE_H

#include <stddef.h>

/// The most bytes jixiao_deflate_raw can write for `length` input bytes.
size_t jixiao_deflate_bound(size_t length);

/// Raw DEFLATE (RFC 1951, the form ZIP stores) of `length` bytes at zlib's
/// `level` (1 fastest … 9 smallest) into `output`, which holds
/// jixiao_deflate_bound(length) bytes. Returns the compressed length, or -1
/// when zlib fails or the input is 4 GiB or more.
long jixiao_deflate_raw(const unsigned char *input, size_t length, int level, unsigned char *output);

/// The CRC-32 ZIP records for each entry.
unsigned long jixiao_crc32(const unsigned char *bytes, size_t length);

#endif

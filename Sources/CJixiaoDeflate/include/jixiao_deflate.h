#ifndef JIXIAO_DEFLATE_H
#define JIXIAO_DEFLATE_H

#include <stddef.h>

/// A raw DEFLATE stream (RFC 1951, the form ZIP stores) that compresses its
/// input as it is written, so a large file never has to exist uncompressed all
/// at once. It also counts the input and its CRC-32, which ZIP records.
typedef struct jixiao_deflater jixiao_deflater;

/// A new stream; NULL when memory fails. Its output depends on its input alone
/// (see deflate_encoder.c): not on the processor, nor on how the input is split
/// into writes.
jixiao_deflater *jixiao_deflater_new(void);

/// Compresses `length` more bytes; `finish` ends the stream after them.
/// Returns 0, or -1 when memory fails (the stream is then unusable).
int jixiao_deflater_write(jixiao_deflater *deflater, const unsigned char *input, size_t length, int finish);

/// The compressed bytes so far.
const unsigned char *jixiao_deflater_output(const jixiao_deflater *deflater, size_t *length);

/// The CRC-32 and the length of all input so far.
unsigned long jixiao_deflater_crc32(const jixiao_deflater *deflater);
size_t jixiao_deflater_input_length(const jixiao_deflater *deflater);

void jixiao_deflater_free(jixiao_deflater *deflater);

/// Compresses `length` bytes on their own into a raw DEFLATE
/// segment that ends on a byte boundary: with an empty stored block (a sync
/// flush), or with the final block when `last`. Segments made so, the last one
/// last, joined one after another are one valid stream, so a file's unchanged
/// parts can be copied from an earlier file without compressing them again.
/// Returns the bytes (to be released with `free`) and their count in
/// `output_length`, or NULL when memory fails.
unsigned char *jixiao_deflate_segment(const unsigned char *input, size_t length, int last, size_t *output_length);

/// The CRC-32 (ZIP's and zlib's) of `length` more bytes after `crc` (0 to start).
unsigned long jixiao_crc32(unsigned long crc, const unsigned char *bytes, size_t length);

/// The CRC-32 of two byte strings joined, from each one's CRC and the second's length.
unsigned long jixiao_crc32_combine(unsigned long first, unsigned long second, size_t second_length);

#endif

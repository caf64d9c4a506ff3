#ifndef JIXIAO_SHA256_H
#define JIXIAO_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs SHA-256's compression function (FIPS 180-4) over `blocks` 64-byte blocks
/// of `data`, updating `state` (the eight hash words). With the x86 SHA
/// extensions when the processor has them (about five times as fast), else in
/// portable C: the same result either way.
void jixiao_sha256_blocks(uint32_t state[8], const unsigned char *data, size_t blocks);

/// The portable C version alone, so tests can compare the two.
void jixiao_sha256_blocks_portable(uint32_t state[8], const unsigned char *data, size_t blocks);

/// 1 when `jixiao_sha256_blocks` uses the SHA extensions on this processor.
int jixiao_sha256_uses_extensions(void);

#endif

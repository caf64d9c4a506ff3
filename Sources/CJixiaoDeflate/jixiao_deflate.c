#include "jixiao_deflate.h"
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

// DEFLATE by Intel's ISA-L (igzip): it compresses a scores sheet about five times
// as fast as zlib's level 1. The level is the caller's (ZIPWriter.compressionLevel:
// 0, as levels 1 and 2 do not always give the same bytes for the same input).
// zlib remains for combining CRCs.

/// ISA-L's counts are 32-bit: input and output are handed over in pieces below this.
static const size_t piece = (size_t)1 << 30;

/// The working memory `level` needs beside the stream (none at level 0).
static uint32_t level_buffer_size(int level) {
    switch (level) {
    case 0: return 0;
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    default: return ISAL_DEF_LVL3_DEFAULT;
    }
}

/// A raw DEFLATE stream at `level` (0 … 3) with its working memory; NULL when out of memory.
static struct isal_zstream *stream_new(int level) {
    if (level < 0 || level > ISAL_DEF_MAX_LEVEL) return NULL;
    struct isal_zstream *stream = malloc(sizeof(struct isal_zstream));
    if (stream == NULL) return NULL;
    isal_deflate_init(stream); // raw DEFLATE (gzip_flag IGZIP_DEFLATE), 32 KB history
    stream->level = (uint32_t)level;
    stream->level_buf_size = level_buffer_size(level);
    stream->level_buf = NULL;
    if (stream->level_buf_size > 0 && (stream->level_buf = malloc(stream->level_buf_size)) == NULL) {
        free(stream);
        return NULL;
    }
    return stream;
}

static void stream_free(struct isal_zstream *stream) {
    if (stream == NULL) return;
    free(stream->level_buf);
    free(stream);
}

/// Output kept growing as `stream` writes into it.
struct output {
    unsigned char *bytes;
    size_t capacity;
    size_t length;
};

/// Compresses what `stream` holds as input (its `flush` and `end_of_stream` set)
/// into `output`, growing it, until the input is taken and, as asked, flushed or
/// the stream ended. Returns 0, or -1 when ISA-L or memory fails.
static int compress_into(struct isal_zstream *stream, struct output *output) {
    for (;;) {
        if (output->capacity - output->length < 1024) {
            size_t capacity = output->capacity < 65536 ? 131072 : output->capacity * 2;
            unsigned char *grown = realloc(output->bytes, capacity);
            if (grown == NULL) return -1;
            output->bytes = grown;
            output->capacity = capacity;
        }
        size_t room = output->capacity - output->length;
        stream->next_out = output->bytes + output->length;
        stream->avail_out = (uint32_t)(room > piece ? piece : room);
        uint32_t offered = stream->avail_out;
        if (isal_deflate(stream) != COMP_OK) return -1;
        output->length += offered - stream->avail_out;
        if (stream->avail_in > 0) continue;
        if (stream->end_of_stream) {
            if (stream->internal_state.state == ZSTATE_END) return 0;
        } else if (stream->avail_out > 0) {
            // Room left: all taken and, for a flush, flushed (ISA-L returns only when
            // it is done or the output is full).
            return 0;
        }
    }
}

struct jixiao_deflater {
    struct isal_zstream *stream;
    struct output output;
    size_t input_length;
    uint32_t crc;
};

jixiao_deflater *jixiao_deflater_new(int level) {
    jixiao_deflater *deflater = calloc(1, sizeof(jixiao_deflater));
    if (deflater == NULL) return NULL;
    if ((deflater->stream = stream_new(level)) == NULL) {
        free(deflater);
        return NULL;
    }
    return deflater;
}

int jixiao_deflater_write(jixiao_deflater *deflater, const unsigned char *input, size_t length, int finish) {
    do {
        size_t chunk = length > piece ? piece : length;
        // The CRC of no bytes would be the initial value, not the CRC so far (and the
        // last call of a stream may pass no input at all).
        if (chunk > 0) deflater->crc = crc32_gzip_refl(deflater->crc, input, chunk);
        deflater->stream->next_in = (uint8_t *)input;
        deflater->stream->avail_in = (uint32_t)chunk;
        input += chunk;
        length -= chunk;
        deflater->input_length += chunk;
        deflater->stream->flush = NO_FLUSH;
        deflater->stream->end_of_stream = finish && length == 0;
        if (compress_into(deflater->stream, &deflater->output) != 0) return -1;
    } while (length > 0);
    return 0;
}

const unsigned char *jixiao_deflater_output(const jixiao_deflater *deflater, size_t *length) {
    *length = deflater->output.length;
    return deflater->output.bytes;
}

unsigned long jixiao_deflater_crc32(const jixiao_deflater *deflater) { return deflater->crc; }

size_t jixiao_deflater_input_length(const jixiao_deflater *deflater) { return deflater->input_length; }

void jixiao_deflater_free(jixiao_deflater *deflater) {
    if (deflater == NULL) return;
    stream_free(deflater->stream);
    free(deflater->output.bytes);
    free(deflater);
}

unsigned char *jixiao_deflate_segment(int level, const unsigned char *input, size_t length, int last,
                                      size_t *output_length) {
    // Segments are small (sixteen units' rows).
    if (length > piece) return NULL;
    struct isal_zstream *stream = stream_new(level);
    if (stream == NULL) return NULL;
    stream->next_in = (uint8_t *)input;
    stream->avail_in = (uint32_t)length;
    // A sync flush ends on a byte boundary with an empty stored block, like zlib's.
    stream->flush = last ? NO_FLUSH : SYNC_FLUSH;
    stream->end_of_stream = last ? 1 : 0;
    // Room for the input stored as it is, so the output is grown at most rarely.
    struct output output = {.bytes = malloc(length + length / 8 + 1024), .capacity = length + length / 8 + 1024};
    int failed = output.bytes == NULL || compress_into(stream, &output) != 0;
    stream_free(stream);
    if (failed) {
        free(output.bytes);
        return NULL;
    }
    *output_length = output.length;
    return output.bytes;
}

unsigned long jixiao_crc32(unsigned long crc, const unsigned char *bytes, size_t length) {
    while (length > 0) {
        size_t chunk = length > piece ? piece : length;
        crc = crc32_gzip_refl((uint32_t)crc, bytes, chunk);
        bytes += chunk;
        length -= chunk;
    }
    return crc;
}

unsigned long jixiao_crc32_combine(unsigned long first, unsigned long second, size_t second_length) {
    return crc32_combine(first, second, (z_off_t)second_length);
}

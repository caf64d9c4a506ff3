#include "jixiao_deflate.h"
#include <stdlib.h>
#include <zlib.h>

struct jixiao_deflater {
    z_stream stream;
    unsigned char *output;
    size_t capacity;
    size_t input_length;
    uLong crc;
};

jixiao_deflater *jixiao_deflater_new(int level) {
    jixiao_deflater *deflater = calloc(1, sizeof(jixiao_deflater));
    if (deflater == NULL) return NULL;
    // Negative window bits: raw DEFLATE, without the zlib header and trailer.
    if (deflateInit2(&deflater->stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(deflater);
        return NULL;
    }
    deflater->crc = crc32(0L, Z_NULL, 0);
    return deflater;
}

int jixiao_deflater_write(jixiao_deflater *deflater, const unsigned char *input, size_t length, int finish) {
    z_stream *stream = &deflater->stream;
    const size_t piece = (size_t)1 << 30;   // zlib counts in 32-bit lengths
    do {
        size_t chunk = length > piece ? piece : length;
        stream->next_in = (unsigned char *)input;
        stream->avail_in = (uInt)chunk;
        // crc32 with no bytes would return its initial value, not the CRC so far
        // (and the last call of a stream may pass no input at all).
        if (chunk > 0) {
            deflater->crc = crc32(deflater->crc, input, (uInt)chunk);
            input += chunk;
        }
        deflater->input_length += chunk;
        length -= chunk;
        int flush = finish && length == 0 ? Z_FINISH : Z_NO_FLUSH;
        int status;
        do {
            size_t used = stream->total_out;
            if (deflater->capacity - used < 65536) {
                size_t capacity = deflater->capacity < 65536 ? 131072 : deflater->capacity * 2;
                unsigned char *grown = realloc(deflater->output, capacity);
                if (grown == NULL) return -1;
                deflater->output = grown;
                deflater->capacity = capacity;
            }
            size_t room = deflater->capacity - used;
            stream->next_out = deflater->output + used;
            stream->avail_out = (uInt)(room > piece ? piece : room);
            status = deflate(stream, flush);
            if (status == Z_STREAM_ERROR) return -1;
        } while (stream->avail_in > 0 || (flush == Z_FINISH && status != Z_STREAM_END));
    } while (length > 0);
    return 0;
}

const unsigned char *jixiao_deflater_output(const jixiao_deflater *deflater, size_t *length) {
    *length = deflater->stream.total_out;
    return deflater->output;
}

unsigned long jixiao_deflater_crc32(const jixiao_deflater *deflater) { return deflater->crc; }

size_t jixiao_deflater_input_length(const jixiao_deflater *deflater) { return deflater->input_length; }

void jixiao_deflater_free(jixiao_deflater *deflater) {
    if (deflater == NULL) return;
    deflateEnd(&deflater->stream);
    free(deflater->output);
    free(deflater);
}

unsigned char *jixiao_deflate_segment(int level, const unsigned char *input, size_t length, int last,
                                      size_t *output_length) {
    // Segments are small (one unit's rows); zlib counts in 32-bit lengths.
    if (length > ((size_t)1 << 30)) return NULL;
    z_stream stream = {0};
    if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    // The bound of one whole stream, and room for the flush's empty stored block;
    // grown if zlib still has output left (it should not).
    size_t capacity = deflateBound(&stream, (uLong)length) + 16;
    unsigned char *output = malloc(capacity);
    int status = Z_OK;
    stream.next_in = (unsigned char *)input;
    stream.avail_in = (uInt)length;
    while (output != NULL) {
        stream.next_out = output + stream.total_out;
        stream.avail_out = (uInt)(capacity - stream.total_out);
        status = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH);
        // Done: the stream ended, or the flush fit with room to spare.
        if (status == Z_STREAM_ERROR || status == Z_STREAM_END || (!last && stream.avail_out > 0)) break;
        unsigned char *grown = realloc(output, capacity * 2);
        if (grown == NULL) {
            free(output);
            output = NULL;
            break;
        }
        output = grown;
        capacity *= 2;
    }
    int complete = output != NULL && (last ? status == Z_STREAM_END : (status == Z_OK || status == Z_BUF_ERROR) && stream.avail_in == 0);
    *output_length = stream.total_out;
    deflateEnd(&stream);
    if (!complete) {
        free(output);
        return NULL;
    }
    return output;
}

unsigned long jixiao_crc32(unsigned long crc, const unsigned char *bytes, size_t length) {
    while (length > 0) {
        uInt chunk = length > ((size_t)1 << 30) ? (uInt)1 << 30 : (uInt)length;
        crc = crc32(crc, bytes, chunk);
        bytes += chunk;
        length -= chunk;
    }
    return crc;
}

unsigned long jixiao_crc32_combine(unsigned long first, unsigned long second, size_t second_length) {
    return crc32_combine(first, second, (z_off_t)second_length);
}

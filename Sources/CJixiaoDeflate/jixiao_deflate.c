#include "jixiao_deflate.h"
#include "deflate_encoder.h"
#include <isa-l/crc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

// DEFLATE by our own encoder (deflate_encoder.c), so that the same input is the
// same bytes on every machine. CRC-32 by ISA-L (a CRC is the same whatever code
// computes it, and ISA-L's is ten times as fast as zlib's here); zlib combines CRCs.

/// ISA-L's CRC counts are 32-bit: longer input is handed over in pieces.
static const size_t crc_piece = (size_t)1 << 30;

/// The input a stream keeps: the window its matches reach back into and what
/// it has not encoded yet; moved to the front when full.
static const size_t buffer_capacity = ((size_t)1 << 20) + DEFLATE_WINDOW + DEFLATE_LOOKAHEAD;

struct jixiao_deflater {
    deflate_encoder *encoder;
    uint8_t *buffer;
    /// The next byte to encode, and the end of the input held.
    size_t position, end;
    size_t input_length;
    uint32_t crc;
};

jixiao_deflater *jixiao_deflater_new(void) {
    jixiao_deflater *deflater = calloc(1, sizeof(jixiao_deflater));
    if (deflater == NULL) return NULL;
    deflater->encoder = deflate_encoder_new();
    deflater->buffer = malloc(buffer_capacity);
    if (deflater->encoder == NULL || deflater->buffer == NULL) {
        jixiao_deflater_free(deflater);
        return NULL;
    }
    return deflater;
}

int jixiao_deflater_write(jixiao_deflater *deflater, const unsigned char *input, size_t length, int finish) {
    // The CRC of no bytes would be the initial value, not the CRC so far (and the
    // last call of a stream may pass no input at all).
    if (length > 0) deflater->crc = (uint32_t)jixiao_crc32(deflater->crc, input, length);
    deflater->input_length += length;
    while (length > 0) {
        if (deflater->end == buffer_capacity) {
            // Keep the window behind the next byte to encode, drop what is before it.
            size_t shift = deflater->position - DEFLATE_WINDOW;
            memmove(deflater->buffer, deflater->buffer + shift, deflater->end - shift);
            deflater->position -= shift;
            deflater->end -= shift;
            deflate_encoder_shift(deflater->encoder, shift);
        }
        size_t room = buffer_capacity - deflater->end, taken = length < room ? length : room;
        memcpy(deflater->buffer + deflater->end, input, taken);
        deflater->end += taken;
        input += taken;
        length -= taken;
        // Encoded as far as the bytes a match may read are there: the same tokens as
        // if the whole input had been given at once.
        if (deflater->end >= deflater->position + DEFLATE_LOOKAHEAD
            && deflate_encoder_encode(deflater->encoder, deflater->buffer, &deflater->position,
                                      deflater->end - DEFLATE_LOOKAHEAD, deflater->end) != 0) {
            return -1;
        }
    }
    if (!finish) return 0;
    if (deflate_encoder_encode(deflater->encoder, deflater->buffer, &deflater->position, deflater->end, deflater->end) != 0) {
        return -1;
    }
    return deflate_encoder_flush(deflater->encoder, 1);
}

const unsigned char *jixiao_deflater_output(const jixiao_deflater *deflater, size_t *length) {
    return deflate_encoder_output(deflater->encoder, length);
}

unsigned long jixiao_deflater_crc32(const jixiao_deflater *deflater) { return deflater->crc; }

size_t jixiao_deflater_input_length(const jixiao_deflater *deflater) { return deflater->input_length; }

void jixiao_deflater_free(jixiao_deflater *deflater) {
    if (deflater == NULL) return;
    deflate_encoder_free(deflater->encoder);
    free(deflater->buffer);
    free(deflater);
}

unsigned char *jixiao_deflate_segment(const unsigned char *input, size_t length, int last, size_t *output_length) {
    deflate_encoder *encoder = deflate_encoder_new();
    if (encoder == NULL) return NULL;
    size_t position = 0;
    unsigned char *output = NULL;
    // Positions are 32-bit in the encoder: a segment (sixteen units' rows) is far smaller.
    if (length < UINT32_MAX && deflate_encoder_encode(encoder, input, &position, length, length) == 0
        && deflate_encoder_flush(encoder, last) == 0) {
        output = deflate_encoder_take_output(encoder, output_length);
    }
    deflate_encoder_free(encoder);
    return output;
}

unsigned long jixiao_crc32(unsigned long crc, const unsigned char *bytes, size_t length) {
    while (length > 0) {
        size_t chunk = length > crc_piece ? crc_piece : length;
        crc = crc32_gzip_refl((uint32_t)crc, bytes, chunk);
        bytes += chunk;
        length -= chunk;
    }
    return crc;
}

unsigned long jixiao_crc32_combine(unsigned long first, unsigned long second, size_t second_length) {
    return crc32_combine(first, second, (z_off_t)second_length);
}

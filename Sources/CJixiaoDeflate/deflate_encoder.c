#include "deflate_encoder.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Our own DEFLATE encoder, so that a spreadsheet is the same bytes wherever it is
// built. ISA-L, which wrote them before, picks its code by the processor: on one
// without SSE4.2 (QEMU's default "qemu64" model) the example site's scores.xlsx
// came out as other bytes than on this machine, and it has other code again for
// ARM processors. Everything here is plain C over the input: one greedy match search per
// position (a hash of four bytes, the last position seen with it, as LZ4 does),
// then each block coded with Huffman codes made from its own counts (or the
// fixed codes when those are shorter). On a 33 MB scores sheet it takes about
// 1.5 times as long as ISA-L's fastest level and writes a sixth less.

#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
/// Tokens per block: a block's codes follow its own counts.
#define BLOCK_TOKENS 32768
/// A token: a literal byte, or a match (the top bit) with its length - 3 in
/// bits 16–23 and its distance - 1 in bits 0–14.
#define MATCH_FLAG 0x80000000u

struct deflate_encoder {
    /// Hash of four bytes → the last position with them, plus one (0: none),
    /// counted from the start of the caller's data.
    uint32_t *table;
    uint32_t *tokens;
    int token_count;
    uint32_t literal_counts[286];
    uint32_t distance_counts[30];
    /// Searches in a row that found no match, and how many bytes are still to be
    /// taken as literals without a search: long runs of literals are skipped
    /// through. Kept between calls, so the output does not depend on how the
    /// input was handed over.
    unsigned misses, skipping;
    uint8_t *output;
    size_t length, capacity;
    /// Bits not yet written, the first in the lowest bit.
    uint64_t bits;
    unsigned bit_count;
};

// MARK: - Tables (RFC 1951, 3.2.5)

static const uint16_t length_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                         31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t distance_base[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                           193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/// Length - 3 → its code (0 … 28, for symbols 257 … 285).
static uint8_t length_code[256];
/// Distance - 1 → its code: below 256 directly, else at 256 + (distance - 1) / 128.
static uint8_t distance_code[512];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void make_tables(void) {
    for (int code = 0; code < 28; code++) {
        for (int extra = 0; extra < (1 << length_extra[code]); extra++) {
            int index = length_base[code] + extra - 3;
            if (index < 255) length_code[index] = (uint8_t)code;
        }
    }
    length_code[255] = 28; // 258 has a code of its own, not code 27 with 31 extra
    for (int code = 0; code < 30; code++) {
        for (int distance = distance_base[code]; distance < distance_base[code] + (1 << distance_extra[code]); distance++) {
            int index = distance - 1;
            distance_code[index < 256 ? index : 256 + (index >> 7)] = (uint8_t)code;
        }
    }
}

static inline unsigned code_of_distance(unsigned index) {
    return index < 256 ? distance_code[index] : distance_code[256 + (index >> 7)];
}

// MARK: - Reading and hashing

static inline uint32_t load32(const uint8_t *bytes) {
    return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

static inline uint64_t load64(const uint8_t *bytes) {
    return (uint64_t)load32(bytes) | (uint64_t)load32(bytes + 4) << 32;
}

static inline uint32_t hash4(uint32_t word) {
    return (word * 2654435761u) >> (32 - HASH_BITS);
}

/// How many bytes from `a` and `b` agree, up to `maximum`; the first `known` agree.
static inline size_t match_length(const uint8_t *a, const uint8_t *b, size_t known, size_t maximum) {
    size_t length = known;
    while (length + 8 <= maximum) {
        uint64_t difference = load64(a + length) ^ load64(b + length);
        if (difference != 0) return length + ((size_t)__builtin_ctzll(difference) >> 3);
        length += 8;
    }
    while (length < maximum && a[length] == b[length]) length++;
    return length;
}

// MARK: - Output

static int reserve(deflate_encoder *encoder, size_t more) {
    if (encoder->capacity - encoder->length >= more) return 0;
    size_t capacity = encoder->capacity < 65536 ? 65536 : encoder->capacity;
    while (capacity - encoder->length < more) capacity *= 2;
    uint8_t *grown = realloc(encoder->output, capacity);
    if (grown == NULL) return -1;
    encoder->output = grown;
    encoder->capacity = capacity;
    return 0;
}

/// Writes the whole bytes of the bit buffer (room reserved).
static inline void drain(deflate_encoder *encoder) {
    while (encoder->bit_count >= 8) {
        encoder->output[encoder->length++] = (uint8_t)encoder->bits;
        encoder->bits >>= 8;
        encoder->bit_count -= 8;
    }
}

/// Adds `count` (≤ 32) bits of `value` (room reserved).
static inline void put(deflate_encoder *encoder, uint32_t value, unsigned count) {
    encoder->bits |= (uint64_t)value << encoder->bit_count;
    encoder->bit_count += count;
    if (encoder->bit_count >= 32) drain(encoder);
}

/// Pads the last byte with zero bits.
static void align(deflate_encoder *encoder) {
    drain(encoder);
    if (encoder->bit_count > 0) put(encoder, 0, 8 - encoder->bit_count);
    drain(encoder);
}

// MARK: - Huffman codes

/// Code lengths for `counts` no longer than `limit`, the same for the same counts
/// everywhere: symbols are taken by count and then by value, and a tree too deep
/// is made again from halved counts. At least two symbols get a code (one with
/// no use has length 1), as some decoders refuse a code of one symbol.
static void make_lengths(const uint32_t *counts, int symbol_count, int limit, uint8_t *lengths) {
    uint32_t weights[286];
    int symbols[286];
    memcpy(weights, counts, (size_t)symbol_count * sizeof(uint32_t));
    for (;;) {
        int used = 0;
        for (int symbol = 0; symbol < symbol_count; symbol++) {
            lengths[symbol] = 0;
            if (weights[symbol] > 0) symbols[used++] = symbol;
        }
        if (used < 2) {
            for (int symbol = 0; symbol < symbol_count && used < 2; symbol++) {
                if (weights[symbol] == 0) {
                    lengths[symbol] = 1;
                    used++;
                }
            }
            for (int index = 0; index < symbol_count; index++) {
                if (weights[index] > 0) lengths[index] = 1;
            }
            return;
        }
        // By weight, then by symbol (insertion sort: at most 286 symbols).
        for (int index = 1; index < used; index++) {
            int symbol = symbols[index], place = index;
            while (place > 0 && (weights[symbols[place - 1]] > weights[symbol]
                                 || (weights[symbols[place - 1]] == weights[symbol] && symbols[place - 1] > symbol))) {
                symbols[place] = symbols[place - 1];
                place--;
            }
            symbols[place] = symbol;
        }
        // Huffman's tree from two queues: the sorted leaves (nodes 0 … used - 1) and
        // the inner nodes in the order made, which come out sorted too.
        uint64_t node_weight[2 * 286];
        int parent[2 * 286];
        for (int index = 0; index < used; index++) node_weight[index] = weights[symbols[index]];
        int leaf = 0, inner = used, next = used;
        for (int joined = 0; joined < used - 1; joined++) {
            int pair[2];
            for (int side = 0; side < 2; side++) {
                if (leaf < used && (inner == next || node_weight[leaf] <= node_weight[inner])) pair[side] = leaf++;
                else pair[side] = inner++;
            }
            node_weight[next] = node_weight[pair[0]] + node_weight[pair[1]];
            parent[pair[0]] = parent[pair[1]] = next;
            next++;
        }
        int depth[2 * 286];
        depth[next - 1] = 0;
        int deepest = 0;
        for (int node = next - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
        for (int index = 0; index < used; index++) {
            lengths[symbols[index]] = (uint8_t)depth[index];
            if (depth[index] > deepest) deepest = depth[index];
        }
        if (deepest <= limit) return;
        for (int symbol = 0; symbol < symbol_count; symbol++) {
            if (weights[symbol] > 0) weights[symbol] = (weights[symbol] >> 1) | 1;
        }
    }
}

/// The canonical codes for `lengths` (RFC 1951, 3.2.2), bit-reversed: DEFLATE
/// writes a code's first bit first and the output is filled from the low bit.
static void make_codes(const uint8_t *lengths, int symbol_count, uint16_t *codes) {
    uint16_t per_length[16] = {0}, next_code[16] = {0};
    for (int symbol = 0; symbol < symbol_count; symbol++) per_length[lengths[symbol]]++;
    per_length[0] = 0;
    uint16_t code = 0;
    for (int length = 1; length < 16; length++) {
        code = (uint16_t)((code + per_length[length - 1]) << 1);
        next_code[length] = code;
    }
    for (int symbol = 0; symbol < symbol_count; symbol++) {
        int length = lengths[symbol];
        uint16_t value = length ? next_code[length]++ : 0, reversed = 0;
        for (int bit = 0; bit < length; bit++) {
            reversed = (uint16_t)(reversed << 1 | (value & 1));
            value >>= 1;
        }
        codes[symbol] = reversed;
    }
}

// MARK: - Blocks

static const uint8_t length_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/// The lengths of both codes run-length coded (RFC 1951, 3.2.7): symbols 0–18
/// with their extra bits; returns how many.
static int run_lengths(const uint8_t *lengths, int count, uint8_t *symbols, uint8_t *extras) {
    int written = 0;
#define RUN(symbol, extra) (symbols[written] = (uint8_t)(symbol), extras[written] = (uint8_t)(extra), written++)
    for (int index = 0; index < count;) {
        int value = lengths[index], run = 1;
        while (index + run < count && lengths[index + run] == value) run++;
        index += run;
        if (value == 0) {
            // 18: 11–138 zeros; 17: 3–10 zeros.
            while (run >= 11) {
                int taken = run > 138 ? 138 : run;
                RUN(18, taken - 11);
                run -= taken;
            }
            if (run >= 3) {
                RUN(17, run - 3);
                run = 0;
            }
        } else {
            // The length once, then 16: the previous length 3–6 times more.
            RUN(value, 0);
            run--;
            while (run >= 3) {
                int taken = run > 6 ? 6 : run;
                RUN(16, taken - 3);
                run -= taken;
            }
        }
        for (; run > 0; run--) RUN(value, 0);
    }
#undef RUN
    return written;
}

static const uint8_t run_extra_bits[19] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};

static inline uint8_t fixed_literal_length(int symbol) {
    return symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
}

/// Writes the tokens so far as one block, with the codes of their own counts
/// (a dynamic block) or the fixed codes, whichever is shorter.
static int write_block(deflate_encoder *encoder, int final) {
    uint32_t *literal_counts = encoder->literal_counts;
    literal_counts[256] = 1; // the end of the block
    // 288 literal/length symbols: the fixed code has two that are never used,
    // and the canonical codes of the others depend on them.
    uint8_t literal_lengths[288] = {0}, distance_lengths[30], run_code_lengths[19];
    uint16_t literal_codes[288], distance_codes[30], run_codes[19];
    make_lengths(literal_counts, 286, 15, literal_lengths);
    make_lengths(encoder->distance_counts, 30, 15, distance_lengths);
    int literal_count = 286, distance_count = 30;
    while (literal_count > 257 && literal_lengths[literal_count - 1] == 0) literal_count--;
    while (distance_count > 1 && distance_lengths[distance_count - 1] == 0) distance_count--;
    uint8_t both[286 + 30], run_symbols[286 + 30], run_extras[286 + 30];
    memcpy(both, literal_lengths, (size_t)literal_count);
    memcpy(both + literal_count, distance_lengths, (size_t)distance_count);
    int runs = run_lengths(both, literal_count + distance_count, run_symbols, run_extras);
    uint32_t run_counts[19] = {0};
    for (int index = 0; index < runs; index++) run_counts[run_symbols[index]]++;
    make_lengths(run_counts, 19, 7, run_code_lengths);
    make_codes(run_code_lengths, 19, run_codes);
    int run_code_count = 19;
    while (run_code_count > 4 && run_code_lengths[length_order[run_code_count - 1]] == 0) run_code_count--;

    // Both sizes in bits, to take the smaller.
    uint64_t dynamic_bits = 3 + 5 + 5 + 4 + 3 * (uint64_t)run_code_count, fixed_bits = 3;
    for (int index = 0; index < runs; index++) {
        dynamic_bits += run_code_lengths[run_symbols[index]] + run_extra_bits[run_symbols[index]];
    }
    for (int symbol = 0; symbol < 286; symbol++) {
        if (literal_counts[symbol] == 0) continue;
        unsigned extra = symbol > 256 ? length_extra[symbol - 257] : 0;
        dynamic_bits += (uint64_t)literal_counts[symbol] * (literal_lengths[symbol] + extra);
        fixed_bits += (uint64_t)literal_counts[symbol] * (fixed_literal_length(symbol) + extra);
    }
    for (int symbol = 0; symbol < 30; symbol++) {
        if (encoder->distance_counts[symbol] == 0) continue;
        dynamic_bits += (uint64_t)encoder->distance_counts[symbol] * (distance_lengths[symbol] + distance_extra[symbol]);
        fixed_bits += (uint64_t)encoder->distance_counts[symbol] * (5u + distance_extra[symbol]);
    }

    // A token takes at most 48 bits; the header at most 3 + 5 + 5 + 4 + 57 + 316 × 14.
    if (reserve(encoder, (size_t)encoder->token_count * 6 + 1024) != 0) return -1;
    put(encoder, final ? 1 : 0, 1);
    if (fixed_bits <= dynamic_bits) {
        put(encoder, 1, 2);
        for (int symbol = 0; symbol < 288; symbol++) literal_lengths[symbol] = fixed_literal_length(symbol);
        for (int symbol = 0; symbol < 30; symbol++) distance_lengths[symbol] = 5;
    } else {
        put(encoder, 2, 2);
        put(encoder, (uint32_t)(literal_count - 257), 5);
        put(encoder, (uint32_t)(distance_count - 1), 5);
        put(encoder, (uint32_t)(run_code_count - 4), 4);
        for (int index = 0; index < run_code_count; index++) put(encoder, run_code_lengths[length_order[index]], 3);
        for (int index = 0; index < runs; index++) {
            put(encoder, run_codes[run_symbols[index]], run_code_lengths[run_symbols[index]]);
            if (run_extra_bits[run_symbols[index]]) put(encoder, run_extras[index], run_extra_bits[run_symbols[index]]);
        }
    }
    make_codes(literal_lengths, 288, literal_codes);
    make_codes(distance_lengths, 30, distance_codes);

    // The tokens: at most 48 bits each onto fewer than 8 left over, so each goes
    // into the 64-bit buffer whole and its whole bytes are stored at once.
    drain(encoder);
    uint64_t bits = encoder->bits;
    unsigned count = encoder->bit_count;
    uint8_t *out = encoder->output + encoder->length;
    for (int index = 0; index < encoder->token_count; index++) {
        uint32_t token = encoder->tokens[index];
        if (!(token & MATCH_FLAG)) {
            bits |= (uint64_t)literal_codes[token] << count;
            count += literal_lengths[token];
        } else {
            unsigned length = (token >> 16) & 0xFF, distance = token & 0x7FFF;
            unsigned code = length_code[length], symbol = 257 + code;
            bits |= (uint64_t)literal_codes[symbol] << count;
            count += literal_lengths[symbol];
            bits |= (uint64_t)(length + 3 - length_base[code]) << count;
            count += length_extra[code];
            code = code_of_distance(distance);
            bits |= (uint64_t)distance_codes[code] << count;
            count += distance_lengths[code];
            bits |= (uint64_t)(distance + 1 - distance_base[code]) << count;
            count += distance_extra[code];
        }
        for (unsigned byte = 0; byte < 8; byte++) out[byte] = (uint8_t)(bits >> (8 * byte)); // one store where bytes are little-endian
        out += count >> 3;
        bits >>= count & ~7u;
        count &= 7;
    }
    encoder->length = (size_t)(out - encoder->output);
    encoder->bits = bits;
    encoder->bit_count = count;
    put(encoder, literal_codes[256], literal_lengths[256]);

    encoder->token_count = 0;
    memset(encoder->literal_counts, 0, sizeof encoder->literal_counts);
    memset(encoder->distance_counts, 0, sizeof encoder->distance_counts);
    return 0;
}

// MARK: - Encoding

deflate_encoder *deflate_encoder_new(void) {
    pthread_once(&tables_once, make_tables);
    deflate_encoder *encoder = calloc(1, sizeof(deflate_encoder));
    if (encoder == NULL) return NULL;
    encoder->table = calloc((size_t)1 << HASH_BITS, sizeof(uint32_t));
    encoder->tokens = malloc(BLOCK_TOKENS * sizeof(uint32_t));
    if (encoder->table == NULL || encoder->tokens == NULL) {
        deflate_encoder_free(encoder);
        return NULL;
    }
    return encoder;
}

void deflate_encoder_free(deflate_encoder *encoder) {
    if (encoder == NULL) return;
    free(encoder->table);
    free(encoder->tokens);
    free(encoder->output);
    free(encoder);
}

static inline void add_literal(deflate_encoder *encoder, uint8_t byte) {
    encoder->tokens[encoder->token_count++] = byte;
    encoder->literal_counts[byte]++;
}

int deflate_encoder_encode(deflate_encoder *encoder, const uint8_t *data, size_t *position, size_t limit, size_t end) {
    uint32_t *table = encoder->table;
    size_t at = *position;
    while (at < limit) {
        if (encoder->skipping > 0) {
            encoder->skipping--;
            add_literal(encoder, data[at++]);
        } else {
            size_t length = 0, candidate = 0;
            if (at + MIN_MATCH <= end) {
                uint32_t word = load32(data + at), slot = hash4(word);
                candidate = table[slot];
                table[slot] = (uint32_t)at + 1;
                if (candidate != 0 && at - (candidate - 1) <= DEFLATE_WINDOW && load32(data + candidate - 1) == word) {
                    size_t maximum = end - at < MAX_MATCH ? end - at : MAX_MATCH;
                    length = match_length(data + at, data + candidate - 1, MIN_MATCH, maximum);
                }
            }
            if (length >= MIN_MATCH) {
                unsigned distance = (unsigned)(at - (candidate - 1)) - 1;
                encoder->tokens[encoder->token_count++] = MATCH_FLAG | (uint32_t)(length - 3) << 16 | distance;
                encoder->literal_counts[257 + length_code[length - 3]]++;
                encoder->distance_counts[code_of_distance(distance)]++;
                // The match's last position but one is remembered too: the next row
                // of a sheet often repeats from there.
                size_t tail = at + length - 2;
                if (tail + MIN_MATCH <= end) table[hash4(load32(data + tail))] = (uint32_t)tail + 1;
                at += length;
                encoder->misses = 0;
            } else {
                add_literal(encoder, data[at++]);
                // In a long run of literals (text that does not repeat) the next few
                // bytes are taken as they are without a search, more the longer the run.
                encoder->skipping = ++encoder->misses >> 6;
            }
        }
        if (encoder->token_count == BLOCK_TOKENS && write_block(encoder, 0) != 0) return -1;
    }
    *position = at;
    return 0;
}

void deflate_encoder_shift(deflate_encoder *encoder, size_t shift) {
    // A position before the shift is one no match can reach any more (the caller
    // keeps the window): it is forgotten, as if never seen.
    for (size_t slot = 0; slot < ((size_t)1 << HASH_BITS); slot++) {
        uint32_t entry = encoder->table[slot];
        encoder->table[slot] = entry > shift ? entry - (uint32_t)shift : 0;
    }
}

int deflate_encoder_flush(deflate_encoder *encoder, int final) {
    if ((final || encoder->token_count > 0) && write_block(encoder, final) != 0) return -1;
    if (reserve(encoder, 16) != 0) return -1;
    if (!final) {
        put(encoder, 0, 3); // an empty stored block, not final
        align(encoder);
        static const uint8_t empty[4] = {0x00, 0x00, 0xFF, 0xFF};
        memcpy(encoder->output + encoder->length, empty, 4);
        encoder->length += 4;
    } else {
        align(encoder);
    }
    return 0;
}

const uint8_t *deflate_encoder_output(const deflate_encoder *encoder, size_t *length) {
    *length = encoder->length;
    return encoder->output;
}

uint8_t *deflate_encoder_take_output(deflate_encoder *encoder, size_t *length) {
    uint8_t *output = encoder->output;
    *length = encoder->length;
    encoder->output = NULL;
    encoder->length = encoder->capacity = 0;
    return output;
}

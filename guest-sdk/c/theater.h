/*
 * theater.h - the C guest SDK for Theater actors. One header, no libc.
 *
 * A Theater actor is a core WebAssembly module. Values cross the boundary with the canonical ABI of the
 * WebAssembly Component Model (design/mvp/CanonicalABI.md in WebAssembly/component-model):
 *
 *   imports  module = WIT interface ("theater:simple/runtime"), field = function ("log")
 *   exports  "<interface>#<function>" ("theater:simple/actor#init"), plus "memory", "cabi_realloc" and,
 *            optionally, "cabi_post_<export>" (called by the host after it has read an export's result)
 *   scalars  bool, s8..u32, char, enum, flags -> i32; s64/u64 -> i64; f32 -> f32; f64 -> f64
 *   string   (ptr, len): UTF-8 bytes, len counts bytes;  list<T>: (ptr, len), len counts elements
 *   variant  discriminant (u8 in memory for up to 256 cases, i32 when flat), then the payload at its alignment;
 *            option, result and enum are variants; flags are a bit set (first flag = bit 0)
 *   >16 flat parameters   the whole parameter tuple is passed through memory as one i32 pointer
 *   >1 flat result        an EXPORT returns an i32 pointer to a return area it owns;
 *                         an IMPORT takes an extra trailing i32 pointer to a return area the caller owns,
 *                         and has no core result
 *
 * Ownership (who frees what):
 *   - strings, lists and the >16-parameter block the host passes INTO an export were allocated with your
 *     cabi_realloc: they are yours, free them with theater_free when you are done;
 *   - what an export RETURNS stays yours until the host has read it; free it in cabi_post_<export>;
 *   - arguments you pass to an IMPORT stay yours (the host copies them before the import returns);
 *   - strings and lists in an IMPORT's result were allocated by the host with your cabi_realloc: yours.
 *
 * Use: in exactly one .c file of the actor write
 *
 *     #define THEATER_IMPLEMENTATION
 *     #include "theater.h"
 *
 * (that file gets the allocator, the exported cabi_realloc and the memcpy/memset/memmove the compiler may
 * call on its own), and include it plainly anywhere else. Build as scripts/build-guests does:
 *
 *     clang --target=wasm32 -mcpu=mvp -O2 -ffreestanding -nostdlib -I guest-sdk/c \
 *           -Wl,--no-entry -Wl,--strip-all -o actor.wasm actor.c
 *
 * The memory layouts of the structs below (on wasm32) are exactly the canonical ABI layouts, so a value in
 * guest memory can be read and written through them; THEATER_LAYOUT checks that for your own structs.
 */
#ifndef THEATER_H
#define THEATER_H

#include <stdbool.h> /* freestanding compiler headers, not libc */
#include <stddef.h>
#include <stdint.h>

#if !defined(__wasm32__)
#error "theater.h targets wasm32: compile with clang --target=wasm32"
#endif

/* ---------------------------------------------------------------------------------------------------------
 * 1. Imports, exports, traps
 * ------------------------------------------------------------------------------------------------------- */

/* Declares a host function: THEATER_IMPORT("theater:simple/runtime", "log") void log_(const char*, size_t); */
#define THEATER_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* Exports a function under a canonical name: THEATER_EXPORT("theater:simple/actor#init") int32_t init(...); */
#define THEATER_EXPORT(name) __attribute__((export_name(name)))

/* Aborts the current call; the host sees a trap and the actor's operation fails. */
#define THEATER_TRAP() __builtin_trap()

/* Traps unless cond holds; for values that break the ABI's rules (bad discriminant, invalid UTF-8, ...). */
#define THEATER_CHECK(cond) \
    do { \
        if (!(cond)) THEATER_TRAP(); \
    } while (0)

/* Fails the build unless type has the canonical ABI size and alignment you expect. */
#define THEATER_LAYOUT(type, size, align) \
    _Static_assert(sizeof(type) == (size) && _Alignof(type) == (align), \
                   #type " does not have the canonical ABI layout (size " #size ", align " #align ")")

/* ---------------------------------------------------------------------------------------------------------
 * 2. Memory: an allocator behind cabi_realloc, and memcpy/memset
 *
 * Blocks carry an 8-byte header and are 8-aligned (the largest canonical ABI alignment). Freed blocks go to a
 * free list and are reused best-fit; otherwise the heap grows upward from __heap_base with memory.grow.
 * Running out of memory, freeing a pointer that is not a live block (double free, or a pointer not from
 * this allocator) and alignments above 8 all trap.
 * ------------------------------------------------------------------------------------------------------- */

void* theater_alloc(size_t size, size_t align);
void theater_free(void* ptr);
void* theater_realloc(void* old_ptr, size_t old_size, size_t align, size_t new_size);
/* Number of blocks allocated and not yet freed: lets tests check that nothing leaks. */
uint32_t theater_live_blocks(void);

void* theater_memcpy(void* dst, const void* src, size_t n);
void* theater_memset(void* dst, int byte, size_t n);

/* ---------------------------------------------------------------------------------------------------------
 * 3. Strings and lists
 *
 * theater_string_t is 8 bytes, align 4: the canonical layout of a string in memory, so a list<string> in
 * memory is an array of theater_string_t. Empty strings and lists use ptr NULL and allocate nothing.
 * ------------------------------------------------------------------------------------------------------- */

typedef struct {
    const char* ptr;
    size_t len; /* bytes */
} theater_string_t;

/* A list<T>: THEATER_LIST(int32_t) is { int32_t* ptr; size_t len; }. typedef it before use. */
#define THEATER_LIST(T) \
    struct { \
        T* ptr; \
        size_t len; /* elements */ \
    }

typedef THEATER_LIST(uint8_t) theater_list_u8_t;
typedef THEATER_LIST(theater_string_t) theater_list_string_t;

/* A string literal as a borrowed theater_string_t (no allocation): THEATER_STR("hello"). */
#define THEATER_STR(literal) ((theater_string_t){(literal), sizeof(literal) - 1})

/* A fresh heap copy of len bytes at ptr. */
theater_string_t theater_string_copy(const char* ptr, size_t len);
/* Frees a string you own and sets it to empty. */
void theater_string_free(theater_string_t* s);
bool theater_string_eq(theater_string_t a, theater_string_t b);
/* True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
bool theater_utf8_valid(const char* ptr, size_t len);

theater_list_u8_t theater_list_u8_copy(const uint8_t* ptr, size_t len);
void theater_list_u8_free(theater_list_u8_t* list);
/* Storage for count elements of elem_size bytes; NULL when count is 0; traps when the size overflows. */
void* theater_list_alloc(size_t count, size_t elem_size, size_t align);

/* ---------------------------------------------------------------------------------------------------------
 * 4. option, result and other scalars
 *
 * Both are variants: a discriminant byte, then the payload at its own alignment, which is what a C struct
 * of a uint8_t and a T (or a union of T and E) lays out. typedef them before use:
 *     typedef THEATER_OPTION(theater_string_t) option_string_t;        (12 bytes, align 4)
 *     typedef THEATER_RESULT(theater_unit_t, theater_string_t) res_t; (result<_, string>)
 * Read discriminants as integers and reject values out of range: memory may hold anything.
 * ------------------------------------------------------------------------------------------------------- */

#define THEATER_OPTION(T) \
    struct { \
        uint8_t is_some; \
        T val; \
    }
#define THEATER_RESULT(T, E) \
    struct { \
        uint8_t is_err; \
        union { \
            T ok; \
            E err; \
        } val; \
    }
/* Stands in for a missing payload (result<_, E>): 1 byte, so it never changes the layout. */
typedef uint8_t theater_unit_t;

#define THEATER_SOME(type, v) ((type){.is_some = 1, .val = (v)})
#define THEATER_NONE(type) ((type){.is_some = 0})
#define THEATER_OK(type, v) ((type){.is_err = 0, .val.ok = (v)})
#define THEATER_ERR(type, e) ((type){.is_err = 1, .val.err = (e)})

/* A char is a Unicode scalar value: below 0x110000 and not a surrogate. */
static inline bool theater_char_valid(uint32_t c) {
    return c < 0x110000u && (c < 0xD800u || c > 0xDFFFu);
}

/* Bit casts, for variant payloads that share a flat slot (an f64 case travels as i64, an f32 as i32). */
static inline uint64_t theater_f64_bits(double d) {
    uint64_t u;
    __builtin_memcpy(&u, &d, sizeof u);
    return u;
}
static inline double theater_f64_from_bits(uint64_t u) {
    double d;
    __builtin_memcpy(&d, &u, sizeof d);
    return d;
}
static inline uint32_t theater_f32_bits(float f) {
    uint32_t u;
    __builtin_memcpy(&u, &f, sizeof u);
    return u;
}
static inline float theater_f32_from_bits(uint32_t u) {
    float f;
    __builtin_memcpy(&f, &u, sizeof f);
    return f;
}

/* ---------------------------------------------------------------------------------------------------------
 * 5. Return areas
 *
 * An export whose result flattens to more than one value returns a pointer to it. The host reads it after
 * the export has returned, so it must not live on the stack: use static storage, e.g.
 *     THEATER_RET_AREA(point_t, ret);  ...  ret = result;  return &ret;
 * and free what it points to in cabi_post_<export>. An import's return area is the caller's and only has to
 * live during the call, so a local variable is fine:  point_t out;  host_echo_point(..., &out);
 * ------------------------------------------------------------------------------------------------------- */

#define THEATER_RET_AREA(type, name) static type name

/* ---------------------------------------------------------------------------------------------------------
 * Implementation: in exactly one translation unit.
 * ------------------------------------------------------------------------------------------------------- */
#ifdef THEATER_IMPLEMENTATION

/* Set by wasm-ld: the first byte after static data and the stack. */
extern unsigned char __heap_base;

#define THEATER_PAGE 65536u
#define THEATER_HEADER 8u
#define THEATER_MAGIC_LIVE 0x7EA7A11Cu
#define THEATER_MAGIC_FREE 0x7EA7F4EEu

typedef struct {
    uint32_t cap;   /* usable bytes after the header, a multiple of 8 */
    uint32_t magic; /* THEATER_MAGIC_LIVE or THEATER_MAGIC_FREE */
} theater_header_t;

static uintptr_t theater_heap_top;  /* next unused byte; 0 until the first allocation */
static void* theater_free_list;     /* freed blocks, linked through their first word */
static uint32_t theater_live_count;

static theater_header_t* theater_header_of(void* ptr) {
    return (theater_header_t*)((char*)ptr - THEATER_HEADER);
}

static void* theater_bump(uint32_t cap) {
    if (theater_heap_top == 0) {
        theater_heap_top = ((uintptr_t)&__heap_base + 7u) & ~(uintptr_t)7u;
    }
    uint64_t start = theater_heap_top;
    uint64_t end = start + THEATER_HEADER + cap;
    uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * THEATER_PAGE;
    if (end > have) {
        uint64_t pages = (end - have + THEATER_PAGE - 1) / THEATER_PAGE;
        THEATER_CHECK(end <= 0x100000000ull);
        THEATER_CHECK(__builtin_wasm_memory_grow(0, (size_t)pages) != (size_t)-1);
    }
    theater_heap_top = (uintptr_t)end;
    theater_header_t* h = (theater_header_t*)(uintptr_t)start;
    h->cap = cap;
    return (char*)h + THEATER_HEADER;
}

void* theater_alloc(size_t size, size_t align) {
    THEATER_CHECK(align != 0 && (align & (align - 1)) == 0 && align <= 8);
    THEATER_CHECK(size <= 0x7FFFFFF0u);
    uint32_t cap = size < 8 ? 8 : (uint32_t)((size + 7u) & ~(size_t)7u);
    void** best = NULL;
    for (void** link = &theater_free_list; *link != NULL; link = (void**)*link) {
        uint32_t c = theater_header_of(*link)->cap;
        if (c >= cap && (best == NULL || c < theater_header_of(*best)->cap)) {
            best = link;
            if (c == cap) break;
        }
    }
    void* ptr;
    if (best != NULL) {
        ptr = *best;
        *best = *(void**)ptr;
    } else {
        ptr = theater_bump(cap);
    }
    theater_header_of(ptr)->magic = THEATER_MAGIC_LIVE;
    theater_live_count++;
    return ptr;
}

void theater_free(void* ptr) {
    if (ptr == NULL) return;
    theater_header_t* h = theater_header_of(ptr);
    THEATER_CHECK(h->magic == THEATER_MAGIC_LIVE);
    h->magic = THEATER_MAGIC_FREE;
    *(void**)ptr = theater_free_list;
    theater_free_list = ptr;
    theater_live_count--;
}

void* theater_realloc(void* old_ptr, size_t old_size, size_t align, size_t new_size) {
    if (old_ptr == NULL) return theater_alloc(new_size, align);
    theater_header_t* h = theater_header_of(old_ptr);
    THEATER_CHECK(h->magic == THEATER_MAGIC_LIVE);
    THEATER_CHECK(align != 0 && (align & (align - 1)) == 0 && align <= 8);
    if (new_size <= h->cap) return old_ptr;
    void* ptr = theater_alloc(new_size, align);
    theater_memcpy(ptr, old_ptr, old_size < h->cap ? old_size : h->cap);
    theater_free(old_ptr);
    return ptr;
}

uint32_t theater_live_blocks(void) {
    return theater_live_count;
}

/* The host allocates guest memory through this export, for strings, lists and spilled parameters. */
THEATER_EXPORT("cabi_realloc")
void* cabi_realloc(void* old_ptr, size_t old_size, size_t align, size_t new_size) {
    return theater_realloc(old_ptr, old_size, align, new_size);
}

/* no_builtin keeps the compiler from turning these loops back into calls to themselves. */
__attribute__((no_builtin)) void* theater_memcpy(void* dst, const void* src, size_t n) {
    unsigned char* d = dst;
    const unsigned char* s = src;
    while (n--) *d++ = *s++;
    return dst;
}

__attribute__((no_builtin)) void* theater_memset(void* dst, int byte, size_t n) {
    unsigned char* d = dst;
    while (n--) *d++ = (unsigned char)byte;
    return dst;
}

/* clang emits calls to these for struct copies and initialisers; there is no libc to provide them. */
void* memcpy(void* dst, const void* src, size_t n) {
    return theater_memcpy(dst, src, n);
}
void* memset(void* dst, int byte, size_t n) {
    return theater_memset(dst, byte, n);
}
__attribute__((no_builtin)) void* memmove(void* dst, const void* src, size_t n) {
    unsigned char* d = dst;
    const unsigned char* s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        while (n--) d[n] = s[n];
    }
    return dst;
}

theater_string_t theater_string_copy(const char* ptr, size_t len) {
    theater_string_t s = {NULL, 0};
    if (len == 0) return s;
    char* p = theater_alloc(len, 1);
    theater_memcpy(p, ptr, len);
    s.ptr = p;
    s.len = len;
    return s;
}

void theater_string_free(theater_string_t* s) {
    theater_free((void*)s->ptr);
    s->ptr = NULL;
    s->len = 0;
}

bool theater_string_eq(theater_string_t a, theater_string_t b) {
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++) {
        if (a.ptr[i] != b.ptr[i]) return false;
    }
    return true;
}

bool theater_utf8_valid(const char* ptr, size_t len) {
    const unsigned char* s = (const unsigned char*)ptr;
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        size_t n;
        uint32_t c, min;
        if (b < 0x80) {
            i++;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            n = 1, c = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            n = 2, c = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            n = 3, c = b & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (len - i <= n) return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || !theater_char_valid(c)) return false;
        i += n + 1;
    }
    return true;
}

theater_list_u8_t theater_list_u8_copy(const uint8_t* ptr, size_t len) {
    theater_list_u8_t l = {NULL, 0};
    if (len == 0) return l;
    l.ptr = theater_alloc(len, 1);
    theater_memcpy(l.ptr, ptr, len);
    l.len = len;
    return l;
}

void theater_list_u8_free(theater_list_u8_t* list) {
    theater_free(list->ptr);
    list->ptr = NULL;
    list->len = 0;
}

void* theater_list_alloc(size_t count, size_t elem_size, size_t align) {
    if (count == 0) return NULL;
    uint64_t bytes = (uint64_t)count * elem_size;
    THEATER_CHECK(bytes <= 0x7FFFFFF0u);
    return theater_alloc((size_t)bytes, align);
}

#endif /* THEATER_IMPLEMENTATION */
#endif /* THEATER_H */

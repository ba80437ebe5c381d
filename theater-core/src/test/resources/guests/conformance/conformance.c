/*
 * The C conformance guest: implements the `guest` interface of
 * theater-core/src/test/resources/wit/conformance/conformance.wit with the canonical ABI.
 *
 *   echo-*   lifts its argument into C values (deep copies: strings and lists go to fresh allocations, the
 *            host's allocations are freed), then lowers a fresh copy as its result.
 *   relay-*  lifts its argument the same way, lowers it into a call of the host import host#echo-* of the
 *            same type, lifts what the host returned (taking ownership of the host's allocations), and
 *            lowers that as its result.
 *
 * Lifting validates like the canonical ABI does (discriminant ranges, chars, UTF-8) and traps on a bad
 * value, so a host that lowers something invalid fails the call. Flags drop unknown bits, bools become 0/1
 * and NaNs become the canonical NaN, as the spec's lift does.
 *
 * Extra core exports, outside the WIT, for tests:
 *   test-post-return-count: () -> i32   how many times a cabi_post_* function has run
 *   test-live-allocations:  () -> i32   blocks allocated and not freed (0 when nothing leaks)
 *
 * Build: scripts/build-guests. Core signatures: ../README.md.
 */
#define THEATER_IMPLEMENTATION
#include "theater.h"

#define HOST "theater:conformance/host"
#define GUEST(fn) "theater:conformance/guest#" fn
#define POST(fn) "cabi_post_theater:conformance/guest#" fn

/* ---- The WIT types as C structs; each has the canonical ABI memory layout. ---------------------------- */

typedef struct {
    int32_t x;
    int32_t y;
    theater_string_t label;
} point_t;
THEATER_LAYOUT(point_t, 16, 4);

enum { SHAPE_CIRCLE, SHAPE_RECT, SHAPE_NAMED, SHAPE_EMPTY, SHAPE_CASES };
typedef struct {
    uint8_t tag;
    union {
        double circle;
        point_t rect;
        theater_string_t named;
    } val;
} shape_t;
THEATER_LAYOUT(shape_t, 24, 8);

enum { COLOR_CASES = 3 };
enum { PERMS_MASK = 0x7 }; /* read = bit 0, write = bit 1, exec = bit 2 */

typedef struct {
    uint64_t a;
    int64_t b;
    uint32_t c;
    int32_t d;
    uint16_t e;
    int16_t f;
    uint8_t g;
    int8_t h;
} extremes_t;
THEATER_LAYOUT(extremes_t, 32, 8);

typedef struct {
    int32_t f[17];
} wide_t;
THEATER_LAYOUT(wide_t, 68, 4);

/* nested = option<result<option<string>, list<u8>>> */
typedef THEATER_OPTION(theater_string_t) option_string_t;
typedef THEATER_RESULT(option_string_t, theater_list_u8_t) result_t;
typedef THEATER_OPTION(result_t) nested_t;
THEATER_LAYOUT(option_string_t, 12, 4);
THEATER_LAYOUT(result_t, 16, 4);
THEATER_LAYOUT(nested_t, 20, 4);

/* quad = tuple<u8, string, f64, bool> */
typedef struct {
    uint8_t a;
    theater_string_t b;
    double c;
    uint8_t d;
} quad_t;
THEATER_LAYOUT(quad_t, 32, 8);

/* tuple<f32, f64> */
typedef struct {
    float a;
    double b;
} floats_t;
THEATER_LAYOUT(floats_t, 16, 8);

THEATER_LAYOUT(theater_list_string_t, 8, 4);

/* ---- Host imports (canon lower): >1 flat result means a trailing return-area pointer and no result. --- */

THEATER_IMPORT(HOST, "echo-point")
void host_echo_point(int32_t x, int32_t y, const char* label, size_t label_len, point_t* ret);
THEATER_IMPORT(HOST, "echo-shape")
void host_echo_shape(uint32_t tag, uint64_t p0, uint32_t p1, uint32_t p2, uint32_t p3, shape_t* ret);
THEATER_IMPORT(HOST, "echo-color") uint32_t host_echo_color(uint32_t v);
THEATER_IMPORT(HOST, "echo-perms") uint32_t host_echo_perms(uint32_t v);
THEATER_IMPORT(HOST, "echo-nested")
void host_echo_nested(uint32_t opt, uint32_t res, uint32_t p0, uint32_t p1, uint32_t p2, nested_t* ret);
THEATER_IMPORT(HOST, "echo-strings")
void host_echo_strings(const theater_string_t* ptr, size_t len, theater_list_string_t* ret);
THEATER_IMPORT(HOST, "echo-quad")
void host_echo_quad(uint32_t a, const char* b, size_t b_len, double c, uint32_t d, quad_t* ret);
THEATER_IMPORT(HOST, "echo-char") uint32_t host_echo_char(uint32_t v);
THEATER_IMPORT(HOST, "echo-extremes")
void host_echo_extremes(uint64_t a, int64_t b, uint32_t c, int32_t d, uint32_t e, int32_t f, uint32_t g, int32_t h,
                        extremes_t* ret);
THEATER_IMPORT(HOST, "echo-floats") void host_echo_floats(float a, double b, floats_t* ret);
/* 17 flat parameters: the tuple goes through memory, so the import takes (params-ptr, return-ptr). */
THEATER_IMPORT(HOST, "echo-wide") void host_echo_wide(const wide_t* params, wide_t* ret);

/* ---- Per type: lift (validate + deep copy), drop (free what a value owns). -------------------------- */
/* "take" lifts a value whose allocations we own (from the host) and frees those allocations.           */

static theater_string_t string_take(theater_string_t s) {
    THEATER_CHECK(theater_utf8_valid(s.ptr, s.len));
    theater_string_t copy = theater_string_copy(s.ptr, s.len);
    theater_free((void*)s.ptr);
    return copy;
}

static theater_list_u8_t bytes_take(theater_list_u8_t l) {
    theater_list_u8_t copy = theater_list_u8_copy(l.ptr, l.len);
    theater_free(l.ptr);
    return copy;
}

static float f32_lift(float f) {
    return f != f ? theater_f32_from_bits(0x7FC00000u) : f;
}

static double f64_lift(double d) {
    return d != d ? theater_f64_from_bits(0x7FF8000000000000ull) : d;
}

static uint32_t char_lift(uint32_t c) {
    THEATER_CHECK(theater_char_valid(c));
    return c;
}

static uint32_t color_lift(uint32_t c) {
    THEATER_CHECK(c < COLOR_CASES);
    return c;
}

static uint32_t perms_lift(uint32_t p) {
    return p & PERMS_MASK;
}

static point_t point_take(point_t p) {
    p.label = string_take(p.label);
    return p;
}

static point_t point_clone(const point_t* p) {
    point_t c = *p;
    c.label = theater_string_copy(p->label.ptr, p->label.len);
    return c;
}

static void point_drop(point_t* p) {
    theater_string_free(&p->label);
}

static shape_t shape_take(shape_t s) {
    switch (s.tag) {
    case SHAPE_CIRCLE: s.val.circle = f64_lift(s.val.circle); break;
    case SHAPE_RECT: s.val.rect = point_take(s.val.rect); break;
    case SHAPE_NAMED: s.val.named = string_take(s.val.named); break;
    case SHAPE_EMPTY: break;
    default: THEATER_TRAP();
    }
    return s;
}

static shape_t shape_clone(const shape_t* s) {
    shape_t c = *s;
    if (s->tag == SHAPE_RECT) c.val.rect = point_clone(&s->val.rect);
    if (s->tag == SHAPE_NAMED) c.val.named = theater_string_copy(s->val.named.ptr, s->val.named.len);
    return c;
}

static void shape_drop(shape_t* s) {
    if (s->tag == SHAPE_RECT) point_drop(&s->val.rect);
    if (s->tag == SHAPE_NAMED) theater_string_free(&s->val.named);
}

/* Flat shape: [i32 tag, i64 p0, i32 p1, i32 p2, i32 p3]. p0 joins f64 (circle), i32 (rect.x, named.ptr). */
static shape_t shape_from_flat(uint32_t tag, uint64_t p0, uint32_t p1, uint32_t p2, uint32_t p3) {
    shape_t s;
    theater_memset(&s, 0, sizeof s);
    THEATER_CHECK(tag < SHAPE_CASES);
    s.tag = (uint8_t)tag;
    if (tag == SHAPE_CIRCLE) s.val.circle = theater_f64_from_bits(p0);
    if (tag == SHAPE_RECT) {
        s.val.rect.x = (int32_t)(uint32_t)p0;
        s.val.rect.y = (int32_t)p1;
        s.val.rect.label.ptr = (const char*)(uintptr_t)p2;
        s.val.rect.label.len = p3;
    }
    if (tag == SHAPE_NAMED) {
        s.val.named.ptr = (const char*)(uintptr_t)(uint32_t)p0;
        s.val.named.len = p1;
    }
    return shape_take(s);
}

static theater_list_string_t strings_take(theater_list_string_t l) {
    theater_list_string_t c = {theater_list_alloc(l.len, sizeof(theater_string_t), 4), l.len};
    for (size_t i = 0; i < l.len; i++) c.ptr[i] = string_take(l.ptr[i]);
    theater_free(l.ptr);
    return c;
}

static theater_list_string_t strings_clone(const theater_list_string_t* l) {
    theater_list_string_t c = {theater_list_alloc(l->len, sizeof(theater_string_t), 4), l->len};
    for (size_t i = 0; i < l->len; i++) c.ptr[i] = theater_string_copy(l->ptr[i].ptr, l->ptr[i].len);
    return c;
}

static void strings_drop(theater_list_string_t* l) {
    for (size_t i = 0; i < l->len; i++) theater_string_free(&l->ptr[i]);
    theater_free(l->ptr);
    l->ptr = NULL;
    l->len = 0;
}

static nested_t nested_take(nested_t n) {
    THEATER_CHECK(n.is_some <= 1);
    if (!n.is_some) return n;
    result_t* r = &n.val;
    THEATER_CHECK(r->is_err <= 1);
    if (r->is_err) {
        r->val.err = bytes_take(r->val.err);
    } else {
        THEATER_CHECK(r->val.ok.is_some <= 1);
        if (r->val.ok.is_some) r->val.ok.val = string_take(r->val.ok.val);
    }
    return n;
}

static nested_t nested_clone(const nested_t* n) {
    nested_t c = *n;
    if (!n->is_some) return c;
    if (n->val.is_err) {
        c.val.val.err = theater_list_u8_copy(n->val.val.err.ptr, n->val.val.err.len);
    } else if (n->val.val.ok.is_some) {
        const theater_string_t* s = &n->val.val.ok.val;
        c.val.val.ok.val = theater_string_copy(s->ptr, s->len);
    }
    return c;
}

static void nested_drop(nested_t* n) {
    if (!n->is_some) return;
    if (n->val.is_err) {
        theater_list_u8_free(&n->val.val.err);
    } else if (n->val.val.ok.is_some) {
        theater_string_free(&n->val.val.ok.val);
    }
}

/* Flat nested: [i32 option-tag, i32 result-tag, then ok: (i32 option-tag, i32 ptr, i32 len) | err: (ptr, len)]. */
static nested_t nested_from_flat(uint32_t opt, uint32_t res, uint32_t p0, uint32_t p1, uint32_t p2) {
    nested_t n;
    theater_memset(&n, 0, sizeof n);
    THEATER_CHECK(opt <= 1 && (opt == 0 || res <= 1));
    n.is_some = (uint8_t)opt;
    if (opt == 1) {
        n.val.is_err = (uint8_t)res;
        if (res == 1) {
            n.val.val.err.ptr = (uint8_t*)(uintptr_t)p0;
            n.val.val.err.len = p1;
        } else {
            THEATER_CHECK(p0 <= 1);
            n.val.val.ok.is_some = (uint8_t)p0;
            n.val.val.ok.val.ptr = (const char*)(uintptr_t)p1;
            n.val.val.ok.val.len = p2;
        }
    }
    return nested_take(n);
}

static void nested_to_flat(const nested_t* n, uint32_t flat[5]) {
    theater_memset(flat, 0, 5 * sizeof flat[0]);
    flat[0] = n->is_some;
    if (!n->is_some) return;
    flat[1] = n->val.is_err;
    if (n->val.is_err) {
        flat[2] = (uint32_t)(uintptr_t)n->val.val.err.ptr;
        flat[3] = n->val.val.err.len;
    } else {
        flat[2] = n->val.val.ok.is_some;
        if (n->val.val.ok.is_some) {
            flat[3] = (uint32_t)(uintptr_t)n->val.val.ok.val.ptr;
            flat[4] = n->val.val.ok.val.len;
        }
    }
}

static quad_t quad_take(quad_t q) {
    q.b = string_take(q.b);
    q.c = f64_lift(q.c);
    q.d = q.d != 0;
    return q;
}

static quad_t quad_clone(const quad_t* q) {
    quad_t c = *q;
    c.b = theater_string_copy(q->b.ptr, q->b.len);
    return c;
}

static void quad_drop(quad_t* q) {
    theater_string_free(&q->b);
}

static floats_t floats_lift(floats_t f) {
    f.a = f32_lift(f.a);
    f.b = f64_lift(f.b);
    return f;
}

/* ---- Return areas and the post-return hook. ------------------------------------------------------------ */

/* One area serves every export: the host reads it before it makes the next call. */
THEATER_RET_AREA(union {
    point_t point;
    shape_t shape;
    nested_t nested;
    theater_list_string_t strings;
    quad_t quad;
    extremes_t extremes;
    floats_t floats;
    wide_t wide;
}, ret_area);

static uint32_t post_return_count;

THEATER_EXPORT("test-post-return-count") uint32_t test_post_return_count(void) {
    return post_return_count;
}

THEATER_EXPORT("test-live-allocations") uint32_t test_live_allocations(void) {
    return theater_live_blocks();
}

/* Every export whose result owns allocations gets a cabi_post_*: it frees them and counts the call. */
#define POST_RETURN(name, c_name, type, drop) \
    THEATER_EXPORT(POST(name)) void c_name(type* ret) { \
        post_return_count++; \
        drop(ret); \
    }

/* ---- point: (i32 x, i32 y, i32 label-ptr, i32 label-len) -> i32 return-area ------------------------------ */

static point_t point_from_flat(int32_t x, int32_t y, const char* label, size_t label_len) {
    point_t p = {x, y, {label, label_len}};
    return point_take(p);
}

THEATER_EXPORT(GUEST("echo-point")) point_t* echo_point(int32_t x, int32_t y, const char* label, size_t label_len) {
    point_t v = point_from_flat(x, y, label, label_len);
    ret_area.point = point_clone(&v);
    point_drop(&v);
    return &ret_area.point;
}

THEATER_EXPORT(GUEST("relay-point")) point_t* relay_point(int32_t x, int32_t y, const char* label, size_t label_len) {
    point_t v = point_from_flat(x, y, label, label_len);
    point_t out;
    host_echo_point(v.x, v.y, v.label.ptr, v.label.len, &out);
    point_drop(&v);
    ret_area.point = point_take(out);
    return &ret_area.point;
}

POST_RETURN("echo-point", post_echo_point, point_t, point_drop)
POST_RETURN("relay-point", post_relay_point, point_t, point_drop)

/* ---- shape: (i32 tag, i64 p0, i32 p1, i32 p2, i32 p3) -> i32 return-area ------------------------------ */

THEATER_EXPORT(GUEST("echo-shape"))
shape_t* echo_shape(uint32_t tag, uint64_t p0, uint32_t p1, uint32_t p2, uint32_t p3) {
    shape_t v = shape_from_flat(tag, p0, p1, p2, p3);
    ret_area.shape = shape_clone(&v);
    shape_drop(&v);
    return &ret_area.shape;
}

THEATER_EXPORT(GUEST("relay-shape"))
shape_t* relay_shape(uint32_t tag, uint64_t p0, uint32_t p1, uint32_t p2, uint32_t p3) {
    shape_t v = shape_from_flat(tag, p0, p1, p2, p3);
    uint64_t f0 = 0;
    uint32_t f1 = 0, f2 = 0, f3 = 0;
    switch (v.tag) {
    case SHAPE_CIRCLE: f0 = theater_f64_bits(v.val.circle); break;
    case SHAPE_RECT:
        f0 = (uint32_t)v.val.rect.x;
        f1 = (uint32_t)v.val.rect.y;
        f2 = (uint32_t)(uintptr_t)v.val.rect.label.ptr;
        f3 = v.val.rect.label.len;
        break;
    case SHAPE_NAMED:
        f0 = (uint32_t)(uintptr_t)v.val.named.ptr;
        f1 = v.val.named.len;
        break;
    default: break;
    }
    shape_t out;
    host_echo_shape(v.tag, f0, f1, f2, f3, &out);
    shape_drop(&v);
    ret_area.shape = shape_take(out);
    return &ret_area.shape;
}

POST_RETURN("echo-shape", post_echo_shape, shape_t, shape_drop)
POST_RETURN("relay-shape", post_relay_shape, shape_t, shape_drop)

/* ---- color, perms, char: (i32) -> i32, no return area ---------------------------------------------------- */

THEATER_EXPORT(GUEST("echo-color")) uint32_t echo_color(uint32_t v) {
    return color_lift(v);
}

THEATER_EXPORT(GUEST("relay-color")) uint32_t relay_color(uint32_t v) {
    return color_lift(host_echo_color(color_lift(v)));
}

THEATER_EXPORT(GUEST("echo-perms")) uint32_t echo_perms(uint32_t v) {
    return perms_lift(v);
}

THEATER_EXPORT(GUEST("relay-perms")) uint32_t relay_perms(uint32_t v) {
    return perms_lift(host_echo_perms(perms_lift(v)));
}

THEATER_EXPORT(GUEST("echo-char")) uint32_t echo_char(uint32_t v) {
    return char_lift(v);
}

THEATER_EXPORT(GUEST("relay-char")) uint32_t relay_char(uint32_t v) {
    return char_lift(host_echo_char(char_lift(v)));
}

/* ---- nested: (i32 opt, i32 res, i32 p0, i32 p1, i32 p2) -> i32 return-area -------------------------------- */

THEATER_EXPORT(GUEST("echo-nested"))
nested_t* echo_nested(uint32_t opt, uint32_t res, uint32_t p0, uint32_t p1, uint32_t p2) {
    nested_t v = nested_from_flat(opt, res, p0, p1, p2);
    ret_area.nested = nested_clone(&v);
    nested_drop(&v);
    return &ret_area.nested;
}

THEATER_EXPORT(GUEST("relay-nested"))
nested_t* relay_nested(uint32_t opt, uint32_t res, uint32_t p0, uint32_t p1, uint32_t p2) {
    nested_t v = nested_from_flat(opt, res, p0, p1, p2);
    uint32_t flat[5];
    nested_to_flat(&v, flat);
    nested_t out;
    host_echo_nested(flat[0], flat[1], flat[2], flat[3], flat[4], &out);
    nested_drop(&v);
    ret_area.nested = nested_take(out);
    return &ret_area.nested;
}

POST_RETURN("echo-nested", post_echo_nested, nested_t, nested_drop)
POST_RETURN("relay-nested", post_relay_nested, nested_t, nested_drop)

/* ---- strings: (i32 ptr, i32 len) -> i32 return-area ------------------------------------------------------ */

THEATER_EXPORT(GUEST("echo-strings")) theater_list_string_t* echo_strings(theater_string_t* ptr, size_t len) {
    theater_list_string_t v = strings_take((theater_list_string_t){ptr, len});
    ret_area.strings = strings_clone(&v);
    strings_drop(&v);
    return &ret_area.strings;
}

THEATER_EXPORT(GUEST("relay-strings")) theater_list_string_t* relay_strings(theater_string_t* ptr, size_t len) {
    theater_list_string_t v = strings_take((theater_list_string_t){ptr, len});
    theater_list_string_t out;
    host_echo_strings(v.ptr, v.len, &out);
    strings_drop(&v);
    ret_area.strings = strings_take(out);
    return &ret_area.strings;
}

POST_RETURN("echo-strings", post_echo_strings, theater_list_string_t, strings_drop)
POST_RETURN("relay-strings", post_relay_strings, theater_list_string_t, strings_drop)

/* ---- quad: (i32 u8, i32 ptr, i32 len, f64, i32 bool) -> i32 return-area ---------------------------------- */

static quad_t quad_from_flat(uint32_t a, const char* b, size_t b_len, double c, uint32_t d) {
    quad_t q = {(uint8_t)a, {b, b_len}, c, (uint8_t)(d != 0)};
    return quad_take(q);
}

THEATER_EXPORT(GUEST("echo-quad")) quad_t* echo_quad(uint32_t a, const char* b, size_t b_len, double c, uint32_t d) {
    quad_t v = quad_from_flat(a, b, b_len, c, d);
    ret_area.quad = quad_clone(&v);
    quad_drop(&v);
    return &ret_area.quad;
}

THEATER_EXPORT(GUEST("relay-quad")) quad_t* relay_quad(uint32_t a, const char* b, size_t b_len, double c, uint32_t d) {
    quad_t v = quad_from_flat(a, b, b_len, c, d);
    quad_t out;
    host_echo_quad(v.a, v.b.ptr, v.b.len, v.c, v.d, &out);
    quad_drop(&v);
    ret_area.quad = quad_take(out);
    return &ret_area.quad;
}

POST_RETURN("echo-quad", post_echo_quad, quad_t, quad_drop)
POST_RETURN("relay-quad", post_relay_quad, quad_t, quad_drop)

/* ---- extremes: (i64 a, i64 b, i32 c, i32 d, i32 e, i32 f, i32 g, i32 h) -> i32 return-area ------------- */

static extremes_t extremes_from_flat(uint64_t a, int64_t b, uint32_t c, int32_t d, uint32_t e, int32_t f, uint32_t g,
                                     int32_t h) {
    extremes_t x = {a, b, c, d, (uint16_t)e, (int16_t)f, (uint8_t)g, (int8_t)h};
    return x;
}

THEATER_EXPORT(GUEST("echo-extremes"))
extremes_t* echo_extremes(uint64_t a, int64_t b, uint32_t c, int32_t d, uint32_t e, int32_t f, uint32_t g, int32_t h) {
    ret_area.extremes = extremes_from_flat(a, b, c, d, e, f, g, h);
    return &ret_area.extremes;
}

THEATER_EXPORT(GUEST("relay-extremes"))
extremes_t* relay_extremes(uint64_t a, int64_t b, uint32_t c, int32_t d, uint32_t e, int32_t f, uint32_t g, int32_t h) {
    extremes_t v = extremes_from_flat(a, b, c, d, e, f, g, h);
    extremes_t out;
    host_echo_extremes(v.a, v.b, v.c, v.d, v.e, v.f, v.g, v.h, &out);
    ret_area.extremes = out;
    return &ret_area.extremes;
}

/* ---- floats: (f32 a, f64 b) -> i32 return-area ----------------------------------------------------------- */

THEATER_EXPORT(GUEST("echo-floats")) floats_t* echo_floats(float a, double b) {
    ret_area.floats = floats_lift((floats_t){a, b});
    return &ret_area.floats;
}

THEATER_EXPORT(GUEST("relay-floats")) floats_t* relay_floats(float a, double b) {
    floats_t v = floats_lift((floats_t){a, b});
    floats_t out;
    host_echo_floats(v.a, v.b, &out);
    ret_area.floats = floats_lift(out);
    return &ret_area.floats;
}

/* ---- wide: 17 flat params, so (i32 params-ptr) -> i32 return-area; the host allocated params-ptr. -------- */

static wide_t wide_take(wide_t* params) {
    wide_t w = *params;
    theater_free(params);
    return w;
}

THEATER_EXPORT(GUEST("echo-wide")) wide_t* echo_wide(wide_t* params) {
    ret_area.wide = wide_take(params);
    return &ret_area.wide;
}

THEATER_EXPORT(GUEST("relay-wide")) wide_t* relay_wide(wide_t* params) {
    wide_t v = wide_take(params);
    wide_t out;
    host_echo_wide(&v, &out);
    ret_area.wide = out;
    return &ret_area.wide;
}

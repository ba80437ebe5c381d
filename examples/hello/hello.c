/*
 * hello: the smallest useful Theater actor, in C.
 *
 * On init it greets through the runtime handler's log, says who it is (runtime.self), counts how many times it
 * has been started in its state (a little-endian u32), and then asks the runtime to shut it down, handing over
 * a farewell as the shutdown data. `./theater run examples/hello/hello.toml` shows all of it, plus the chain.
 *
 * WIT (theater:simple):
 *   actor.init:       func(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>
 *   runtime.log:      func(msg: string)
 *   runtime.self:     func() -> actor-id            (actor-id = string)
 *   runtime.shutdown: func(data: option<list<u8>>) -> result<_, string>
 */
#define THEATER_IMPLEMENTATION
#include "../../guest-sdk/c/theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(theater_unit_t, theater_string_t) result_unit_string_t;
/* result<tuple<option<list<u8>>>, string>: the return area of init. */
typedef THEATER_RESULT(option_bytes_t, theater_string_t) init_result_t;
THEATER_LAYOUT(init_result_t, 16, 4);

/* Imports: the canonical ABI's 'lower' flattening. */
THEATER_IMPORT("theater:simple/runtime", "log")
void runtime_log(const char* ptr, size_t len);

/* self returns a string: two flat values, so the caller passes a return area. */
THEATER_IMPORT("theater:simple/runtime", "self")
void runtime_self(theater_string_t* ret);

/* shutdown(option<list<u8>>) -> result<_, string>: (is_some, ptr, len, ret_ptr). */
THEATER_IMPORT("theater:simple/runtime", "shutdown")
void runtime_shutdown(uint32_t is_some, const uint8_t* ptr, size_t len, result_unit_string_t* ret);

static void log_str(theater_string_t s) {
    runtime_log(s.ptr, s.len);
}

/* Writes "<prefix><decimal n>" into buf (at least 32 bytes) and returns it as a string. */
static theater_string_t with_number(char* buf, const char* prefix, size_t prefix_len, uint32_t n) {
    size_t len = 0;
    for (; len < prefix_len; len++) {
        buf[len] = prefix[len];
    }
    char digits[10];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (count > 0) {
        buf[len++] = digits[--count];
    }
    return (theater_string_t){buf, len};
}

THEATER_RET_AREA(init_result_t, init_ret);

/* init(state: option<list<u8>>): flat (is_some, ptr, len); returns a pointer to the result. */
THEATER_EXPORT("theater:simple/actor#init")
init_result_t* actor_init(uint32_t has_state, uint8_t* state_ptr, size_t state_len) {
    uint32_t starts = 0;
    if (has_state && state_len == 4) {
        starts = (uint32_t)state_ptr[0] | (uint32_t)state_ptr[1] << 8 | (uint32_t)state_ptr[2] << 16 |
                 (uint32_t)state_ptr[3] << 24;
    }
    if (has_state) {
        theater_free(state_ptr); /* the host allocated it for us with cabi_realloc */
    }
    starts++;

    log_str(THEATER_STR("Hello from a Theater actor written in C!"));

    theater_string_t me;
    runtime_self(&me);
    char line[128];
    const char prefix[] = "my actor id is ";
    size_t n = 0;
    for (; n < sizeof(prefix) - 1; n++) {
        line[n] = prefix[n];
    }
    for (size_t i = 0; i < me.len && n < sizeof(line); i++) {
        line[n++] = me.ptr[i];
    }
    log_str((theater_string_t){line, n});
    theater_string_free(&me);

    char buf[48];
    log_str(with_number(buf, "times started (from my state): ", 31, starts));

    static const uint8_t farewell[] = "goodbye";
    result_unit_string_t shut;
    runtime_shutdown(1, farewell, sizeof(farewell) - 1, &shut);
    if (shut.is_err) {
        log_str(THEATER_STR("the runtime refused to shut me down"));
        theater_string_free(&shut.val.err);
    }

    uint8_t* new_state = theater_alloc(4, 1);
    new_state[0] = (uint8_t)starts;
    new_state[1] = (uint8_t)(starts >> 8);
    new_state[2] = (uint8_t)(starts >> 16);
    new_state[3] = (uint8_t)(starts >> 24);
    init_ret = (init_result_t)THEATER_OK(init_result_t, THEATER_SOME(option_bytes_t, ((theater_list_u8_t){new_state, 4})));
    return &init_ret;
}

/* Frees the state bytes of the result once the host has read them. */
THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void actor_init_post(init_result_t* ret) {
    if (!ret->is_err && ret->val.ok.is_some) {
        theater_list_u8_free(&ret->val.ok.val);
    }
}

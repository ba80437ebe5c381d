/*
 * worker: a child of the supervisor-tree example, in C.
 *
 * Its state is text: a kind ("steady" or "flaky", from its manifest's init_state) and one '+' per start.
 * On init it adds a '+', logs which start this is, and, when it is flaky and has started fewer than three
 * times, sends itself a "crash" message. handle-send("crash") traps: the supervised child fails, and its
 * supervisor restarts it after a backoff. flaky's supervisor restarts it from its last state, so the count
 * survives, and from the third start on it stays up.
 *
 * WIT (theater:simple):
 *   actor.init:                        func(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>
 *   message-server-client.handle-send: func(state: option<list<u8>>, params: tuple<list<u8>>) -> (same)
 *   runtime.log:                       func(msg: string)
 *   runtime.self:                      func() -> actor-id
 *   message-server-host.send:          func(actor-id: actor-id, msg: list<u8>) -> result<_, string>
 */
#define THEATER_IMPLEMENTATION
#include "../../guest-sdk/c/theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(theater_unit_t, theater_string_t) result_unit_string_t;
/* result<tuple<option<list<u8>>>, string>: the return area of both exports. */
typedef THEATER_RESULT(option_bytes_t, theater_string_t) state_result_t;
THEATER_LAYOUT(state_result_t, 16, 4);

THEATER_IMPORT("theater:simple/runtime", "log")
void runtime_log(const char* ptr, size_t len);

THEATER_IMPORT("theater:simple/runtime", "self")
void runtime_self(theater_string_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "send")
void message_send(const char* id, size_t id_len, const uint8_t* msg, size_t msg_len, result_unit_string_t* ret);

static const char CRASH[] = "crash";

/* Appends len bytes at src to buf at *at. */
static void put(char* buf, size_t* at, const char* src, size_t len) {
    for (size_t i = 0; i < len; i++) {
        buf[(*at)++] = src[i];
    }
}

static void put_number(char* buf, size_t* at, uint32_t n) {
    char digits[10];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (count > 0) {
        buf[(*at)++] = digits[--count];
    }
}

static bool starts_with(const uint8_t* ptr, size_t len, const char* prefix, size_t prefix_len) {
    if (len < prefix_len) {
        return false;
    }
    for (size_t i = 0; i < prefix_len; i++) {
        if (ptr[i] != (uint8_t)prefix[i]) {
            return false;
        }
    }
    return true;
}

THEATER_RET_AREA(state_result_t, ret);

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* actor_init(uint32_t has_state, uint8_t* state_ptr, size_t state_len) {
    if (!has_state) {
        state_len = 0;
    }
    /* The new state: the old one plus a '+' for this start. */
    uint8_t* state = theater_alloc(state_len + 1, 1);
    uint32_t starts = 1;
    for (size_t i = 0; i < state_len; i++) {
        state[i] = state_ptr[i];
        starts += state_ptr[i] == '+';
    }
    state[state_len] = '+';
    if (has_state) {
        theater_free(state_ptr);
    }
    bool flaky = starts_with(state, state_len, "flaky", 5);

    char line[96];
    size_t n = 0;
    put(line, &n, flaky ? "flaky" : "steady", flaky ? 5 : 6);
    put(line, &n, ": start ", 8);
    put_number(line, &n, starts);
    runtime_log(line, n);

    if (flaky && starts < 3) {
        runtime_log("flaky: something is wrong; I will crash", 39);
        theater_string_t me;
        runtime_self(&me);
        result_unit_string_t sent;
        message_send(me.ptr, me.len, (const uint8_t*)CRASH, sizeof(CRASH) - 1, &sent);
        if (sent.is_err) {
            theater_string_free(&sent.val.err);
        }
        theater_string_free(&me);
    }
    ret = (state_result_t)THEATER_OK(
        state_result_t, THEATER_SOME(option_bytes_t, ((theater_list_u8_t){state, state_len + 1})));
    return &ret;
}

THEATER_EXPORT("theater:simple/message-server-client#handle-send")
state_result_t* handle_send(uint32_t has_state, uint8_t* state_ptr, size_t state_len, uint8_t* msg, size_t msg_len) {
    if (starts_with(msg, msg_len, CRASH, sizeof(CRASH) - 1)) {
        runtime_log("flaky: crashing now", 19);
        THEATER_TRAP();
    }
    theater_free(msg);
    /* Keep the state: hand the host's copy back (freed in cabi_post once the host has read it). */
    ret = has_state ? (state_result_t)THEATER_OK(
                          state_result_t, THEATER_SOME(option_bytes_t, ((theater_list_u8_t){state_ptr, state_len})))
                    : (state_result_t)THEATER_OK(state_result_t, THEATER_NONE(option_bytes_t));
    return &ret;
}

static void free_state(state_result_t* r) {
    if (!r->is_err && r->val.ok.is_some) {
        theater_list_u8_free(&r->val.ok.val);
    }
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void actor_init_post(state_result_t* r) {
    free_state(r);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(state_result_t* r) {
    free_state(r);
}

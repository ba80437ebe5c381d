/*
 * supervisor: the root of the supervisor-tree example, in C.
 *
 * On init it spawns three children through theater:simple/supervisor and logs what became of each:
 * steady.toml and flaky.toml start; greedy.toml asks for the process handler, which this actor does not have,
 * so the runtime refuses it (a child's permissions are never wider than its parent's). Restarts are not
 * written here: they follow the [supervision] table of supervisor.toml. The supervisor-handlers exports only
 * log what the runtime tells about the children.
 *
 * WIT (theater:simple):
 *   actor.init:          func(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>
 *   supervisor.spawn:    func(manifest: string, init-bytes: option<list<u8>>) -> result<string, string>
 *   supervisor-handlers: handle-child-error(state, (child-id, wit-actor-error)),
 *                        handle-child-exit(state, (child-id, option<list<u8>>)),
 *                        handle-child-external-stop(state, (child-id)), each -> result<tuple<option<state>>, string>
 *   runtime.log:         func(msg: string)
 */
#define THEATER_IMPLEMENTATION
#include "../../guest-sdk/c/theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(theater_string_t, theater_string_t) result_string_string_t;
THEATER_LAYOUT(result_string_string_t, 12, 4);
typedef THEATER_RESULT(option_bytes_t, theater_string_t) state_result_t;
THEATER_LAYOUT(state_result_t, 16, 4);

THEATER_IMPORT("theater:simple/runtime", "log")
void runtime_log(const char* ptr, size_t len);

/* spawn(manifest: string, init-bytes: option<list<u8>>) -> result<string, string>: a return area. */
THEATER_IMPORT("theater:simple/supervisor", "spawn")
void supervisor_spawn(const char* manifest, size_t manifest_len, uint32_t has_init, const uint8_t* init,
                      size_t init_len, result_string_string_t* ret);

static const char* const CHILDREN[] = {"steady.toml", "flaky.toml", "greedy.toml"};

static char line[1024];
static size_t line_len;

static void put(const char* src, size_t len) {
    for (size_t i = 0; i < len && line_len < sizeof(line); i++) {
        line[line_len++] = src[i];
    }
}

static size_t length(const char* s) {
    size_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    return n;
}

static void spawn(const char* manifest) {
    result_string_string_t result;
    supervisor_spawn(manifest, length(manifest), 0, 0, 0, &result);
    line_len = 0;
    if (result.is_err) {
        put("could not spawn ", 16);
        put(manifest, length(manifest));
        put(": ", 2);
        put(result.val.err.ptr, result.val.err.len);
        theater_string_free(&result.val.err);
    } else {
        put("spawned ", 8);
        put(manifest, length(manifest));
        put(" as ", 4);
        put(result.val.ok.ptr, result.val.ok.len);
        theater_string_free(&result.val.ok);
    }
    runtime_log(line, line_len);
}

THEATER_RET_AREA(state_result_t, ret);

/* Hands the host's copy of the state back unchanged (freed in cabi_post once the host has read it). */
static state_result_t* keep(uint32_t has_state, uint8_t* state_ptr, size_t state_len) {
    ret = has_state ? (state_result_t)THEATER_OK(
                          state_result_t, THEATER_SOME(option_bytes_t, ((theater_list_u8_t){state_ptr, state_len})))
                    : (state_result_t)THEATER_OK(state_result_t, THEATER_NONE(option_bytes_t));
    return &ret;
}

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* actor_init(uint32_t has_state, uint8_t* state_ptr, size_t state_len) {
    runtime_log("supervisor: starting my children", 32);
    for (size_t i = 0; i < sizeof(CHILDREN) / sizeof(CHILDREN[0]); i++) {
        spawn(CHILDREN[i]);
    }
    return keep(has_state, state_ptr, state_len);
}

/* Logs "<what> <child id><suffix>" and frees the id the host passed in. */
static void tell(const char* what, char* id, size_t id_len, const char* suffix, size_t suffix_len) {
    line_len = 0;
    put(what, length(what));
    put(id, id_len);
    put(suffix, suffix_len);
    runtime_log(line, line_len);
    theater_free(id);
}

/* handle-child-error(state, (child-id, { error-type: enum, data: option<list<u8>> })): nine flat values. */
THEATER_EXPORT("theater:simple/supervisor-handlers#handle-child-error")
state_result_t* handle_child_error(uint32_t has_state, uint8_t* state_ptr, size_t state_len, char* id,
                                   size_t id_len, uint32_t error_type, uint32_t has_data, uint8_t* data,
                                   size_t data_len) {
    (void)error_type;
    tell("supervisor: child ", id, id_len, " failed: ", 9);
    if (has_data) {
        runtime_log((const char*)data, data_len);
        theater_free(data);
    }
    return keep(has_state, state_ptr, state_len);
}

THEATER_EXPORT("theater:simple/supervisor-handlers#handle-child-exit")
state_result_t* handle_child_exit(uint32_t has_state, uint8_t* state_ptr, size_t state_len, char* id,
                                  size_t id_len, uint32_t has_data, uint8_t* data, size_t data_len) {
    (void)data_len;
    tell("supervisor: child ", id, id_len, " exited", 7);
    if (has_data) {
        theater_free(data);
    }
    return keep(has_state, state_ptr, state_len);
}

THEATER_EXPORT("theater:simple/supervisor-handlers#handle-child-external-stop")
state_result_t* handle_child_external_stop(uint32_t has_state, uint8_t* state_ptr, size_t state_len, char* id,
                                           size_t id_len) {
    tell("supervisor: child ", id, id_len, " was stopped from outside", 25);
    return keep(has_state, state_ptr, state_len);
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

THEATER_EXPORT("cabi_post_theater:simple/supervisor-handlers#handle-child-error")
void handle_child_error_post(state_result_t* r) {
    free_state(r);
}

THEATER_EXPORT("cabi_post_theater:simple/supervisor-handlers#handle-child-exit")
void handle_child_exit_post(state_result_t* r) {
    free_state(r);
}

THEATER_EXPORT("cabi_post_theater:simple/supervisor-handlers#handle-child-external-stop")
void handle_child_external_stop_post(state_result_t* r) {
    free_state(r);
}

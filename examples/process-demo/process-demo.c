/*
 * process-demo: an actor that runs a real program through the process handler and collects its output.
 *
 * On init it starts `ls -1` (a program name its manifest grants in allowed_programs; it runs in the first of
 * allowed_dirs, the example's own directory) with stdout cut into lines. Each line arrives at handle-stdout: the
 * actor logs it and counts it in its state (a little-endian u32). When the process has exited - after all of its
 * output - handle-exit logs the exit code and the number of lines, and asks the runtime to shut the actor down.
 *
 * WIT (theater:simple):
 *   actor.init:                    func(state: option<list<u8>>) -> result<tuple<option<list<u8>>>, string>
 *   process.os-spawn:              func(config: process-config) -> result<u64, string>
 *   process-handlers.handle-stdout func(state, params: tuple<u64, list<u8>>) -> result<tuple<option<list<u8>>>, string>
 *   process-handlers.handle-stderr (same)
 *   process-handlers.handle-exit   func(state, params: tuple<u64, s32>) -> result<tuple<option<list<u8>>>, string>
 *   runtime.log:                   func(msg: string)
 *   runtime.shutdown:              func(data: option<list<u8>>) -> result<_, string>
 */
#define THEATER_IMPLEMENTATION
#include "../../guest-sdk/c/theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(option_bytes_t, theater_string_t) state_result_t;
THEATER_LAYOUT(state_result_t, 16, 4);
typedef THEATER_RESULT(uint64_t, theater_string_t) result_u64_t;
THEATER_LAYOUT(result_u64_t, 16, 8);
typedef THEATER_RESULT(theater_unit_t, theater_string_t) result_unit_t;
THEATER_LAYOUT(result_unit_t, 12, 4);
typedef struct {
    theater_string_t name;
    theater_string_t value;
} env_t;

/* output-mode cases, in WIT order. */
enum { MODE_RAW = 0, MODE_LINE_BY_LINE = 1, MODE_JSON = 2, MODE_CHUNKED = 3 };

/* os-spawn: the process-config record flattens to 16 values, then the return area. */
THEATER_IMPORT("theater:simple/process", "os-spawn")
void os_spawn(const char* program, size_t program_len, const theater_string_t* args, size_t args_len,
              uint32_t has_cwd, const char* cwd, size_t cwd_len, const env_t* env, size_t env_len,
              uint32_t buffer_size, uint32_t stdout_mode, uint32_t stderr_mode, uint32_t has_chunk,
              uint32_t chunk_size, uint32_t has_timeout, uint64_t timeout_ms, result_u64_t* ret);

THEATER_IMPORT("theater:simple/runtime", "log")
void runtime_log(const char* ptr, size_t len);

THEATER_IMPORT("theater:simple/runtime", "shutdown")
void runtime_shutdown(uint32_t is_some, const uint8_t* ptr, size_t len, result_unit_t* ret);

/* ---- small text helpers ---- */

typedef struct {
    char bytes[512];
    size_t len;
} line_t;

static void put(line_t* l, const char* s, size_t n) {
    for (size_t i = 0; i < n && l->len < sizeof(l->bytes); i++) l->bytes[l->len++] = s[i];
}

static void put_str(line_t* l, const char* s) {
    size_t n = 0;
    while (s[n]) n++;
    put(l, s, n);
}

static void put_s64(line_t* l, int64_t v) {
    char digits[20];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
    if (v < 0) put(l, "-", 1);
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n > 0) put(l, &digits[--n], 1);
}

static void log_line(line_t* l) {
    runtime_log(l->bytes, l->len);
}

/* ---- state: the number of lines received, a little-endian u32 ---- */

static uint32_t read_count(uint32_t has_state, const uint8_t* ptr, size_t len) {
    if (!has_state || len != 4) return 0;
    return (uint32_t)ptr[0] | (uint32_t)ptr[1] << 8 | (uint32_t)ptr[2] << 16 | (uint32_t)ptr[3] << 24;
}

THEATER_RET_AREA(state_result_t, ret);

static state_result_t* ok_count(uint32_t count) {
    uint8_t* bytes = theater_alloc(4, 1);
    for (int i = 0; i < 4; i++) bytes[i] = (uint8_t)(count >> (8 * i));
    ret = THEATER_OK(state_result_t, THEATER_SOME(option_bytes_t, ((theater_list_u8_t){bytes, 4})));
    return &ret;
}

static void post(state_result_t* r) {
    if (r->is_err) {
        theater_string_free(&r->val.err);
    } else if (r->val.ok.is_some) {
        theater_list_u8_free(&r->val.ok.val);
    }
}

/* ---- exports ---- */

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* actor_init(uint32_t has_state, uint8_t* state_ptr, size_t state_len) {
    (void)state_len;
    if (has_state) theater_free(state_ptr); /* a fresh count on every start */

    static const theater_string_t args[] = {THEATER_STR("-1")};
    result_u64_t spawned;
    os_spawn("ls", 2, args, 1, /* cwd: none, so the first allowed directory */ 0, NULL, 0, NULL, 0,
             /* buffer-size */ 4096, MODE_LINE_BY_LINE, MODE_RAW, /* chunk-size */ 0, 0,
             /* execution-timeout: 5 s */ 1, 5000, &spawned);
    line_t l = {.len = 0};
    if (spawned.is_err) {
        put_str(&l, "process-demo: could not run ls: ");
        put(&l, spawned.val.err.ptr, spawned.val.err.len);
        theater_string_free(&spawned.val.err);
        log_line(&l);
        theater_string_t why = theater_string_copy(l.bytes, l.len);
        ret = THEATER_ERR(state_result_t, why);
        return &ret;
    }
    put_str(&l, "process-demo: started ls -1 as process ");
    put_s64(&l, (int64_t)spawned.val.ok);
    log_line(&l);
    return ok_count(0);
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void actor_init_post(state_result_t* r) {
    post(r);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-stdout")
state_result_t* handle_stdout(uint32_t has_state, uint8_t* state_ptr, size_t state_len, uint64_t pid,
                              uint8_t* data, size_t data_len) {
    uint32_t count = read_count(has_state, state_ptr, state_len);
    if (has_state) theater_free(state_ptr);
    line_t l = {.len = 0};
    put_str(&l, "ls: ");
    put(&l, (const char*)data, data_len);
    log_line(&l);
    theater_free(data);
    (void)pid;
    return ok_count(count + 1);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-stdout")
void handle_stdout_post(state_result_t* r) {
    post(r);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-stderr")
state_result_t* handle_stderr(uint32_t has_state, uint8_t* state_ptr, size_t state_len, uint64_t pid,
                              uint8_t* data, size_t data_len) {
    uint32_t count = read_count(has_state, state_ptr, state_len);
    if (has_state) theater_free(state_ptr);
    line_t l = {.len = 0};
    put_str(&l, "ls (stderr): ");
    put(&l, (const char*)data, data_len);
    log_line(&l);
    theater_free(data);
    (void)pid;
    return ok_count(count);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-stderr")
void handle_stderr_post(state_result_t* r) {
    post(r);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-exit")
state_result_t* handle_exit(uint32_t has_state, uint8_t* state_ptr, size_t state_len, uint64_t pid, int32_t code) {
    uint32_t count = read_count(has_state, state_ptr, state_len);
    if (has_state) theater_free(state_ptr);
    line_t l = {.len = 0};
    put_str(&l, "process-demo: ls exited with code ");
    put_s64(&l, code);
    put_str(&l, " after ");
    put_s64(&l, count);
    put_str(&l, " lines; shutting down");
    log_line(&l);
    (void)pid;

    result_unit_t shut;
    runtime_shutdown(0, NULL, 0, &shut);
    if (shut.is_err) theater_string_free(&shut.val.err);
    return ok_count(count);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-exit")
void handle_exit_post(state_result_t* r) {
    post(r);
}

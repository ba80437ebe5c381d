/*
 * process-driver: the test actor of the process handler. Tests drive it with requests and read what it received
 * from its state.
 *
 * State: a log of what the handler delivered, one record after another:
 *     kind (u8: 'o' stdout, 'e' stderr, 'x' exit) | pid (u64 LE) | length (u32 LE) | bytes
 * (an exit's bytes are its code as an s32 LE).
 *
 * Requests (message-server-client.handle-request; the payload's fields are separated by NUL bytes):
 *     spawn  p=<program> a=<arg>... c=<cwd> e=<NAME>=<value>... b=<buffer-size> o=<stdout-mode> r=<stderr-mode>
 *            k=<chunk-size> t=<execution-timeout ms>       -> "ok <pid>"
 *            (modes are digits: 0 raw, 1 line-by-line, 2 json, 3 chunked; every field but p= is optional)
 *     write  <pid> <bytes, the rest of the payload>        -> "ok <bytes accepted>"
 *     status <pid>                                         -> "ok running=<0|1> exit=<code|none> start=<ms> pid=<pid>"
 *     signal <pid> <signal>                                -> "ok"
 *     kill   <pid>                                         -> "ok"
 * Every failure answers "err <message>".
 *
 * init: an init state of "crash" NUL <spawn fields> spawns that process and then fails init on purpose, which fails
 * the actor; any other init state is kept.
 */
#define THEATER_IMPLEMENTATION
#include "theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(option_bytes_t, theater_string_t) state_result_t;
THEATER_LAYOUT(state_result_t, 16, 4);
typedef struct {
    option_bytes_t state;
    option_bytes_t response;
} request_ok_t;
typedef THEATER_RESULT(request_ok_t, theater_string_t) request_result_t;
THEATER_LAYOUT(request_result_t, 28, 4);

typedef THEATER_RESULT(uint64_t, theater_string_t) result_u64_t;
THEATER_LAYOUT(result_u64_t, 16, 8);
typedef THEATER_RESULT(uint32_t, theater_string_t) result_u32_t;
THEATER_LAYOUT(result_u32_t, 12, 4);
typedef THEATER_RESULT(theater_unit_t, theater_string_t) result_unit_t;
THEATER_LAYOUT(result_unit_t, 12, 4);
typedef THEATER_OPTION(int32_t) option_s32_t;
typedef struct {
    uint64_t pid;
    uint8_t running;
    option_s32_t exit_code;
    uint64_t start_time;
} status_t;
THEATER_LAYOUT(status_t, 32, 8);
typedef THEATER_RESULT(status_t, theater_string_t) result_status_t;
THEATER_LAYOUT(result_status_t, 40, 8);
typedef struct {
    theater_string_t name;
    theater_string_t value;
} env_t;
THEATER_LAYOUT(env_t, 16, 4);

/* os-spawn(config: process-config) -> result<u64, string>: the record flattens to exactly 16 values. */
THEATER_IMPORT("theater:simple/process", "os-spawn")
void os_spawn(const char* program, size_t program_len, const theater_string_t* args, size_t args_len,
              uint32_t has_cwd, const char* cwd, size_t cwd_len, const env_t* env, size_t env_len,
              uint32_t buffer_size, uint32_t stdout_mode, uint32_t stderr_mode, uint32_t has_chunk,
              uint32_t chunk_size, uint32_t has_timeout, uint64_t timeout, result_u64_t* ret);

THEATER_IMPORT("theater:simple/process", "os-write-stdin")
void os_write_stdin(uint64_t pid, const uint8_t* data, size_t len, result_u32_t* ret);

THEATER_IMPORT("theater:simple/process", "os-status")
void os_status(uint64_t pid, result_status_t* ret);

THEATER_IMPORT("theater:simple/process", "os-signal")
void os_signal(uint64_t pid, uint32_t signal, result_unit_t* ret);

THEATER_IMPORT("theater:simple/process", "os-kill")
void os_kill(uint64_t pid, result_unit_t* ret);

/* ---- a growable byte buffer ---- */

typedef struct {
    uint8_t* ptr;
    size_t len;
    size_t cap;
} buf_t;

static void buf_put(buf_t* b, const void* data, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap < 64 ? 64 : b->cap;
        while (cap < b->len + n) cap *= 2;
        b->ptr = theater_realloc(b->ptr, b->len, 1, cap);
        b->cap = cap;
    }
    theater_memcpy(b->ptr + b->len, data, n);
    b->len += n;
}

static void buf_str(buf_t* b, const char* s) {
    size_t n = 0;
    while (s[n]) n++;
    buf_put(b, s, n);
}

static void buf_u64(buf_t* b, uint64_t v) {
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) buf_put(b, &digits[--n], 1);
}

static void buf_s32(buf_t* b, int32_t v) {
    if (v < 0) {
        buf_put(b, "-", 1);
        buf_u64(b, (uint64_t)(-(int64_t)v));
    } else {
        buf_u64(b, (uint64_t)v);
    }
}

static theater_list_u8_t buf_list(buf_t* b) {
    return (theater_list_u8_t){b->ptr, b->len};
}

/* ---- parsing ---- */

typedef struct {
    const char* ptr;
    size_t len;
} field_t;

/* Splits [ptr, ptr+len) at NUL bytes into at most max fields; returns the count. */
static size_t split(const uint8_t* ptr, size_t len, field_t* out, size_t max) {
    size_t count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len && count < max; i++) {
        if (i == len || ptr[i] == 0) {
            out[count++] = (field_t){(const char*)ptr + start, i - start};
            start = i + 1;
        }
    }
    return count;
}

static bool field_is(field_t f, const char* s) {
    size_t n = 0;
    while (s[n]) n++;
    return theater_string_eq((theater_string_t){f.ptr, f.len}, (theater_string_t){s, n});
}

static uint64_t parse_u64(const char* p, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        THEATER_CHECK(p[i] >= '0' && p[i] <= '9');
        v = v * 10 + (uint64_t)(p[i] - '0');
    }
    return v;
}

static uint64_t field_u64(field_t f) {
    return parse_u64(f.ptr, f.len);
}

/* ---- state ---- */

static void record(theater_list_u8_t* state, uint8_t kind, uint64_t pid, const uint8_t* data, size_t len) {
    size_t old = state->len;
    size_t size = old + 1 + 8 + 4 + len;
    uint8_t* p = theater_realloc(state->ptr, old, 1, size);
    uint8_t* w = p + old;
    *w++ = kind;
    for (int i = 0; i < 8; i++) *w++ = (uint8_t)(pid >> (8 * i));
    for (int i = 0; i < 4; i++) *w++ = (uint8_t)((uint32_t)len >> (8 * i));
    theater_memcpy(w, data, len);
    state->ptr = p;
    state->len = size;
}

static theater_list_u8_t take_state(uint32_t has_state, uint8_t* ptr, size_t len) {
    if (!has_state) return (theater_list_u8_t){NULL, 0};
    return (theater_list_u8_t){ptr, len};
}

/* ---- spawning ---- */

#define MAX_FIELDS 96

/* Runs os-spawn with the key=value fields; writes "ok <pid>" or "err <message>" to out. Returns whether it worked. */
static bool spawn(const field_t* fields, size_t count, buf_t* out) {
    field_t program = {NULL, 0};
    theater_string_t args[MAX_FIELDS];
    size_t nargs = 0;
    env_t env[MAX_FIELDS];
    size_t nenv = 0;
    uint32_t has_cwd = 0;
    field_t cwd = {NULL, 0};
    uint32_t buffer_size = 4096, stdout_mode = 0, stderr_mode = 0, has_chunk = 0, chunk = 0, has_timeout = 0;
    uint64_t timeout = 0;
    for (size_t i = 0; i < count; i++) {
        field_t f = fields[i];
        THEATER_CHECK(f.len >= 2 && f.ptr[1] == '=');
        field_t v = {f.ptr + 2, f.len - 2};
        switch (f.ptr[0]) {
            case 'p': program = v; break;
            case 'a': args[nargs++] = (theater_string_t){v.ptr, v.len}; break;
            case 'c': has_cwd = 1, cwd = v; break;
            case 'e': {
                size_t eq = 0;
                while (eq < v.len && v.ptr[eq] != '=') eq++;
                THEATER_CHECK(eq < v.len);
                env[nenv++] = (env_t){{v.ptr, eq}, {v.ptr + eq + 1, v.len - eq - 1}};
                break;
            }
            case 'b': buffer_size = (uint32_t)field_u64(v); break;
            case 'o': stdout_mode = (uint32_t)field_u64(v); break;
            case 'r': stderr_mode = (uint32_t)field_u64(v); break;
            case 'k': has_chunk = 1, chunk = (uint32_t)field_u64(v); break;
            case 't': has_timeout = 1, timeout = field_u64(v); break;
            default: THEATER_TRAP();
        }
    }
    result_u64_t r;
    os_spawn(program.ptr, program.len, args, nargs, has_cwd, cwd.ptr, cwd.len, env, nenv, buffer_size,
             stdout_mode, stderr_mode, has_chunk, chunk, has_timeout, timeout, &r);
    if (r.is_err) {
        buf_str(out, "err ");
        buf_put(out, r.val.err.ptr, r.val.err.len);
        theater_string_free(&r.val.err);
        return false;
    }
    buf_str(out, "ok ");
    buf_u64(out, r.val.ok);
    return true;
}

static void answer_unit(result_unit_t* r, buf_t* out) {
    if (r->is_err) {
        buf_str(out, "err ");
        buf_put(out, r->val.err.ptr, r->val.err.len);
        theater_string_free(&r->val.err);
    } else {
        buf_str(out, "ok");
    }
}

/* ---- exports ---- */

THEATER_RET_AREA(state_result_t, state_ret);

static state_result_t* ok_state(theater_list_u8_t state) {
    state_ret = THEATER_OK(state_result_t, THEATER_SOME(option_bytes_t, state));
    return &state_ret;
}

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* actor_init(uint32_t has_state, uint8_t* ptr, size_t len) {
    theater_list_u8_t state = take_state(has_state, ptr, len);
    field_t fields[MAX_FIELDS];
    size_t count = split(state.ptr, state.len, fields, MAX_FIELDS);
    if (state.len > 0 && field_is(fields[0], "crash")) {
        buf_t out = {NULL, 0, 0};
        bool spawned = spawn(fields + 1, count - 1, &out);
        buf_t message = {NULL, 0, 0};
        buf_str(&message, spawned ? "crash after spawn: " : "spawn failed: ");
        buf_put(&message, out.ptr, out.len);
        theater_free(out.ptr);
        theater_list_u8_free(&state);
        state_ret = THEATER_ERR(state_result_t, ((theater_string_t){(const char*)message.ptr, message.len}));
        return &state_ret;
    }
    return ok_state(state);
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void actor_init_post(state_result_t* ret) {
    if (ret->is_err) {
        theater_string_free(&ret->val.err);
    } else if (ret->val.ok.is_some) {
        theater_list_u8_free(&ret->val.ok.val);
    }
}

static state_result_t* on_output(uint8_t kind, uint32_t has_state, uint8_t* ptr, size_t len, uint64_t pid,
                                 uint8_t* data, size_t data_len) {
    theater_list_u8_t state = take_state(has_state, ptr, len);
    record(&state, kind, pid, data, data_len);
    theater_free(data);
    return ok_state(state);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-stdout")
state_result_t* handle_stdout(uint32_t has_state, uint8_t* ptr, size_t len, uint64_t pid, uint8_t* data,
                              size_t data_len) {
    return on_output('o', has_state, ptr, len, pid, data, data_len);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-stderr")
state_result_t* handle_stderr(uint32_t has_state, uint8_t* ptr, size_t len, uint64_t pid, uint8_t* data,
                              size_t data_len) {
    return on_output('e', has_state, ptr, len, pid, data, data_len);
}

THEATER_EXPORT("theater:simple/process-handlers#handle-exit")
state_result_t* handle_exit(uint32_t has_state, uint8_t* ptr, size_t len, uint64_t pid, int32_t code) {
    theater_list_u8_t state = take_state(has_state, ptr, len);
    uint8_t bytes[4];
    for (int i = 0; i < 4; i++) bytes[i] = (uint8_t)((uint32_t)code >> (8 * i));
    record(&state, 'x', pid, bytes, 4);
    return ok_state(state);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-stdout")
void handle_stdout_post(state_result_t* ret) {
    actor_init_post(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-stderr")
void handle_stderr_post(state_result_t* ret) {
    actor_init_post(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/process-handlers#handle-exit")
void handle_exit_post(state_result_t* ret) {
    actor_init_post(ret);
}

THEATER_RET_AREA(request_result_t, request_ret);

THEATER_EXPORT("theater:simple/message-server-client#handle-request")
request_result_t* handle_request(uint32_t has_state, uint8_t* ptr, size_t len, char* id, size_t id_len,
                                 uint8_t* payload, size_t payload_len) {
    theater_list_u8_t state = take_state(has_state, ptr, len);
    (void)id_len;
    theater_free(id);
    field_t fields[MAX_FIELDS];
    size_t count = split(payload, payload_len, fields, MAX_FIELDS);
    buf_t out = {NULL, 0, 0};
    field_t command = fields[0];
    if (field_is(command, "spawn")) {
        spawn(fields + 1, count - 1, &out);
    } else if (field_is(command, "write")) {
        THEATER_CHECK(count >= 2);
        uint64_t pid = field_u64(fields[1]);
        /* The data is everything after "write" NUL <pid> NUL, NUL bytes included. */
        size_t offset = (size_t)((const uint8_t*)fields[1].ptr - payload) + fields[1].len + 1;
        size_t data_len = offset <= payload_len ? payload_len - offset : 0;
        result_u32_t r;
        os_write_stdin(pid, payload + offset, data_len, &r);
        if (r.is_err) {
            buf_str(&out, "err ");
            buf_put(&out, r.val.err.ptr, r.val.err.len);
            theater_string_free(&r.val.err);
        } else {
            buf_str(&out, "ok ");
            buf_u64(&out, r.val.ok);
        }
    } else if (field_is(command, "status")) {
        THEATER_CHECK(count == 2);
        result_status_t r;
        os_status(field_u64(fields[1]), &r);
        if (r.is_err) {
            buf_str(&out, "err ");
            buf_put(&out, r.val.err.ptr, r.val.err.len);
            theater_string_free(&r.val.err);
        } else {
            buf_str(&out, "ok running=");
            buf_u64(&out, r.val.ok.running);
            buf_str(&out, " exit=");
            if (r.val.ok.exit_code.is_some) {
                buf_s32(&out, r.val.ok.exit_code.val);
            } else {
                buf_str(&out, "none");
            }
            buf_str(&out, " start=");
            buf_u64(&out, r.val.ok.start_time);
            buf_str(&out, " pid=");
            buf_u64(&out, r.val.ok.pid);
        }
    } else if (field_is(command, "signal")) {
        THEATER_CHECK(count == 3);
        result_unit_t r;
        os_signal(field_u64(fields[1]), (uint32_t)field_u64(fields[2]), &r);
        answer_unit(&r, &out);
    } else if (field_is(command, "kill")) {
        THEATER_CHECK(count == 2);
        result_unit_t r;
        os_kill(field_u64(fields[1]), &r);
        answer_unit(&r, &out);
    } else {
        buf_str(&out, "err unknown command");
    }
    theater_free(payload);
    request_ok_t ok = {THEATER_SOME(option_bytes_t, state), THEATER_SOME(option_bytes_t, buf_list(&out))};
    request_ret = THEATER_OK(request_result_t, ok);
    return &request_ret;
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void handle_request_post(request_result_t* ret) {
    if (ret->is_err) {
        theater_string_free(&ret->val.err);
        return;
    }
    if (ret->val.ok.state.is_some) theater_list_u8_free(&ret->val.ok.state.val);
    if (ret->val.ok.response.is_some) theater_list_u8_free(&ret->val.ok.response.val);
}

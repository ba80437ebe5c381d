/*
 * messages.h - what ping and pong share: the messaging imports, the export result types and a small text builder.
 *
 * WIT (theater:simple):
 *   message-server-host.send:            func(actor-id: string, msg: list<u8>) -> result<_, string>
 *   message-server-host.request:         func(actor-id: string, msg: list<u8>) -> result<list<u8>, string>
 *   message-server-host.open-channel:    func(actor-id: string, initial-msg: list<u8>) -> result<channel-id, string>
 *   message-server-host.send-on-channel: func(channel-id: string, msg: list<u8>) -> result<_, string>
 *   message-server-host.close-channel:   func(channel-id: string) -> result<_, string>
 *   runtime.log:                         func(msg: string)
 *   runtime.shutdown:                    func(data: option<list<u8>>) -> result<_, string>
 * Results with more than one flat value come back through a return area the caller passes last.
 */
#ifndef PING_PONG_MESSAGES_H
#define PING_PONG_MESSAGES_H

#include "../../guest-sdk/c/theater.h"

typedef THEATER_OPTION(theater_list_u8_t) option_bytes_t;
typedef THEATER_RESULT(theater_unit_t, theater_string_t) result_unit_t;
typedef THEATER_RESULT(theater_list_u8_t, theater_string_t) result_bytes_t;
typedef THEATER_RESULT(theater_string_t, theater_string_t) result_string_t;

/* result<tuple<option<list<u8>>>, string>: what init and most handlers return. */
typedef THEATER_RESULT(option_bytes_t, theater_string_t) state_result_t;
THEATER_LAYOUT(state_result_t, 16, 4);

THEATER_IMPORT("theater:simple/runtime", "log")
void runtime_log(const char* ptr, size_t len);

THEATER_IMPORT("theater:simple/runtime", "shutdown")
void runtime_shutdown(uint32_t is_some, const uint8_t* ptr, size_t len, result_unit_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "send")
void ms_send(const char* id, size_t id_len, const uint8_t* msg, size_t msg_len, result_unit_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "request")
void ms_request(const char* id, size_t id_len, const uint8_t* msg, size_t msg_len, result_bytes_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "open-channel")
void ms_open_channel(const char* id, size_t id_len, const uint8_t* msg, size_t msg_len, result_string_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "send-on-channel")
void ms_send_on_channel(const char* cid, size_t cid_len, const uint8_t* msg, size_t msg_len, result_unit_t* ret);

THEATER_IMPORT("theater:simple/message-server-host", "close-channel")
void ms_close_channel(const char* cid, size_t cid_len, result_unit_t* ret);

/* A line of text being put together on the stack. */
typedef struct {
    char data[256];
    size_t len;
} line_t;

static inline void line_add(line_t* line, const char* ptr, size_t len) {
    for (size_t i = 0; i < len && line->len < sizeof(line->data); i++) {
        line->data[line->len++] = ptr[i];
    }
}

static inline void line_str(line_t* line, theater_string_t s) {
    line_add(line, s.ptr, s.len);
}

static inline void line_num(line_t* line, uint32_t n) {
    char digits[10];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (count > 0) {
        line_add(line, &digits[--count], 1);
    }
}

static inline void log_line(const line_t* line) {
    runtime_log(line->data, line->len);
}

/* Logs prefix followed by the error, and frees the error (the host allocated it). */
static inline void log_err(const char* prefix, size_t prefix_len, theater_string_t* err) {
    line_t line = {.len = 0};
    line_add(&line, prefix, prefix_len);
    line_str(&line, *err);
    log_line(&line);
    theater_string_free(err);
}

/* ok(some(bytes)) in a return area. */
static inline state_result_t ok_state(uint8_t* ptr, size_t len) {
    return (state_result_t)THEATER_OK(state_result_t,
                                      THEATER_SOME(option_bytes_t, ((theater_list_u8_t){ptr, len})));
}

#endif

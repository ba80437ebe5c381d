/*
 * pong: answers ping. Its state counts the requests it has answered (a little-endian u32).
 *
 *   handle-request(id, payload)       logs the payload and answers "pong <n>" at once
 *   handle-send(msg)                  logs the note
 *   handle-channel-open(cid, msg)     accepts every channel, with the message "welcome to pong"
 *   handle-channel-message(cid, msg)  logs it and sends "echo: <msg>" back on the channel
 *   handle-channel-close(cid)         logs it
 */
#define THEATER_IMPLEMENTATION
#include "messages.h"

/* result<tuple<option<list<u8>>, tuple<option<list<u8>>>>, string>: the new state and the reply. */
typedef struct {
    option_bytes_t state;
    option_bytes_t reply;
} request_ok_t;
typedef THEATER_RESULT(request_ok_t, theater_string_t) request_result_t;
THEATER_LAYOUT(request_result_t, 28, 4);

/* result<tuple<option<list<u8>>, tuple<channel-accept>>, string>; channel-accept = {accepted: bool, message}. */
typedef struct {
    uint8_t accepted;
    option_bytes_t message;
} channel_accept_t;
typedef struct {
    option_bytes_t state;
    channel_accept_t accept;
} open_ok_t;
typedef THEATER_RESULT(open_ok_t, theater_string_t) open_result_t;
THEATER_LAYOUT(open_result_t, 32, 4);

THEATER_RET_AREA(state_result_t, state_ret);
THEATER_RET_AREA(request_result_t, request_ret);
THEATER_RET_AREA(open_result_t, open_ret);

static uint32_t read_count(uint32_t has_state, uint8_t* ptr, size_t len) {
    uint32_t n = 0;
    if (has_state && len == 4) {
        n = (uint32_t)ptr[0] | (uint32_t)ptr[1] << 8 | (uint32_t)ptr[2] << 16 | (uint32_t)ptr[3] << 24;
    }
    if (has_state) theater_free(ptr);
    return n;
}

static uint8_t* count_bytes(uint32_t n) {
    uint8_t* out = theater_alloc(4, 1);
    out[0] = (uint8_t)n;
    out[1] = (uint8_t)(n >> 8);
    out[2] = (uint8_t)(n >> 16);
    out[3] = (uint8_t)(n >> 24);
    return out;
}

/* Hands the state back unchanged (the host allocated it; it is freed in the post-return function). */
static state_result_t* keep_state(uint32_t has_state, uint8_t* ptr, size_t len) {
    state_ret = has_state ? ok_state(ptr, len) : (state_result_t)THEATER_OK(state_result_t, THEATER_NONE(option_bytes_t));
    return &state_ret;
}

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* pong_init(uint32_t has_state, uint8_t* ptr, size_t len) {
    runtime_log("pong: ready", 11);
    return keep_state(has_state, ptr, len);
}

THEATER_EXPORT("theater:simple/message-server-client#handle-request")
request_result_t* pong_request(uint32_t has_state, uint8_t* ptr, size_t len, char* id, size_t id_len, uint8_t* msg,
                               size_t msg_len) {
    (void)id_len;
    uint32_t n = read_count(has_state, ptr, len) + 1;
    line_t line = {.len = 0};
    line_add(&line, "pong: request ", 14);
    line_num(&line, n);
    line_add(&line, " says '", 7);
    line_add(&line, (const char*)msg, msg_len);
    line_add(&line, "'", 1);
    log_line(&line);
    theater_free(id);
    theater_free(msg);

    line_t reply = {.len = 0};
    line_add(&reply, "pong ", 5);
    line_num(&reply, n);
    request_ok_t ok = {
        .state = THEATER_SOME(option_bytes_t, ((theater_list_u8_t){count_bytes(n), 4})),
        .reply = THEATER_SOME(option_bytes_t, theater_list_u8_copy((const uint8_t*)reply.data, reply.len)),
    };
    request_ret = (request_result_t)THEATER_OK(request_result_t, ok);
    return &request_ret;
}

THEATER_EXPORT("theater:simple/message-server-client#handle-send")
state_result_t* pong_send(uint32_t has_state, uint8_t* ptr, size_t len, uint8_t* msg, size_t msg_len) {
    line_t line = {.len = 0};
    line_add(&line, "pong: a note from ping: ", 24);
    line_add(&line, (const char*)msg, msg_len);
    log_line(&line);
    theater_free(msg);
    return keep_state(has_state, ptr, len);
}

THEATER_EXPORT("theater:simple/message-server-client#handle-channel-open")
open_result_t* pong_channel_open(uint32_t has_state, uint8_t* ptr, size_t len, char* cid, size_t cid_len, uint8_t* msg,
                                 size_t msg_len) {
    (void)cid_len;
    line_t line = {.len = 0};
    line_add(&line, "pong: channel opened with '", 27);
    line_add(&line, (const char*)msg, msg_len);
    line_add(&line, "'", 1);
    log_line(&line);
    theater_free(cid);
    theater_free(msg);
    static const char welcome[] = "welcome to pong";
    open_ok_t ok = {
        .state = has_state ? THEATER_SOME(option_bytes_t, ((theater_list_u8_t){ptr, len}))
                           : THEATER_NONE(option_bytes_t),
        .accept = {.accepted = 1,
                   .message = THEATER_SOME(option_bytes_t,
                                           theater_list_u8_copy((const uint8_t*)welcome, sizeof(welcome) - 1))},
    };
    open_ret = (open_result_t)THEATER_OK(open_result_t, ok);
    return &open_ret;
}

THEATER_EXPORT("theater:simple/message-server-client#handle-channel-message")
state_result_t* pong_channel_message(uint32_t has_state, uint8_t* ptr, size_t len, char* cid, size_t cid_len,
                                     uint8_t* msg, size_t msg_len) {
    line_t line = {.len = 0};
    line_add(&line, "pong: on the channel: ", 22);
    line_add(&line, (const char*)msg, msg_len);
    log_line(&line);

    line_t echo = {.len = 0};
    line_add(&echo, "echo: ", 6);
    line_add(&echo, (const char*)msg, msg_len);
    result_unit_t sent;
    ms_send_on_channel(cid, cid_len, (const uint8_t*)echo.data, echo.len, &sent);
    if (sent.is_err) log_err("pong: could not echo: ", 22, &sent.val.err);
    theater_free(cid);
    theater_free(msg);
    return keep_state(has_state, ptr, len);
}

THEATER_EXPORT("theater:simple/message-server-client#handle-channel-close")
state_result_t* pong_channel_close(uint32_t has_state, uint8_t* ptr, size_t len, char* cid, size_t cid_len) {
    (void)cid_len;
    runtime_log("pong: channel closed", 20);
    theater_free(cid);
    return keep_state(has_state, ptr, len);
}

static void free_state(state_result_t* ret) {
    if (!ret->is_err && ret->val.ok.is_some) theater_list_u8_free(&ret->val.ok.val);
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void pong_init_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void pong_send_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-message")
void pong_channel_message_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-close")
void pong_channel_close_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void pong_request_post(request_result_t* ret) {
    if (ret->is_err) return;
    if (ret->val.ok.state.is_some) theater_list_u8_free(&ret->val.ok.state.val);
    if (ret->val.ok.reply.is_some) theater_list_u8_free(&ret->val.ok.reply.val);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-open")
void pong_channel_open_post(open_result_t* ret) {
    if (ret->is_err) return;
    if (ret->val.ok.state.is_some) theater_list_u8_free(&ret->val.ok.state.val);
    if (ret->val.ok.accept.message.is_some) theater_list_u8_free(&ret->val.ok.accept.message.val);
}

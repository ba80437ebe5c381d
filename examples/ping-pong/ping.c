/*
 * ping: plays with pong. Its init state is pong's actor id (36 bytes); its state is then that id followed by how
 * many channel messages it has received (a little-endian u32).
 *
 *   init                              three requests to pong (logging each answer), a one-way note, then a channel:
 *                                     opened with "hello pong", and a first message on it
 *   handle-channel-message(cid, msg)  logs it; after the second one (pong's welcome, then its echo) closes the
 *                                     channel and asks the runtime to shut ping down
 *   handle-channel-close(cid)         logs it
 */
#define THEATER_IMPLEMENTATION
#include "messages.h"

#define ID_LEN 36

THEATER_RET_AREA(state_result_t, state_ret);

static uint8_t* new_state(const uint8_t* pong, uint32_t received) {
    uint8_t* out = theater_alloc(ID_LEN + 4, 1);
    theater_memcpy(out, pong, ID_LEN);
    out[ID_LEN] = (uint8_t)received;
    out[ID_LEN + 1] = (uint8_t)(received >> 8);
    out[ID_LEN + 2] = (uint8_t)(received >> 16);
    out[ID_LEN + 3] = (uint8_t)(received >> 24);
    return out;
}

static state_result_t* fail(const char* message, size_t len) {
    state_ret = (state_result_t)THEATER_ERR(state_result_t, ((theater_string_t){message, len}));
    return &state_ret;
}

THEATER_EXPORT("theater:simple/actor#init")
state_result_t* ping_init(uint32_t has_state, uint8_t* ptr, size_t len) {
    if (!has_state || len != ID_LEN) {
        static const char need[] = "ping needs pong's actor id (36 bytes) as its init state";
        if (has_state) theater_free(ptr);
        return fail(need, sizeof(need) - 1);
    }
    const char* pong = (const char*)ptr;
    line_t line = {.len = 0};
    line_add(&line, "ping: my partner is ", 20);
    line_add(&line, pong, ID_LEN);
    log_line(&line);

    for (uint32_t round = 1; round <= 3; round++) {
        line_t msg = {.len = 0};
        line_add(&msg, "ping ", 5);
        line_num(&msg, round);
        result_bytes_t answer;
        ms_request(pong, ID_LEN, (const uint8_t*)msg.data, msg.len, &answer);
        if (answer.is_err) {
            log_err("ping: the request failed: ", 26, &answer.val.err);
            continue;
        }
        line_t got = {.len = 0};
        line_add(&got, "ping: pong answered '", 21);
        line_add(&got, (const char*)answer.val.ok.ptr, answer.val.ok.len);
        line_add(&got, "'", 1);
        log_line(&got);
        theater_list_u8_free(&answer.val.ok);
    }

    static const char note[] = "thanks for the game";
    result_unit_t sent;
    ms_send(pong, ID_LEN, (const uint8_t*)note, sizeof(note) - 1, &sent);
    if (sent.is_err) log_err("ping: the note was not sent: ", 29, &sent.val.err);

    static const char hello[] = "hello pong";
    result_string_t opened;
    ms_open_channel(pong, ID_LEN, (const uint8_t*)hello, sizeof(hello) - 1, &opened);
    if (opened.is_err) {
        log_err("ping: no channel: ", 18, &opened.val.err);
    } else {
        line_t open = {.len = 0};
        line_add(&open, "ping: channel ", 14);
        line_str(&open, opened.val.ok);
        line_add(&open, " is open", 8);
        log_line(&open);
        static const char first[] = "how are you?";
        ms_send_on_channel(opened.val.ok.ptr, opened.val.ok.len, (const uint8_t*)first, sizeof(first) - 1, &sent);
        if (sent.is_err) log_err("ping: could not use the channel: ", 33, &sent.val.err);
        theater_string_free(&opened.val.ok);
    }

    uint8_t* state = new_state(ptr, 0);
    theater_free(ptr);
    state_ret = ok_state(state, ID_LEN + 4);
    return &state_ret;
}

THEATER_EXPORT("theater:simple/message-server-client#handle-channel-message")
state_result_t* ping_channel_message(uint32_t has_state, uint8_t* ptr, size_t len, char* cid, size_t cid_len,
                                     uint8_t* msg, size_t msg_len) {
    THEATER_CHECK(has_state && len == ID_LEN + 4);
    uint32_t received = ((uint32_t)ptr[ID_LEN] | (uint32_t)ptr[ID_LEN + 1] << 8 | (uint32_t)ptr[ID_LEN + 2] << 16 |
                         (uint32_t)ptr[ID_LEN + 3] << 24) +
                        1;
    line_t line = {.len = 0};
    line_add(&line, "ping: on the channel: ", 22);
    line_add(&line, (const char*)msg, msg_len);
    log_line(&line);
    theater_free(msg);

    if (received == 2) {
        runtime_log("ping: closing the channel and stopping", 38);
        result_unit_t done;
        ms_close_channel(cid, cid_len, &done);
        if (done.is_err) log_err("ping: could not close the channel: ", 35, &done.val.err);
        static const char bye[] = "done";
        runtime_shutdown(1, (const uint8_t*)bye, sizeof(bye) - 1, &done);
        if (done.is_err) log_err("ping: the runtime refused to stop me: ", 38, &done.val.err);
    }
    theater_free(cid);

    uint8_t* state = new_state(ptr, received);
    theater_free(ptr);
    state_ret = ok_state(state, ID_LEN + 4);
    return &state_ret;
}

THEATER_EXPORT("theater:simple/message-server-client#handle-channel-close")
state_result_t* ping_channel_close(uint32_t has_state, uint8_t* ptr, size_t len, char* cid, size_t cid_len) {
    (void)cid_len;
    runtime_log("ping: pong closed the channel", 29);
    theater_free(cid);
    state_ret = has_state ? ok_state(ptr, len) : (state_result_t)THEATER_OK(state_result_t, THEATER_NONE(option_bytes_t));
    return &state_ret;
}

static void free_state(state_result_t* ret) {
    /* err messages are static strings; only an ok state was allocated. */
    if (!ret->is_err && ret->val.ok.is_some) theater_list_u8_free(&ret->val.ok.val);
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void ping_init_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-message")
void ping_channel_message_post(state_result_t* ret) {
    free_state(ret);
}

THEATER_EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-close")
void ping_channel_close_post(state_result_t* ret) {
    free_state(ret);
}

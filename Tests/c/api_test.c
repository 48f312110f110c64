/* Drives the C API as a C (or, compiled as C++, a C++) program would, against the installed
 * header and library. Prints one line per check and "N passed, N failed" at the end. */
#include <reflection.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0, failed = 0;

#define CHECK(cond, what)                                                                  \
    do {                                                                                   \
        if (cond) {                                                                        \
            passed++;                                                                      \
        } else {                                                                           \
            failed++;                                                                      \
            fprintf(stderr, "FAIL %s:%d: %s (last error: %s)\n", __FILE__, __LINE__, what, \
                    t2v_last_error());                                                     \
        }                                                                                  \
    } while (0)

static int progress_calls = 0;

static bool count_progress(int64_t segment_index, int64_t done, int64_t total, void *user_data) {
    (void)segment_index;
    int *limit = (int *)user_data;
    progress_calls++;
    CHECK(done >= 1 && done <= total, "progress within 1...total");
    return progress_calls < *limit;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[4096];

    CHECK(t2v_abi_version() == T2V_ABI_VERSION, "header and library ABI match");
    CHECK(strcmp(t2v_version(), T2V_VERSION) == 0, "header and library version match");
    CHECK(strcmp(t2v_status_string(T2V_OK), "ok") == 0, "status string");
    CHECK(strcmp(t2v_status_string(12345), "unknown status") == 0, "unknown status string");
    CHECK(t2v_config_keys() && t2v_config_keys()[0] == '[' && strstr(t2v_config_keys(), "\"name\":\"frame_rate\""),
          "the key table lists frame_rate");

    /* Bad configuration: NULL handle and a message naming the key. */
    t2v_context *bad = t2v_context_new("{\"resolutoin\": \"720p\"}");
    CHECK(bad == NULL, "unknown key refused");
    CHECK(strstr(t2v_last_error(), "resolutoin") != NULL, "message names the unknown key");
    CHECK(t2v_last_status() == T2V_ERR_INVALID_ARGUMENT, "last status of a NULL result");
    bad = t2v_context_new("{\"frame_rate\": \"fast\"}");
    CHECK(bad == NULL && strstr(t2v_last_error(), "frame_rate") != NULL, "wrong type refused");
    CHECK(t2v_last_status() == T2V_ERR_TYPE, "last status of a wrong type");
    bad = t2v_context_new("{not json");
    CHECK(bad == NULL && strstr(t2v_last_error(), "JSON") != NULL, "malformed JSON refused");

    t2v_context *ctx = t2v_context_new(
        "{\"resolution\": \"96x64\", \"frame_rate\": 12, \"seconds_per_text\": 1.0, \"segment_seconds\": 0.5}");
    CHECK(ctx != NULL, "context created");
    if (!ctx) return 1;
    char *config = t2v_context_config(ctx);
    CHECK(config && strstr(config, "\"frame_rate\":12"), "resolved config reports the rate");
    t2v_string_free(config);

    /* A stream written to an MP4 file. */
    t2v_stream *stream = t2v_stream_new(ctx);
    CHECK(stream != NULL, "stream created");
    CHECK(t2v_stream_send_text(stream, "too early") == T2V_ERR_STATE, "send before start refused");
    CHECK(t2v_stream_end_input(stream) == T2V_ERR_STATE, "end_input before start refused");
    CHECK(t2v_stream_start(stream) == T2V_OK, "stream started");
    CHECK(t2v_stream_start(stream) == T2V_ERR_STATE, "second start refused");
    CHECK(t2v_stream_set_live(stream, true) == T2V_ERR_STATE, "live mode after start refused");
    CHECK(t2v_stream_send_text(stream, "\xff\xfe broken") == T2V_ERR_INVALID_ARGUMENT, "invalid UTF-8 refused");
    CHECK(strstr(t2v_last_error(), "UTF-8") != NULL, "message names UTF-8");
    CHECK(t2v_stream_send_text(stream, NULL) == T2V_ERR_INVALID_ARGUMENT, "NULL text refused");
    CHECK(t2v_stream_send_text(stream, "a red kite over a beach at sunset") == T2V_OK, "text sent");
    CHECK(t2v_stream_send_text(stream, "two dogs run to the left in a snowy forest") == T2V_OK, "text sent");

    snprintf(path, sizeof path, "%s/c_api.mp4", dir);
    t2v_output *out = t2v_output_new(path);
    CHECK(out != NULL, "output opened");
    t2v_segment *seg = NULL;
    int segments = 0, status;
    while ((status = t2v_stream_receive_segment(stream, -1.0, &seg)) == T2V_OK) {
        size_t size = 0;
        const uint8_t *data = t2v_segment_data(seg, &size);
        CHECK(data != NULL && size == 96u * 64u * 3u * 6u, "segment holds 6 frames of 96x64 rgb24");
        char *meta = t2v_segment_metadata(seg);
        CHECK(meta && strstr(meta, "\"pixel_format\":\"rgb24\""), "metadata names the pixel format");
        t2v_string_free(meta);
        CHECK(t2v_output_write_segment(out, seg) == T2V_OK, "segment written");
        t2v_segment_free(seg);
        segments++;
    }
    CHECK(status == T2V_END_OF_STREAM, "stream ends after the sent texts");
    CHECK(seg == NULL, "no segment on end of stream");
    CHECK(segments == 4, "two texts of two segments each");
    CHECK(t2v_stream_stop(stream) == T2V_OK && t2v_stream_stop(stream) == T2V_OK, "stop is idempotent");
    CHECK(t2v_stream_send_text(stream, "late") == T2V_ERR_STATE, "send after stop refused");
    t2v_stream_free(stream);

    /* A user segment of the wrong size is refused and leaves the file intact. */
    uint8_t pixels[32 * 32 * 3] = {0};
    t2v_segment *mine = t2v_segment_new(pixels, sizeof pixels,
        "{\"width\": 32, \"height\": 32, \"frame_rate\": 12, \"num_frames\": 1}");
    CHECK(mine != NULL, "user segment created");
    CHECK(t2v_output_write_segment(out, mine) == T2V_ERR_SEGMENT_MISMATCH, "segment of another size refused");
    CHECK(t2v_segment_width(mine) == 32 && t2v_segment_height(mine) == 32 && t2v_segment_num_frames(mine) == 1 &&
              t2v_segment_frame_rate(mine) == 12.0,
          "typed getters read the segment's geometry");
    CHECK(t2v_segment_width(NULL) == 0 && t2v_last_status() == T2V_ERR_INVALID_ARGUMENT, "typed getter of NULL is 0");
    t2v_segment_free(mine);
    mine = t2v_segment_new(pixels, sizeof pixels, "{\"width\": 96, \"height\": 64, \"frame_rate\": 12, \"num_frames\": 1}");
    CHECK(t2v_output_write_segment(out, mine) == T2V_ERR_SEGMENT_MISMATCH, "data size mismatch refused");
    CHECK(strstr(t2v_last_error(), "bytes") != NULL, "message gives the byte counts");
    CHECK(t2v_segment_num_frames(mine) == 0 && t2v_last_status() == T2V_ERR_SEGMENT_MISMATCH &&
              strstr(t2v_last_error(), "bytes") != NULL,
          "typed getter of a segment whose metadata does not fit its data is 0, with the reason");
    t2v_segment_free(mine);
    CHECK(t2v_output_close(out) == T2V_OK && t2v_output_close(out) == T2V_OK, "close is idempotent");
    CHECK(t2v_output_write_segment(out, NULL) != T2V_OK, "write after close refused");
    t2v_output_free(out);

    CHECK(t2v_output_new("/nonexistent-dir/x.mp4") == NULL, "missing directory refused");
    CHECK(strstr(t2v_last_error(), "/nonexistent-dir/x.mp4") != NULL, "message names the path");
    snprintf(path, sizeof path, "%s/c_api.avi2", dir);
    CHECK(t2v_output_new(path) == NULL, "unknown extension refused");

    /* Processor: parameters and a cancelling progress callback. */
    t2v_processor *proc = t2v_processor_new(ctx);
    CHECK(proc != NULL, "processor created");
    CHECK(t2v_processor_set_parameter(proc, "seed", "7") == T2V_OK, "seed set");
    char *seed = t2v_processor_get_parameter(proc, "seed");
    CHECK(seed && strcmp(seed, "7") == 0, "seed read back");
    t2v_string_free(seed);
    CHECK(t2v_processor_set_parameter(proc, "seed", "\"seven\"") == T2V_ERR_TYPE, "wrong parameter type refused");
    CHECK(t2v_processor_set_parameter(proc, "colour", "1") == T2V_ERR_INVALID_ARGUMENT, "unknown parameter refused");
    CHECK(t2v_processor_get_parameter(proc, "colour") == NULL, "unknown parameter has no value");
    t2v_segment *one = NULL;
    CHECK(t2v_processor_process_text(proc, "a yellow bus drives right", &one) == T2V_OK && one, "text processed");
    t2v_segment_free(one);
    int limit = 3;
    CHECK(t2v_processor_set_progress_callback(proc, count_progress, &limit) == T2V_OK, "callback set");
    CHECK(t2v_processor_process_text(proc, "a yellow bus drives right", &one) == T2V_ERR_CANCELLED, "callback cancels");
    CHECK(one == NULL && progress_calls == 3, "cancelled at the third call");
    t2v_processor_free(proc);

    /* Freeing the context first: the stream keeps working on its own reference. */
    t2v_stream *late = t2v_stream_new(ctx);
    t2v_context_free(ctx);
    CHECK(t2v_stream_start(late) == T2V_OK, "stream outlives the freed context");
    CHECK(t2v_stream_send_text(late, "a cat sleeps in a room") == T2V_OK, "text sent");
    CHECK(t2v_stream_receive_segment(late, 30.0, &seg) == T2V_OK, "segment received");
    t2v_segment_free(seg);
    t2v_stream_free(late); /* stops with a segment still pending */

    /* NULL everywhere is an error, never a crash. */
    t2v_context_free(NULL);
    t2v_stream_free(NULL);
    t2v_processor_free(NULL);
    t2v_segment_free(NULL);
    t2v_output_free(NULL);
    t2v_string_free(NULL);
    CHECK(t2v_stream_start(NULL) == T2V_ERR_INVALID_ARGUMENT, "NULL stream refused");
    CHECK(t2v_stream_receive_segment(NULL, 0, &seg) == T2V_ERR_INVALID_ARGUMENT, "NULL stream receive refused");
    CHECK(t2v_segment_data(NULL, NULL) == NULL, "NULL segment has no data");

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

/* stream_to_file: text in, video file out, with reflection's C API.
 *
 *   cc -std=c99 -o stream_to_file stream_to_file.c $(pkg-config --cflags --libs reflection)
 *   ./stream_to_file out.mp4 "a red kite over a beach" "three birds fly over a snowy village"
 *
 * Streams every text given on the command line with the built-in model at 320x180, 24 frames/s,
 * writes each segment to the file (the container follows its extension: .mp4, .mkv, .y4m) and
 * prints each segment's size, read with the typed getters. Exits 1 with the library's message
 * on any error. */
#include <reflection.h>

#include <stdio.h>

static int fail(const char *what) {
    fprintf(stderr, "stream_to_file: %s: %s\n", what, t2v_last_error());
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUTPUT TEXT [TEXT...]\n", argv[0]);
        return 2;
    }
    t2v_context *context = t2v_context_new("{\"resolution\": \"320x180\", \"frame_rate\": 24, \"seconds_per_text\": 1.0}");
    if (!context) return fail("context");
    t2v_stream *stream = t2v_stream_new(context);
    t2v_output *output = t2v_output_new(argv[1]);
    int status = 0;
    if (!stream || !output || t2v_stream_start(stream) != T2V_OK) {
        status = fail("stream or output");
        goto done;
    }
    for (int i = 2; i < argc; i++) {
        if (t2v_stream_send_text(stream, argv[i]) != T2V_OK) {
            status = fail("send_text");
            goto done;
        }
    }
    /* No time limit: T2V_END_OF_STREAM comes once every sent text has been delivered. */
    t2v_segment *segment;
    int32_t received;
    int frames = 0;
    while ((received = t2v_stream_receive_segment(stream, -1.0, &segment)) == T2V_OK) {
        int32_t n = t2v_segment_num_frames(segment);
        printf("segment: %dx%d, %d frames at %g frames/s\n", (int)t2v_segment_width(segment),
               (int)t2v_segment_height(segment), (int)n, t2v_segment_frame_rate(segment));
        frames += n;
        int32_t written = t2v_output_write_segment(output, segment);
        t2v_segment_free(segment);
        if (written != T2V_OK) {
            status = fail("write_segment");
            goto done;
        }
    }
    if (received != T2V_END_OF_STREAM) {
        status = fail("receive_segment");
        goto done;
    }
    if (t2v_output_close(output) != T2V_OK) {
        status = fail("close");
        goto done;
    }
    printf("%s: %d frames\n", argv[1], frames);
done:
    t2v_output_free(output);
    t2v_stream_free(stream);
    t2v_context_free(context);
    return status;
}

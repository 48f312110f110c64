// Shim for the CFFmpeg system module: FFmpeg headers plus `static inline` wrappers for the
// function-like macros and flag constants that Swift's clang importer does not bring over.
// No logic lives here beyond one-line forwarding helpers.
#ifndef T2V_CFFMPEG_SHIM_H
#define T2V_CFFMPEG_SHIM_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavutil/avutil.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/log.h>
#include <libavutil/mathematics.h>
#include <libavutil/opt.h>
#include <libavutil/pixfmt.h>
#include <libavutil/rational.h>
#include <libswscale/swscale.h>

/// AVERROR(e): the FFmpeg error code for a POSIX errno value.
static inline int t2v_averror(int errnum) { return AVERROR(errnum); }
/// AVERROR_EOF.
static inline int t2v_averror_eof(void) { return AVERROR_EOF; }
/// AVERROR(EAGAIN).
static inline int t2v_averror_eagain(void) { return AVERROR(EAGAIN); }
/// AV_NOPTS_VALUE.
static inline int64_t t2v_nopts_value(void) { return AV_NOPTS_VALUE; }

/// av_err2str without the compound literal: writes the text for `errnum` into `buf`
/// (always NUL-terminated) and returns `buf`.
static inline const char *t2v_err2str(int errnum, char *buf, size_t size) {
    if (size == 0) return buf;
    if (av_strerror(errnum, buf, size) < 0) {
        buf[0] = '\0';
    }
    buf[size - 1] = '\0';
    return buf;
}

static inline int t2v_avio_flag_write(void) { return AVIO_FLAG_WRITE; }
static inline int t2v_avfmt_nofile(void) { return AVFMT_NOFILE; }
static inline int t2v_avfmt_globalheader(void) { return AVFMT_GLOBALHEADER; }
static inline int t2v_codec_cap_delay(void) { return AV_CODEC_CAP_DELAY; }
static inline int t2v_avio_flag_read(void) { return AVIO_FLAG_READ; }
static inline int t2v_codec_flag_global_header(void) { return AV_CODEC_FLAG_GLOBAL_HEADER; }
static inline int t2v_sws_bilinear(void) { return SWS_BILINEAR; }
static inline int t2v_sws_cs_itu709(void) { return SWS_CS_ITU709; }
static inline int t2v_sws_cs_itu601(void) { return SWS_CS_ITU601; }

/// Converts one packed picture (`src`, `srcStride` bytes per row, `height` rows) into the planes of
/// `dst` with `sws_scale`, which reads four source pointers and strides even for packed formats.
/// Returns sws_scale's result: the number of output rows, or a negative/zero value on failure.
static inline int t2v_sws_scale_packed(struct SwsContext *ctx, const uint8_t *src, int srcStride,
                                       int height, AVFrame *dst) {
    const uint8_t *const planes[4] = { src, NULL, NULL, NULL };
    const int strides[4] = { srcStride, 0, 0, 0 };
    return sws_scale(ctx, planes, strides, 0, height, dst->data, dst->linesize);
}

#endif /* T2V_CFFMPEG_SHIM_H */

#!/usr/bin/env python3
"""make demo: stream three sentences through the built-in model into one continuous MP4.

usage: demo.py [OUTPUT.mp4] [sentence ...]
"""
import sys
import time

from reflection import T2VContext, T2VStream, VideoOutput

DEFAULT_SENTENCES = [
    "a red kite over a beach at sunset",
    "three white birds fly to the left over a snowy village at dusk",
    "a yellow bus drives right along a city street at night in the rain",
]


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "demo.mp4"
    sentences = sys.argv[2:] or DEFAULT_SENTENCES
    config = {"resolution": "720p", "frame_rate": 30, "seconds_per_text": 4.0, "transition_seconds": 1.0}
    started = time.monotonic()
    with T2VContext(config) as context, VideoOutput(path) as output:
        stream = T2VStream(context)
        stream.start()
        for sentence in sentences:
            stream.send_text(sentence)
        for segment in stream:
            meta = segment.get_metadata()
            output.write_segment(segment)
            print(f"segment {meta['index']:2d}  {meta['start_time']:5.2f}s +{meta['duration']:.2f}s  {meta['text']}")
        stream.stop()
    print(f"wrote {path} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

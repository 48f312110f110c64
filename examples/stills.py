#!/usr/bin/env python3
"""Renders PNG stills of the demo sentences with the built-in model (for docs/builtin-model.md).

usage: stills.py OUTPUT_DIR
Each sentence is processed on its own (TextToVideoProcessor, 640x360, seed 42) and the frame at
2.0 s is written as OUTPUT_DIR/<n>.png through ffmpeg.
"""
import os
import subprocess
import sys

from reflection import T2VContext, TextToVideoProcessor

SENTENCES = [
    "a red kite over a beach at sunset",
    "three white birds fly to the left over a snowy village at dusk",
    "a yellow bus drives right along a city street at night in the rain",
    "two brown horses run across a green field under a stormy sky",
    "an orange fish swims between the coral on a reef",
    "a small astronaut floats slowly in space near a planet",
]


def main() -> int:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "docs/stills"
    os.makedirs(out_dir, exist_ok=True)
    with T2VContext({"resolution": "640x360", "frame_rate": 10, "seconds_per_text": 2.1}) as context:
        processor = TextToVideoProcessor(context)
        for n, sentence in enumerate(SENTENCES, 1):
            segment = processor.process_text(sentence)
            meta = segment.get_metadata()
            w, h = meta["width"], meta["height"]
            frame_bytes = w * h * 3
            frame = segment.get_data()[20 * frame_bytes : 21 * frame_bytes]
            path = os.path.join(out_dir, f"{n}.png")
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                 "-i", "-", "-frames:v", "1", path],
                input=frame, check=True)
            print(f"{path}: {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``reflection`` command (and ``python -m reflection``): generate video from text, describe a
model folder. It sits on the Python API only.

    reflection generate "a red kite over a beach" "three birds fly over a village" -o film.mp4
    reflection generate --stdin -o live.mp4 < texts.txt      # one text per line, ends at EOF
    reflection generate "..." -o film.mp4 --model /models/text-to-video-ms-1.7b --steps 25
    reflection info /models/text-to-video-ms-1.7b
    reflection convert /models/some-bin-only-folder            # .bin weights to safetensors (torch)

Ctrl+C stops generating: the segments already made stay in the file, which is closed and
playable; the exit status is then 130.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional

from . import __version__
from ._context import T2VContext
from ._output import VideoOutput
from ._stream import T2VStream
from .errors import Error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reflection", description="Streaming text-to-video.")
    parser.add_argument("--version", action="version", version=f"reflection {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="texts in, a video file out")
    generate.add_argument("texts", nargs="*", metavar="TEXT", help="texts, one after the other")
    generate.add_argument("-o", "--output", required=True, help="the video file (.mp4, .mkv or .y4m)")
    generate.add_argument("--stdin", action="store_true", help="also read texts from standard input, one per line, until EOF")
    generate.add_argument("--model", help='"builtin" (default) or a model folder')
    generate.add_argument("--resolution", help='e.g. "720p" or "640x360"')
    generate.add_argument("--frame-rate", type=float, help="frames per second")
    generate.add_argument("--seed", type=int, help="seed (runs repeat with the same seed)")
    generate.add_argument("--steps", type=int, help="denoising steps of a diffusion model")
    generate.add_argument("--seconds-per-text", type=float, help="seconds of video per text")
    generate.add_argument("--precision", choices=["auto", "fp32", "bf16"], help="arithmetic of a diffusion model")
    generate.add_argument("--cache-interval", type=int, help="step caching of a diffusion model (1 = off)")
    generate.add_argument("--config", help="further configuration as a JSON object (the keys of the README's table)")
    generate.add_argument("-q", "--quiet", action="store_true", help="no progress output")

    commands.add_parser("convert", help="a model folder's .bin weights to safetensors (needs torch)", add_help=False)

    info = commands.add_parser("info", help="a model folder's components and configuration")
    info.add_argument("model", help="a model folder")
    info.add_argument("--no-load", action="store_true", help="only read the folder's files (do not load the model)")
    return parser


def _configuration(args: argparse.Namespace) -> Dict[str, Any]:
    config: Dict[str, Any] = {}
    if args.config:
        try:
            extra = json.loads(args.config)
        except json.JSONDecodeError as error:
            raise SystemExit(f"reflection: --config is not JSON: {error}")
        if not isinstance(extra, dict):
            raise SystemExit("reflection: --config must be a JSON object")
        config.update(extra)
    options = {
        "model": args.model, "resolution": args.resolution, "frame_rate": args.frame_rate, "seed": args.seed,
        "num_inference_steps": args.steps, "seconds_per_text": args.seconds_per_text, "precision": args.precision,
        "cache_interval": args.cache_interval,
    }
    config.update({key: value for key, value in options.items() if value is not None})
    return config


class _Progress:
    """Progress on standard error: a tqdm bar where tqdm is installed and stderr is a terminal,
    else one line per segment."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(unit="segment", desc="generating", file=sys.stderr)
        self.step = ""

    def chunk(self, segment_index: int, done: int, total: int) -> bool:
        # Runs on the stream's worker thread: keep it to formatting.
        self.step = f"step {done}/{total}"
        if self.bar is not None:
            self.bar.set_postfix_str(self.step, refresh=True)
        return True

    def segment(self, metadata: Dict[str, Any]) -> None:
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.update(1)
            return
        print(f"segment {metadata['index']}: {metadata['start_time']:.2f}-"
              f"{metadata['start_time'] + metadata['duration']:.2f} s, {metadata['text'][:60]!r}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _send_lines(stream: T2VStream, failures: List[BaseException]) -> None:
    """Standard input's lines as texts into a live stream, then the end of the input."""
    try:
        for line in sys.stdin:
            text = line.strip()
            if text:
                stream.send_text(text)
        stream.end_input()
    except Error as error:  # the stream was stopped (Ctrl+C) or the text was refused
        failures.append(error)
        stream.stop()


def _generate(args: argparse.Namespace) -> int:
    if not args.texts and not args.stdin:
        raise SystemExit("reflection generate: give at least one TEXT, or --stdin")
    progress = _Progress(args.quiet)
    segments = 0
    failures: List[BaseException] = []
    with T2VContext(_configuration(args)) as context, T2VStream(context, live=args.stdin) as stream, \
            VideoOutput(args.output) as output:
        stream.set_progress_callback(progress.chunk)
        stream.start()
        for text in args.texts:
            stream.send_text(text)
        if args.stdin:  # a live stream: the reader below waits for more lines until EOF
            threading.Thread(target=_send_lines, args=(stream, failures), daemon=True, name="reflection-stdin").start()
        try:
            for segment in stream:
                output.write_segment(segment)
                segments += 1
                progress.segment(segment.get_metadata())
        except KeyboardInterrupt:
            stream.stop()
            output.close()
            progress.close()
            print(f"\nreflection: interrupted; {segments} segments are in {args.output}", file=sys.stderr)
            return 130
    progress.close()
    if failures:
        print(f"reflection: standard input: {failures[0]}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"reflection: {segments} segments written to {args.output}", file=sys.stderr)
    return 0


def _read_json(path: Path) -> Optional[Dict[str, Any]]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _info(args: argparse.Namespace) -> int:
    folder = Path(args.model)
    if not folder.is_dir():
        raise SystemExit(f"reflection info: {folder} is not a folder")
    index = _read_json(folder / "model_index.json")
    if index is None:
        raise SystemExit(f"reflection info: {folder}/model_index.json is missing or not a JSON object")
    print(f"{folder}: {index.get('_class_name', 'unknown pipeline')}")
    for name, value in sorted(index.items()):
        if name.startswith("_") or not isinstance(value, list) or len(value) != 2:
            continue
        component = folder / name
        weights = sorted(component.glob("*.safetensors")) if component.is_dir() else []
        size = sum(w.stat().st_size for w in weights)
        print(f"  {name}: {value[0]}.{value[1]}" + (f", {len(weights)} safetensors file(s), {size / 2**30:.2f} GiB" if weights else ""))
        config = _read_json(component / "config.json") or _read_json(component / "scheduler_config.json")
        if config:
            keys = ["sample_size", "in_channels", "block_out_channels", "cross_attention_dim", "num_hidden_layers",
                    "hidden_size", "latent_channels", "num_train_timesteps", "num_frames_conditioning"]
            shown = {k: config[k] for k in keys if k in config}
            if shown:
                print(f"    {json.dumps(shown)}")
    if args.no_load:
        return 0
    try:
        with T2VContext({"model": str(folder)}) as context:
            config = context.config
    except Error as error:
        print(f"reflection cannot run it: {error}")
        return 1
    print("reflection runs it; resolved configuration:")
    for key, value in config.items():
        print(f"  {key}: {json.dumps(value)}")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["convert"]:  # its own options (reflection/convert.py)
        from .convert import main as convert

        return convert(arguments[1:])
    args = _parser().parse_args(arguments)
    try:
        return _generate(args) if args.command == "generate" else _info(args)
    except Error as error:
        print(f"reflection: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `reflection info MODEL | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

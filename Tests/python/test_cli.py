"""The ``reflection`` command (``python -m reflection``): generate, --stdin, Ctrl+C, info."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, ffprobe, subprocess_env

TINY = ROOT / "Tests" / "Fixtures" / "models" / "tiny-t2v"
SMALL = ["--resolution", "96x64", "--frame-rate", "12", "--seconds-per-text", "1"]


def run(args, tmp_path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reflection", *args], cwd=str(tmp_path), env=subprocess_env(),
                          capture_output=True, text=True, timeout=300, **kwargs)


def frames(path: Path) -> int:
    return int(ffprobe(path)["nb_read_frames"])


def test_generate_writes_every_text(tmp_path):
    result = run(["generate", "a red kite over a beach", "three birds fly over a village", "-o", "film.mp4", *SMALL],
                 tmp_path)
    assert result.returncode == 0, result.stderr
    assert frames(tmp_path / "film.mp4") == 24
    assert "segment 3:" in result.stderr and "4 segments written" in result.stderr


def test_generate_reads_texts_from_stdin_until_eof(tmp_path):
    result = run(["generate", "--stdin", "-o", "live.mkv", "-q", *SMALL], tmp_path,
                 input="a red kite over a beach\n\nthree birds fly over a village\n")
    assert result.returncode == 0, result.stderr
    assert frames(tmp_path / "live.mkv") == 24 and result.stderr == ""


def test_ctrl_c_stops_and_leaves_a_playable_file(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "reflection", "generate", "--stdin", "-o", "cut.mp4", *SMALL],
        cwd=str(tmp_path), env=subprocess_env(), stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdin and process.stderr
    process.stdin.write("a red kite over a beach\n")
    process.stdin.flush()
    deadline = time.monotonic() + 60
    line = ""
    while "segment 1:" not in line and time.monotonic() < deadline:
        line = process.stderr.readline()
    assert "segment 1:" in line, "no segment within a minute"
    process.send_signal(signal.SIGINT)  # stdin stays open: the command was waiting for more text
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130, rest
    assert "interrupted; 2 segments are in cut.mp4" in rest
    assert frames(tmp_path / "cut.mp4") == 12


def test_bad_settings_and_missing_texts_are_reported(tmp_path):
    result = run(["generate", "text", "-o", "x.mp4", "--resolution", "99x99"], tmp_path)
    assert result.returncode == 1 and "resolution" in result.stderr and "Traceback" not in result.stderr
    result = run(["generate", "-o", "x.mp4"], tmp_path)
    assert result.returncode != 0 and "--stdin" in result.stderr


def test_info_lists_components_and_whether_it_runs(tmp_path):
    result = run(["info", str(TINY)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "TextToVideoSDPipeline" in result.stdout and "unet: diffusers.UNet3DConditionModel" in result.stdout
    assert "reflection runs it" in result.stdout and '"precision"' not in result.stdout
    assert "precision: \"auto\"" in result.stdout
    missing = run(["info", str(tmp_path / "nothing")], tmp_path)
    assert missing.returncode != 0 and "is not a folder" in missing.stderr


INTERRUPTED_PROCESS_TEXT = """
import sys, time
import reflection
context = reflection.T2VContext({"resolution": "720p", "frame_rate": 24, "seconds_per_text": 30, "threads": 1})
processor = reflection.TextToVideoProcessor(context)
if sys.argv[1] == "callback":
    processor.set_progress_callback(lambda index, done, total: None)
print("working", flush=True)
start = time.monotonic()
try:
    processor.process_text("a red kite over a beach at sunset")
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted %.3f" % time.monotonic(), flush=True)
    print("next call works:", processor.get_parameter("seconds_per_text"), flush=True)
"""


def test_ctrl_c_in_process_text_raises_keyboard_interrupt_at_once(tmp_path):
    script = tmp_path / "interrupt.py"
    script.write_text(INTERRUPTED_PROCESS_TEXT)
    for mode in ("plain", "callback"):
        process = subprocess.Popen([sys.executable, "-X", "dev", str(script), mode], env=subprocess_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout and process.stdout.readline().strip() == "working"
        time.sleep(1.0)
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        lines = out.splitlines()
        assert lines and lines[0].startswith("interrupted"), (mode, out, err)
        # time.monotonic is the same clock in both processes (CLOCK_MONOTONIC).
        assert float(lines[0].split()[1]) - sent < 2.0, (mode, lines[0], sent)
        assert "next call works: 30" in out
        assert "Exception ignored" not in err and "Traceback" not in err, (mode, err)


def test_convert_is_reachable_from_the_installed_package(tmp_path):
    (tmp_path / "model").mkdir()
    result = run(["convert", "--help"], tmp_path)
    assert result.returncode == 0 and "safetensors" in result.stdout
    # A folder without .bin weights needs no torch: it says there is nothing to convert.
    result = run(["convert", str(tmp_path / "model")], tmp_path)
    assert result.returncode == 0 and "no .bin weights found" in result.stderr
    result = run(["convert", str(tmp_path / "missing")], tmp_path)
    assert result.returncode != 0 and "not a directory" in result.stderr
    # The checkout's script runs the same module without the package (or its library).
    script = subprocess.run([sys.executable, str(ROOT / "tools" / "convert_bin_to_safetensors.py"), str(tmp_path / "model")],
                            capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "no .bin weights found" in script.stderr

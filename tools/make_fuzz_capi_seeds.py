#!/usr/bin/env python3
"""Writes the handwritten seeds of t2v-fuzz-capi into Tests/Fixtures/fuzz-capi/.

An input of t2v-fuzz-capi is a program: an opcode byte (an index into `Call.allCases`,
Sources/T2VFuzzCAPI/Program.swift), then the bytes its arguments read (Calls.swift), call after
call. The names below follow that order; keep them in step when calls are added (append them).
Run from the repository root: python3 tools/make_fuzz_capi_seeds.py
"""
import os

CALLS = """contextNew contextConfig contextFree streamNew streamStart streamSendText streamReceive streamStop
streamFree streamStopDuringReceive streamProgress processorNew processorSet processorGet processorProcess
processorFree processorProgress segmentNew segmentCopy segmentRead segmentFree outputNew outputWrite
outputClose outputFree library""".split()
OP = {name: i for i, name in enumerate(CALLS)}

# Indices into the lists of Choices.swift.
CONFIG_96x64, CONFIG_CAPTION, CONFIG_64x48, CONFIG_16x16, CONFIG_SLOW, CONFIG_24FPS, CONFIG_NULL, CONFIG_EMPTY = range(8)
TEXT_KITE, TEXT_CAT, TEXT_UNICODE, TEXT_10000 = 0, 1, 3, 7
T_ZERO, T_SHORT, T_NO_LIMIT, T_INF, T_NAN = 0, 5, 6, 8, 12
MP4, MKV, Y4M, TXT = 0, 1, 2, 5
KEYS = ["resolution", "frame_rate", "model", "seed", "segment_seconds", "seconds_per_text"]  # t2v_config_keys() order


def call(name, *args):
    return bytes([OP[name], *args])


def context(slot, config):
    return call("contextNew", slot, 0, config)


def fuzzed_context(slot, key_index, value):
    """The base configuration with one key (index in t2v_config_keys()) set to `value` (fuzzed text)."""
    v = value.encode()
    return call("contextNew", slot, 1, 0, 1, key_index, 3, len(v)) + v


def receive(stream, timeout, target):
    return call("streamReceive", stream, timeout, 1, target)


SEEDS = {
    # A stream from start to stop: texts, receives with a limit, without one, and after the stop.
    "stream.bin": b"".join([
        context(0, CONFIG_96x64),
        call("streamNew", 0, 0), call("streamStart", 0),
        call("streamSendText", 0, TEXT_KITE), call("streamSendText", 0, TEXT_UNICODE),
        receive(0, T_NO_LIMIT, 0), receive(0, T_SHORT, 1), receive(0, T_ZERO, 2), receive(0, T_NAN, 3),
        call("streamStop", 0), receive(0, T_INF, 4), call("streamSendText", 0, TEXT_CAT),
        call("streamFree", 0), call("contextFree", 0),
    ]),
    # Two streams on one context freed first, a progress callback that cancels, a stop during a receive.
    "stream-cancel.bin": b"".join([
        context(1, CONFIG_CAPTION),
        call("streamNew", 1, 0), call("streamNew", 1, 1), call("contextFree", 1),
        call("streamProgress", 0, 1, 3), call("streamStart", 0), call("streamStart", 1),
        call("streamSendText", 0, TEXT_CAT), call("streamSendText", 1, TEXT_10000),
        receive(0, T_NO_LIMIT, 0), receive(0, T_NO_LIMIT, 1),
        call("streamStopDuringReceive", 1, 2, 2), receive(1, T_INF, 3),
    ]),
    # A processor: parameters read, set (also badly) and read back, texts processed, NULL pointers.
    "processor.bin": b"".join([
        context(0, CONFIG_64x48),
        call("processorNew", 0, 0),
        call("processorGet", 0, 2, 3), call("processorSet", 0, 2, 0, 1, 0, 43), call("processorSet", 0, 2, 1, 1, 0, 15),
        call("processorProcess", 0, TEXT_KITE, 1, 0), call("processorProcess", 0, TEXT_CAT, 15, 1),
        call("processorProgress", 0, 1, 2), call("processorProcess", 0, TEXT_UNICODE, 1, 2),
        call("processorProcess", 0, 10, 1, 3),
        call("segmentRead", 0, 1), call("segmentCopy", 0, 4), call("segmentRead", 4, 0),
        call("contextFree", 0), call("processorProcess", 0, TEXT_KITE, 1, 5),
    ]),
    # Segments written into each container, the same one twice, a mismatch, then closed twice.
    "output.bin": b"".join([
        context(0, CONFIG_16x16),
        call("processorNew", 0, 0), call("processorProcess", 0, TEXT_KITE, 1, 0),
        call("outputNew", 0, 0, MP4, 0), call("outputNew", 1, 0, MKV, 0), call("outputNew", 2, 0, Y4M, 1),
        call("outputNew", 3, 0, TXT, 1),
        call("outputWrite", 0, 0), call("outputWrite", 1, 0), call("outputWrite", 2, 0), call("outputWrite", 2, 0),
        call("segmentNew", 1, 1, 1, 0, 0, 7, 9), call("outputWrite", 2, 1),
        call("outputClose", 0), call("outputClose", 0), call("outputWrite", 0, 0),
        call("outputFree", 1), call("outputClose", 2),
    ]),
    # The slowest rate (0.001 fps) processed into every container, and a stream's segment written twice.
    "output-rates.bin": b"".join([
        context(0, CONFIG_SLOW), call("processorNew", 0, 0), call("processorProcess", 0, TEXT_KITE, 1, 0),
        call("outputNew", 0, 0, MP4, 0), call("outputNew", 1, 0, MKV, 0), call("outputNew", 2, 0, Y4M, 0),
        call("outputWrite", 0, 0), call("outputWrite", 1, 0), call("outputWrite", 2, 0),
        call("outputClose", 0), call("outputClose", 1), call("outputClose", 2),
        context(1, CONFIG_24FPS), call("streamNew", 1, 0), call("streamStart", 0), call("streamSendText", 0, TEXT_KITE),
        receive(0, T_NO_LIMIT, 1), call("outputNew", 3, 0, MP4, 1), call("outputWrite", 3, 1), call("outputWrite", 3, 1),
        call("outputClose", 3),
    ]),
    # Segments of the caller's: geometries, off-by-one data, bad metadata, NULL data, written.
    "segments.bin": b"".join([
        call("segmentNew", 0, 1, 0, 0, 0, 7, 3),
        call("segmentNew", 1, 1, 2, 1, 2, 3, 1, 5),
        call("segmentNew", 2, 3, 5) + b"hello" + bytes([1, 1, 1]),
        bytes([OP["segmentNew"], 3, 3, 4]) + b"\x00\x01\x02\x03" + bytes([1, 1, 0, 12]) + b'{"width": 1}',
        call("outputNew", 0, 1, Y4M, 0),
        call("outputWrite", 0, 0), call("outputWrite", 0, 1), call("outputWrite", 0, 2),
        call("segmentCopy", 0, 5), call("segmentFree", 0), call("outputWrite", 0, 5),
        call("library", 255, 255, 255, 127, 0), call("library", 3, 0, 0, 0, 1, 9),
    ]),
    # Configurations: fixed, fuzzed keys (a bad value, a costly one), NULL and "" (the defaults).
    "contexts.bin": b"".join([
        call("contextNew", 0, 0, CONFIG_NULL), call("contextNew", 1, 0, CONFIG_EMPTY),
        fuzzed_context(2, 0, '"7680x4320"'), fuzzed_context(2, 3, "-1"), fuzzed_context(2, 1, "0.001"),
        fuzzed_context(3, 2, '"/nonexistent"'),
        bytes([OP["contextNew"], 3, 3, 30]) + b'{"resolution": "96x64", "x": 1',
        call("contextConfig", 2), call("contextConfig", 3), call("streamNew", 3, 0), call("processorNew", 3, 0),
    ]),
}

if __name__ == "__main__":
    folder = "Tests/Fixtures/fuzz-capi"
    os.makedirs(folder, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        print(f"{folder}/{name}: {len(data)} bytes")

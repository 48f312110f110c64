"""Live streams: a reader that blocks for more text until the input is ended, and ``async for``."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest



def test_a_live_reader_blocks_until_more_text_or_end_input(small_context):
    import reflection

    with reflection.T2VStream(small_context, live=True) as stream:
        stream.start()
        stream.send_text("a red kite over a beach")
        first = [stream.receive_video_segment(timeout=30) for _ in range(2)]  # one second, two segments
        assert all(s is not None for s in first)
        # Caught up: the reader waits instead of getting None; a few calls over a second, not thousands.
        calls, start = 0, time.monotonic()
        while time.monotonic() - start < 1.0:
            calls += 1
            with pytest.raises(reflection.ReceiveTimeout):
                stream.receive_video_segment(timeout=0.3)
        assert calls <= 4, calls
        # A writer on another thread sends more text, then ends the input.
        def writer():
            time.sleep(0.3)
            stream.send_text("three birds fly over a snowy village")
            stream.end_input()

        thread = threading.Thread(target=writer)
        thread.start()
        rest = []
        while (segment := stream.receive_video_segment()) is not None:
            rest.append(segment)
        thread.join()
        assert [s.get_metadata()["text"] for s in rest] == ["three birds fly over a snowy village"] * 2
        assert rest[0].get_metadata()["index"] == 2
        with pytest.raises(reflection.StateError, match="end_input"):
            stream.send_text("more")


def test_live_is_chosen_before_start_and_the_documented_stream_is_unchanged(small_context):
    import reflection

    with pytest.raises(TypeError):
        reflection.T2VStream(small_context, live="yes")
    with reflection.T2VStream(small_context) as stream:
        with pytest.raises(reflection.StateError, match="before start"):
            stream.end_input()
        stream.start()
        stream.send_text("a red kite over a beach")
        segments = list(stream)  # not live: ends as soon as the reader has caught up
        assert len(segments) == 2
        assert stream.receive_video_segment(timeout=5) is None


def test_async_for_does_not_block_the_event_loop(small_context):
    import reflection

    async def main():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        tick_task = asyncio.create_task(ticker())
        stream = reflection.T2VStream(small_context, live=True)
        stream.start()

        async def writer():
            for text in ("a red kite over a beach", "three birds fly over a snowy village"):
                await asyncio.sleep(0.2)
                stream.send_text(text)
            stream.end_input()

        writer_task = asyncio.create_task(writer())
        texts = [segment.get_metadata()["text"] async for segment in stream]
        await writer_task
        tick_task.cancel()
        stream.stop()
        return texts, ticks

    texts, ticks = asyncio.run(main())
    assert texts == ["a red kite over a beach"] * 2 + ["three birds fly over a snowy village"] * 2
    assert ticks >= 20  # the loop kept running while the stream was waited for

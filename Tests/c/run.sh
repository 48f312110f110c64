#!/usr/bin/env bash
# Compiles Tests/c/api_test.c as C99 and as C++17 against the header and library installed under
# $PREFIX, linking through pkg-config, with strict warnings; runs both; checks the file they wrote.
# CC and CXX (default cc and c++) pick the compilers and C_TEST_FLAGS adds flags to both compiles
# and links: `make asan` runs it with the Swift toolchain's clang and ASan/UBSan (see the Makefile).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${PREFIX:?set PREFIX to the install prefix}"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc=${CC:-cc}
cxx=${CXX:-c++}
flags="-Wall -Wextra -Werror -pedantic ${C_TEST_FLAGS:-}"
$cc -std=c99 $flags -o "$work/api_test_c" "$here/api_test.c" $(pkg-config --cflags --libs reflection)
cp "$here/api_test.c" "$work/api_test.cpp"
$cxx -std=c++17 $flags -o "$work/api_test_cpp" "$work/api_test.cpp" $(pkg-config --cflags --libs reflection)
for prog in api_test_c api_test_cpp; do
    echo "== $prog"
    "$work/$prog" "$work"
    frames=$(ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=codec_name,width,height,nb_read_frames -of csv=p=0 "$work/c_api.mp4")
    if [ "$frames" != "h264,96,64,24" ]; then
        echo "FAIL $prog: c_api.mp4 is '$frames', expected h264,96,64,24"; exit 1
    fi
    echo "c_api.mp4: $frames"
done
# The example program (examples/c), as C99 with the same warnings: two texts of one second at 24
# frames/s make 48 frames of 320x180.
$cc -std=c99 $flags -o "$work/stream_to_file" "$here/../../examples/c/stream_to_file.c" $(pkg-config --cflags --libs reflection)
"$work/stream_to_file" "$work/example.mp4" "a red kite over a beach" "three birds fly over a snowy village"
frames=$(ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=codec_name,width,height,nb_read_frames -of csv=p=0 "$work/example.mp4")
if [ "$frames" != "h264,320,180,48" ]; then
    echo "FAIL examples/c/stream_to_file: example.mp4 is '$frames', expected h264,320,180,48"; exit 1
fi
echo "examples/c/stream_to_file: example.mp4: $frames"

#!/usr/bin/env python3
"""Convert the PyTorch ``.bin`` weights of a diffusers model folder to safetensors, from a checkout.

The converter is part of the Python package (``reflection convert FOLDER`` once it is installed);
this runs the same module without importing the package (so without the built library):

    python tools/convert_bin_to_safetensors.py /models/text-to-video-ms-1.7b [--overwrite]

Needs ``torch`` and ``safetensors`` (pip install torch safetensors).
"""

import importlib.util
import sys
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "bindings" / "python" / "reflection" / "convert.py"

if __name__ == "__main__":
    spec = importlib.util.spec_from_file_location("reflection_convert", MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.exit(module.main())

"""Marks the wheel as platform-specific: it carries libreflection.so (loaded with ctypes, so
any Python 3 works: the tag is py3-none-<platform>). Everything else is in pyproject.toml."""

from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    def has_ext_modules(self):
        return True


commands = {}
try:
    try:
        from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel  # setuptools >= 70.1
    except ImportError:
        from wheel.bdist_wheel import bdist_wheel as _bdist_wheel

    class bdist_wheel(_bdist_wheel):
        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = False

        def get_tag(self):
            _python, _abi, platform = super().get_tag()
            return "py3", "none", platform

    commands["bdist_wheel"] = bdist_wheel
except ImportError:  # no wheel support: plain installs still work
    pass

setup(distclass=BinaryDistribution, cmdclass=commands)

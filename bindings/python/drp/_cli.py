"""The ``drp`` command of a pip install: runs the C++ drp tool installed with the package
(``drp report``, ``drp simulate``, ``drp validate``, ``drp calendar`` …; ``drp --help``)."""
import os
import pathlib
import sys


def executable() -> pathlib.Path:
    """The bundled drp executable (absent in a build tree: use build/drp there)."""
    return pathlib.Path(__file__).resolve().parent / "bin" / "drp"


def main() -> None:
    exe = executable()
    if not exe.exists():
        sys.exit(f"drp: the command-line tool is not installed with this package ({exe}); "
                 "build it with CMake (build/drp) or install the package with pip")
    os.execv(str(exe), [str(exe), *sys.argv[1:]])


if __name__ == "__main__":
    main()

"""The `khabar` command of the Python package: the same program as the Rust
binary (khabar::cli, compiled into the extension module)."""

import signal
import sys

from . import _khabar


def main() -> None:
    # The command runs in native code and returns to Python only at its
    # end, so Python's Ctrl-C handler (KeyboardInterrupt) would wait for
    # the end of the run; the default action stops it at once, as it stops
    # the binary.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # "khabar", not sys.argv[0]: help and usage messages name the command
    # whether it was started as `khabar` or as `python -m khabar`.
    sys.exit(_khabar.main(["khabar", *sys.argv[1:]]))


if __name__ == "__main__":
    main()

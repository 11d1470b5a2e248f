#!/usr/bin/env python
import sys

from phoihop.cli import main

if __name__ == "__main__":
    sys.exit(main())

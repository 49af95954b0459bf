import sys

from xaydungdang.cli import main

sys.exit(main())

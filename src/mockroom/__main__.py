import sys

from mockroom.cli.main import main

sys.exit(main())

"""`python -m mockroom.tui`: run the practice app with the default database and bank."""

import sys

from mockroom.tui.app import make_app

if __name__ == "__main__":
    app = make_app()
    app.run()
    sys.exit(app.return_code or 0)

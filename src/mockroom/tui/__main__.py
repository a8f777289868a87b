"""`python -m mockroom.tui`: run the practice app with the default database and bank."""

from mockroom.tui.app import make_app

if __name__ == "__main__":
    make_app().run()

"""`make bench` (`python -m mockroom.bench`): figures measured beside their floors.

Each module measures one thing on inputs the run builds itself in a temp
folder (a 10,000-question bank, a 100,000-attempt database) and returns rows
for one table. Nothing here is imported by the app.
"""

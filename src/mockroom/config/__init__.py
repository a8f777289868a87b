"""The app's configuration: where things live (paths) and the candidate's settings.

Below the domain: `mockroom.core` may read these, and these import nothing of mockroom's
except `mockroom.files`.
"""

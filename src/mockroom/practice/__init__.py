"""The practice service: a session's questions, attempts, follow-ups, retries and clocks.

Plain Python over `mockroom.core` and `mockroom.store` (never Textual), so the flow of a
practice session is tested without a terminal and any interface can drive it: `ask` is one
thing put to the candidate, `session` the session's plan and progress, `picking` which
questions a session asks, and `service` every step that reads or writes the store.
"""

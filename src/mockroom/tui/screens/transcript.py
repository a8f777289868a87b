"""One session for the coach: each answer with its timing, scores and evidence; grade it.

The coach comments on an answer (or on a passage selected in it), overrides
whether each rubric point was met and the final score, and marks the answer
reviewed. Auto and coach scores are shown side by side; in blind mode the
auto score and the scorer's verdicts stay hidden until the coach has graded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Label, Static, TextArea

from mockroom.core.answer_pace import answer_pace
from mockroom.core.inert import inert
from mockroom.core.report import MARKS
from mockroom.store.names import NAME_MAX
from mockroom.store.review import COMMENT_MAX
from mockroom.store.session_record import of_transcript
from mockroom.transfer.session_file import default_name
from mockroom.tui.render import evidence, flag_lines, short, timing_line
from mockroom.tui.review_context import ReviewContext
from mockroom.tui.review_render import day, parse_score, passage, score_text
from mockroom.tui.screens.export_dialog import export_session
from mockroom.tui.screens.store_screen import Records, StoreScreen
from mockroom.tui.screens.text_prompt import TextPrompt
from mockroom.tui.strings import mode_name, t, track_name
from mockroom.tui.widgets.answer_text import AnswerText
from mockroom.tui.widgets.fitted_table import Fit, FittedTable

if TYPE_CHECKING:
    from mockroom.store.records import Transcript
    from mockroom.store.repo import Store
    from mockroom.store.session_record import AnswerRecord, SessionRecord

ANSWER_KEYS = Binding.Group("Answer", compact=True)
COMMENT_KEYS = Binding.Group("Comment", compact=True)
PASSAGE_CELLS = 40
LABEL_CELLS = 30
"""A point label's width until the table is laid out; then it gets what the screen leaves."""
LABEL_MIN_CELLS = 8
EVIDENCE_CELLS = 22
"""The points table fits 80 columns; the answer above shows the evidence in full."""
REQUIRED = " *"
NEXT_VERDICT: dict[bool | None, bool | None] = {None: True, True: False, False: None}
"""What `t` does to the coach's verdict on a point: auto -> met -> missed -> auto."""


class TranscriptScreen(StoreScreen):
    AUTO_FOCUS = "#tr-answer"
    """The keyboard starts in the answer, as its heading says: shift+arrows select, then c."""
    BINDINGS = [
        Binding("n", "step(1)", "Next", group=ANSWER_KEYS),
        Binding("p", "step(-1)", "Previous", group=ANSWER_KEYS),
        # c on the answer, o on the whole session: one footer entry, so all keys fit 80 columns
        Binding("c", "comment", "Comment", group=COMMENT_KEYS),
        Binding("o", "summary", "Summary", group=COMMENT_KEYS),
        Binding("t", "point", "Point"),
        Binding("s", "score", "Score"),
        Binding("r", "reviewed", "Reviewed"),
        # Not in the footer, which has no room for them at 80 columns: blind grading is set on
        # the review list (shown there) and the list exports too; f1 lists both keys.
        Binding("b", "blind", "Blind", show=False),
        Binding("x", "export", "Export", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self, records: Records, session_id: str, context: ReviewContext | None = None
    ) -> None:
        super().__init__(records)
        self.session_id = session_id
        self.context = context or ReviewContext()
        self.record: SessionRecord | None = None
        self.index = 0
        self.point_row = 0

    # -- loading ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        # After the first refresh: recomposing while the Header's own mount is still pending
        # made Textual's Header look for its title after it was removed (NoMatches).
        self.call_after_refresh(self.reload)

    def reload(self) -> None:
        sid = self.session_id
        self.load(lambda store: store.transcript(sid), self._loaded, group="transcript")

    def _loaded(self, transcript: Transcript) -> None:
        # Counted as every report counts a session (store/session_record.py).
        self.record = of_transcript(transcript, self.bank)
        self.index = min(self.index, max(len(self.record.answers) - 1, 0))
        self.redraw()

    def redraw(self) -> None:
        """Recompose, keeping the focused widget and the selected rubric point."""
        focused = self.focused.id if self.focused else None
        self.call_later(self._redraw, focused)

    async def _redraw(self, focused: str | None) -> None:
        await self.recompose()
        for table in self.query("#tr-points").results(DataTable):
            if table.row_count:
                table.move_cursor(row=min(self.point_row, table.row_count - 1))
        target = self.query(f"#{focused or 'tr-answer'}")
        if target:
            target.first().focus()

    def relabel(self) -> None:
        self.redraw()

    @property
    def item(self) -> AnswerRecord | None:
        answers = self.record.answers if self.record else ()
        return answers[self.index] if answers else None

    def hidden(self, item: AnswerRecord) -> bool:
        """Blind mode hides the scorer's side of an answer the coach has not graded yet."""
        return self.context.blind and not item.review.graded

    # -- drawing ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        tr, item = self.record, self.item
        if tr is None:
            yield Label(t(lang, "page.loading"), classes="muted")
        elif item is None:
            yield Label(t(lang, "tr.empty"), id="tr-empty", classes="muted")
        else:
            yield Label(self._head(tr, item), id="tr-head", classes="top-bar")
            # Not a Tab stop of its own: Tab goes from the answer to the points.
            with VerticalScroll(id="tr-body", can_focus=False):
                if tr.session.summary is not None:
                    note = tr.session.summary
                    yield Static(t(lang, "tr.summary", coach=note.coach, text=note.text),
                                 id="tr-summary", classes="muted")
                yield from self._item(item)
        yield self.footer()

    def _head(self, tr: SessionRecord, item: AnswerRecord) -> str:
        s, lang = tr.session, self.lang
        n = next(q.number for q in tr.questions if item in q.answers)
        # Which question first, so it shows at 80 columns; a retry or follow-up says so.
        kind = "" if item.kind == "first" else f" · {t(lang, f'q.{item.kind}')}"
        return t(lang, "tr.head", n=n, total=len(tr.questions), kind=kind,
                 name=tr.candidate.name, track=track_name(lang, s.track),
                 mode=mode_name(lang, s.mode), day=day(s.started_at))

    def _item(self, item: AnswerRecord) -> ComposeResult:
        lang, a = self.lang, item.attempt
        hide = self.hidden(item)
        yield Static(self._prompt(item), id="tr-prompt")
        tm = a.timing
        yield Static(
            timing_line(lang, tm.first_key_s, tm.answer_s, tm.overtime_s,
                        answer_pace(a.result, tm.answer_s)),
            id="tr-timing", classes="muted",
        )
        yield Static(self._scores(item, hide), id="tr-scores")
        yield Label(t(lang, "tr.answer"), id="tr-answer-label", classes="section")
        yield AnswerText(a.answer, id="tr-answer")
        yield Label(t(lang, "tr.points"), classes="section")
        yield self._points(item, hide)
        flags = [] if hide else self._flags(item)
        if flags:
            yield Label(t(lang, "tr.flags"), classes="section")
            yield Static("\n".join(flags), id="tr-flags")
        yield Label(t(lang, "tr.comments"), classes="section")
        comments = Static(self._comments(item), id="tr-comments")
        comments.can_focus = True  # the last Tab stop: it scrolls the comments into view
        yield comments

    def _prompt(self, item: AnswerRecord) -> Text:
        """What was asked: a retry or a follow-up says so, then its own wording."""
        lang = self.lang
        text = Text()
        if item.kind != "first":
            text.append(t(lang, f"q.{item.kind}") + "\n", style="italic")
        text.append(inert(item.prompt.get(lang).strip(), block=True), style="bold")
        point = next((p.criterion for p in item.verdict.points
                      if p.key == item.attempt.follow_up_criterion), None)
        if item.kind == "follow_up" and point is not None:
            text.append("\n" + t(lang, "tr.follow_up", point=point.label(lang)), style="italic")
        return text

    def _flags(self, item: AnswerRecord) -> list[str]:
        """The flags as the final verdict has them; those a coach's verdict lifted, marked."""
        lang, v = self.lang, item.verdict
        final = flag_lines(replace(v.result, flags=v.flags), lang)
        lifted = [f.message(lang) for f in v.auto_flags if f not in v.flags]
        return [f"• {f}" for f in final] + [
            "• " + t(lang, "tr.flag_lifted", flag=m) for m in lifted
        ]

    def _scores(self, item: AnswerRecord, hide: bool) -> Text:
        lang, a, r = self.lang, item.attempt, item.review
        text = Text()
        if hide:
            text.append(t(lang, "tr.auto_hidden"), style="italic")
        else:
            text.append(t(lang, "tr.auto", score=score_text(a.auto_score)), style="bold")
        text.append(" · ")
        if r.coach_score is None:
            text.append(t(lang, "tr.coach_none"))
        else:
            # Whose grade it is: a review imported with the session shows its coach.
            text.append(t(lang, "tr.coach", score=score_text(r.coach_score), coach=r.coach or "?"),
                        style="bold")
        if not hide:
            text.append(" · " + t(lang, "tr.final", score=score_text(item.score)))
        text.append(" · ")
        if r.reviewed_at is not None:
            ok = self.app.current_theme.success or ""
            text.append(t(lang, "tr.reviewed", coach=r.coach or "?"), style=f"bold {ok}")
        else:
            text.append(t(lang, "tr.not_reviewed"), style="italic")
        return text

    def _points(self, item: AnswerRecord, hide: bool) -> FittedTable:
        lang = self.lang
        theme = self.app.current_theme
        styles = {"hit": theme.success, "missed": theme.error, "negated": theme.warning}
        table = FittedTable("point", LABEL_CELLS, LABEL_MIN_CELLS, id="tr-points")
        for key in ("auto", "coach", "final", "point", "evidence"):
            table.add_column(t(lang, f"tr.col.{key}"), key=key)
        for p in item.verdict.points:
            c = p.criterion
            auto = Text("·") if hide else Text(MARKS[p.auto], style=f"bold {styles[p.auto]}")
            coach = (
                Text("—", style="dim") if p.coach is None
                else Text(MARKS[p.final], style=f"bold {styles[p.final]}")
            )
            # The verdict that counts: the coach's, else the scorer's (hidden while blind).
            final = (
                Text("·") if hide and p.coach is None
                else Text(MARKS[p.final], style=f"bold {styles[p.final]}")
            )
            found = None if hide else evidence(c)
            table.add_fitted_row(
                auto, coach, final, Fit(c.label(lang), REQUIRED if c.required else ""),
                Text(f"“{short(found, EVIDENCE_CELLS)}”", style="italic") if found else "",
                key=c.key,
            )
        return table

    def _comments(self, item: AnswerRecord) -> Text:
        lang, answer = self.lang, item.attempt.answer
        if not item.comments:
            return Text(t(lang, "tr.no_comments"), style="italic")
        text = Text()
        for i, c in enumerate(item.comments):
            if i:
                text.append("\n")
            if c.span:
                quoted = short(answer[c.span[0] : c.span[1]], PASSAGE_CELLS)
                text.append(t(lang, "tr.comment_on", author=c.author, passage=quoted, body=c.body))
            else:
                text.append(t(lang, "tr.comment", author=c.author, body=c.body))
        return text

    # -- grading ----------------------------------------------------------------------------

    def _with_coach(self, then: Callable[[str], None], owner: str | None = None) -> None:
        """Run `then(coach)`, asking for the coach's name first if it is not known yet.

        `owner` is whoever made what is being changed (a coach whose review came with an
        imported session, say). Changing another grader's work asks who is changing it, as
        the CLI's `--coach` must be given, once per other grader while the list is open.
        """
        ctx, lang = self.context, self.lang
        other = owner if owner and owner != ctx.coach and owner not in ctx.changing else None
        if ctx.coach and other is None:
            then(ctx.coach)
            return

        def named(name: str | None) -> None:
            if name:
                ctx.coach = " ".join(name.split())
                if other is not None:
                    ctx.changing.add(other)
                then(ctx.coach)

        body = t(lang, "dlg.coach.others", coach=other) if other else t(lang, "dlg.coach.body")
        self.app.push_screen(
            TextPrompt(t(lang, "dlg.coach.title"), body, value=ctx.coach or "",
                       check=lambda v: None if v.strip() else t(lang, "dlg.coach.empty"),
                       max_length=NAME_MAX),
            named,
        )

    def _save(self, change: Callable[[Store], object]) -> None:
        """Store one change of the coach's, then show the transcript as stored."""

        def done(_: object) -> None:
            self.notify(t(self.lang, "tr.saved"), timeout=2)
            self.reload()

        self.load(change, done, group="transcript-save", fail_key="save.failed", exclusive=False)

    def _selected_span(self, answer: str) -> tuple[int, int] | None:
        """The passage selected in the answer, as offsets into it (None: the whole answer)."""
        for editor in self.query("#tr-answer").results(AnswerText):
            span = editor.chosen
            if span is not None and answer[span[0] : span[1]].strip():  # blanks are no passage
                return passage(answer, *span)
        return None

    @on(TextArea.SelectionChanged, "#tr-answer")
    def _selection_changed(self) -> None:
        """The answer's heading says what `c` will comment on: the passage or the whole answer."""
        item = self.item
        if item is None:
            return
        answer, lang = item.attempt.answer, self.lang
        span = self._selected_span(answer)
        text = (
            t(lang, "tr.answer_passage",
              passage=short(" ".join(answer[span[0] : span[1]].split()), PASSAGE_CELLS))
            if span else t(lang, "tr.answer")
        )
        for label in self.query("#tr-answer-label").results(Label):
            label.update(text)

    def action_comment(self) -> None:
        item = self.item
        if item is None:
            return
        a = item.attempt
        span = self._selected_span(a.answer)
        lang = self.lang
        where = (
            t(lang, "dlg.comment.passage", passage=short(a.answer[span[0] : span[1]], 50))
            if span else t(lang, "dlg.comment.whole")
        )

        def ask(coach: str) -> None:
            def written(body: str | None) -> None:
                if body:
                    self._save(lambda store: store.add_comment(a.id, coach, body, span))

            self.app.push_screen(
                TextPrompt(t(lang, "dlg.comment.title"), where,
                           check=lambda v: None if v.strip() else t(lang, "dlg.comment.empty")),
                written,
            )

        self._with_coach(ask)

    def action_summary(self) -> None:
        tr = self.record
        if tr is None:
            return
        lang, sid = self.lang, tr.session.id
        # The prompt is one line: a summary written with line breaks (`review --summary`) is
        # offered joined, and kept as it is unless the coach changes it.
        current = " ".join(tr.session.summary.text.split("\n")) if tr.session.summary else ""

        def ask(coach: str) -> None:
            def written(text: str | None) -> None:
                if text is not None and text.strip() != current:
                    self._save(lambda store: store.set_summary(sid, text, coach))

            self.app.push_screen(
                TextPrompt(t(lang, "dlg.summary.title"), t(lang, "dlg.summary.body"),
                           value=current, max_length=COMMENT_MAX),
                written,
            )

        self._with_coach(ask, tr.session.summary.coach if tr.session.summary else None)

    def action_point(self) -> None:
        item = self.item
        if item is None:
            return
        table = self.query_one("#tr-points", DataTable)
        if not table.row_count:
            self.notify(t(self.lang, "tr.no_point"), severity="warning")
            return
        self.point_row = table.cursor_row
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        key = str(row_key.value)
        verdict = NEXT_VERDICT[item.review.points.get(key)]
        aid = item.attempt.id
        self._with_coach(
            lambda coach: self._save(lambda store: store.override_criterion(aid, key, verdict, coach)),
            item.review.coach,
        )

    def action_score(self) -> None:
        item = self.item
        if item is None:
            return
        lang, aid = self.lang, item.attempt.id
        current = item.review.coach_score

        def ask(coach: str) -> None:
            def typed(raw: str | None) -> None:
                if raw is None:
                    return
                _, score = parse_score(raw)
                self._save(lambda store: store.override_score(aid, score, coach))

            self.app.push_screen(
                TextPrompt(t(lang, "dlg.score.title"), t(lang, "dlg.score.body"),
                           value="" if current is None else f"{current:g}",
                           check=lambda v: None if parse_score(v)[0] else t(lang, "dlg.score.bad")),
                typed,
            )

        self._with_coach(ask, item.review.coach)

    def action_reviewed(self) -> None:
        item = self.item
        if item is None:
            return
        aid, done = item.attempt.id, item.review.reviewed_at is not None
        self._with_coach(
            lambda coach: self._save(lambda store: store.mark_reviewed(aid, coach, not done)),
            item.review.coach,
        )

    # -- moving around ----------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        answers = self.record.answers if self.record else ()
        if not answers:
            return
        index = min(max(self.index + step, 0), len(answers) - 1)
        if index != self.index:
            self.index, self.point_row = index, 0
            self.redraw()

    def action_blind(self) -> None:
        self.context.blind = not self.context.blind
        self.notify(t(self.lang, "rv.blind_on" if self.context.blind else "rv.blind_off"),
                    timeout=3)
        self.redraw()

    def action_export(self) -> None:
        tr = self.record
        if tr is not None:
            name = default_name(tr.candidate.name, tr.session.started_at, tr.session.id, "md")
            export_session(self, tr.session.id, name)

    def action_back(self) -> None:
        self.dismiss()

"""Interface text of the progress, compare and review screens, in Chinese and English.

Same pattern as strings.py (kept apart so the two can change independently):
`rt(lang, key, **fields)` looks a text up; `review_key_label` translates a key
binding's English description for the footer, falling back to strings.py's.
"""

from __future__ import annotations

from mockroom.tui.strings import key_label, lookup

# key -> (zh, en)
TEXTS: dict[str, tuple[str, str]] = {
    "no_store": ("数据库还没有打开。", "The database is not open yet."),
    "no_candidate": ("还没有候选人。", "There is no candidate yet."),
    "loading": ("正在读取…", "Loading…"),
    "failed": ("读取失败：{error}", "Could not read: {error}"),
    "hidden": ("隐藏", "hidden"),
    "all": ("全部", "All"),
    "none_yet": ("还没有作答记录。", "No answers yet."),
    # progress
    "pr.title": ("进度：{name}", "Progress: {name}"),
    "pr.track": ("方向：{track}", "Track: {track}"),
    "pr.tab.questions": ("按题目", "Questions"),
    "pr.tab.points": ("要点", "Rubric points"),
    "pr.tab.overview": ("总览", "Overview"),
    "pr.col.question": ("题目", "Question"),
    "pr.col.n": ("次数", "N"),
    "pr.col.best": ("最佳", "Best"),
    "pr.col.latest": ("最近", "Latest"),
    "pr.col.time": ("平均用时", "Avg time"),
    "pr.col.trend": ("趋势", "Trend"),
    "pr.col.point": ("要点", "Rubric point"),
    "pr.col.hit": ("命中", "Hit"),
    "pr.col.rate": ("命中率", "Rate"),
    "pr.scores": ("{question}：最近 {n} 次得分", "{question}: last {n} scores"),
    "pr.points_of": ("本题要点（最弱在前）", "This question's points, weakest first"),
    "pr.weakest": ("所有题目中最弱的要点", "Weakest points across all questions"),
    "pr.trend": ("最近 {n} 次练习的平均分", "Mean score of the last {n} sessions"),
    "pr.trend_row": ("{day} {track}：{score}（{n} 题）", "{day} {track}: {score} ({n} answers)"),
    "pr.ratings": ("自评与得分", "Self-rating vs score"),
    "pr.ratings_none": ("还没有自评记录。", "No self-ratings yet."),
    "pr.rating_band": ("自评 {rating}：平均 {score} 分（{n} 次）", "Rated {rating}: mean {score} ({n} answers)"),
    "pr.rating_line": ("自评×20", "rating×20"),
    "pr.score_line": ("得分", "score"),
    "pr.compare_needs_two": ("这道题至少要答两次才能对比。", "Answer this question twice to compare."),
    # compare
    "cmp.title": ("对比两次作答：{question}", "Two attempts: {question}"),
    "cmp.first": ("较早", "Earlier"),
    "cmp.second": ("较晚", "Later"),
    "cmp.pick": ("{n}. {day} · {score} 分", "{n}. {day} · {score}"),
    "cmp.score": ("得分 {first} → {second}（{delta}）", "Score {first} → {second} ({delta})"),
    "cmp.time": (
        "作答用时 {first} → {second}（{delta}）",
        "Answer time {first} → {second} ({delta})",
    ),
    "cmp.length": ("长度 {first} → {second}", "Length {first} → {second}"),
    "cmp.newly_hit": ("新答到", "Newly hit"),
    "cmp.lost": ("丢掉了", "Lost"),
    "cmp.kept": ("保持", "Kept"),
    "cmp.still_missed": ("仍未答到", "Still missed"),
    "cmp.changed_rubric": ("评分标准变过的要点", "Points from a changed rubric"),
    "cmp.same": ("两次是同一个回答，请选另一次。", "Both sides are the same answer: pick another."),
    # review list
    "rv.title": ("教练审阅", "Coach review"),
    "rv.candidate": ("候选人", "Candidate"),
    "rv.since": ("起始日期 YYYY-MM-DD", "Since YYYY-MM-DD"),
    "rv.bad_since": ("日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD"),
    "rv.track": ("方向", "Track"),
    "rv.state": ("状态", "State"),
    "rv.col.date": ("日期（UTC）", "Date (UTC)"),
    "rv.col.candidate": ("候选人", "Candidate"),
    "rv.col.track": ("方向", "Track"),
    "rv.col.answers": ("题数", "Ans"),
    "rv.col.auto": ("自动", "Auto"),
    "rv.col.coach": ("教练", "Coach"),
    "rv.col.review": ("审阅", "Review"),
    "rv.count": ("{n} 场练习", "{n} sessions"),
    "rv.none": ("没有符合条件的练习。", "No sessions match."),
    "rv.blind_on": ("盲评：未评分前隐藏自动得分", "Blind: auto scores hidden until you grade"),
    "rv.blind_off": ("盲评已关闭", "Blind mode off"),
    "state.unreviewed": ("未审阅", "unreviewed"),
    "state.partial": ("部分", "partial"),
    "state.reviewed": ("已审阅", "reviewed"),
    # transcript
    "tr.head": (
        "{name} · {track} · {mode} · {day} · 第 {n} 题（共 {total}）",
        "{name} · {track} · {mode} · {day} · answer {n} of {total}",
    ),
    "tr.follow_up": ("追问（{point}）", "Follow-up ({point})"),
    "tr.auto": ("自动得分 {score}", "Auto score {score}"),
    "tr.auto_hidden": ("自动得分已隐藏（盲评，先打分）", "Auto score hidden (blind: grade first)"),
    "tr.coach": ("教练得分 {score}", "Coach score {score}"),
    "tr.coach_none": ("教练未打分", "no coach score"),
    "tr.final": ("最终 {score}", "final {score}"),
    "tr.reviewed": ("已审阅（{coach}）", "reviewed ({coach})"),
    "tr.not_reviewed": ("未审阅", "not reviewed"),
    "tr.answer": (
        "回答（shift+方向键选中一段，再按 c 评论这一段）",
        "Answer (select a passage with shift+arrows, then c comments on it)",
    ),
    "tr.points": ("要点（t 切换教练判定：自动 → 答到 → 未答到）", "Rubric points (t: auto → met → missed)"),
    "tr.col.auto": ("自动", "Auto"),
    "tr.col.coach": ("教练", "Coach"),
    "tr.col.point": ("要点", "Point"),
    "tr.col.evidence": ("依据", "Evidence"),
    "tr.flags": ("扣分提示", "Flags"),
    "tr.comments": ("评论", "Comments"),
    "tr.no_comments": ("还没有评论。", "No comments yet."),
    "tr.comment_on": ("{author} 评“{passage}”：{body}", "{author} on “{passage}”: {body}"),
    "tr.comment": ("{author}:{body}", "{author}: {body}"),
    "tr.empty": ("这场练习没有作答。", "This session has no answers."),
    "tr.saved": ("已保存", "Saved"),
    "tr.no_point": ("先在要点表里选一行。", "Pick a row in the rubric points first."),
    "tr.span_lost": (
        "选中的片段与原回答对不上，已改为评论整段回答。",
        "The selection does not map onto the stored answer; commenting on the whole answer.",
    ),
    # dialogs
    "dlg.coach.title": ("你的名字（教练）", "Your name (coach)"),
    "dlg.coach.body": ("评论、改判和评分都会记上这个名字。", "Comments, overrides and scores carry this name."),
    "dlg.coach.empty": ("名字不能为空。", "The name cannot be empty."),
    "dlg.comment.title": ("评论这段回答", "Comment on this answer"),
    "dlg.comment.passage": ("针对：“{passage}”", "On: “{passage}”"),
    "dlg.comment.whole": ("针对整段回答", "On the whole answer"),
    "dlg.comment.empty": ("评论不能为空。", "The comment is empty."),
    "dlg.score.title": ("教练得分", "Coach score"),
    "dlg.score.body": (
        "0–100；留空或输入 auto 则删除教练得分。",
        "0–100; leave empty or type auto to remove your score.",
    ),
    "dlg.score.bad": ("请输入 0 到 100 之间的数字。", "Type a number from 0 to 100."),
    "dlg.export.title": ("导出这场练习", "Export this session"),
    "dlg.export.format": ("格式", "Format"),
    "dlg.export.path": ("文件", "File"),
    "dlg.export.empty": ("请给出文件路径。", "Give a file path."),
    "export.done": ("已导出 {path}", "Exported {path}"),
    "export.failed": ("导出失败：{error}", "Export failed: {error}"),
    "save.failed": ("保存失败：{error}", "Could not save: {error}"),
}

# Footer: English binding descriptions -> Chinese (strings.py's own come first).
KEY_LABELS_ZH: dict[str, str] = {
    "Back": "返回",
    "Open": "打开",
    "Filter": "筛选",
    "Blind": "盲评",
    "Export": "导出",
    "Progress": "进度",
    "Answer": "上/下题",
    "Comment": "评论",
    "Point": "改判",
    "Score": "打分",
    "Reviewed": "审阅",
    "Compare": "对比",
    "Track": "方向",
    "Tabs": "分页",
    "Attempts": "换一组",
    "Save": "保存",
}


def rt(lang: str, key: str, **fields: object) -> str:
    return lookup(TEXTS, lang, key, **fields)


def review_key_label(lang: str, description: str) -> str:
    if lang != "zh":
        return description
    return KEY_LABELS_ZH.get(description) or key_label(lang, description)

"""Every piece of interface text, in Chinese and English.

`t(lang, key, **fields)` looks a text up; `key_label(lang, description)`
translates the English description of a key binding (or of a group of keys) for
the footer, so BINDINGS stay plain English and the footer follows the interface
language. One table for every screen, so a key is never defined twice.
"""

from __future__ import annotations

from mockroom.core.inert import inert

# key -> (zh, en)
TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("mockroom 模拟面试", "mockroom mock interview"),
    # start screen
    "start.heading": ("开始练习", "Start practising"),
    "start.candidate": ("候选人：{name}", "Candidate: {name}"),
    "start.track": ("方向", "Track"),
    "start.count": ("题数", "Questions"),
    "start.mode": ("模式", "Mode"),
    "start.clock": ("计时", "Clock"),
    "start.auto_submit": ("到时自动提交", "Submit at limit"),
    "start.live_meter": ("实时要点计数", "Live meter"),
    "start.go": ("开始", "Start"),
    "start.waiting": ("正在打开数据库，打开后立即开始…", "Opening the database; starting as soon as it is open…"),
    "start.no_tracks": (
        "题库里没有可用的题目。用 MOCKROOM_BANK 指定题库目录。",
        "The bank has no usable questions. Point MOCKROOM_BANK at a bank folder.",
    ),
    "start.skipped": ("已跳过 {path}：{reason}", "Skipped {path}: {reason}"),
    "start.more_problems": ("……另有 {n} 个问题（mockroom lint 查看全部）", "…and {n} more (mockroom lint lists them all)"),
    "start.nothing_due": ("这个方向目前没有到期复习的题目。", "Nothing is due for review in this track."),
    # The built-in bank's tracks; a track of your own shows its id.
    "track.support": ("技术支持", "Technical support"),
    "track.sales": ("销售与市场", "Sales & marketing"),
    "mode.practice": ("练习", "Practice"),
    "mode.interview": ("模拟面试", "Mock interview"),
    "mode.due": ("到期复习", "Due for review"),
    "mode.single": ("单题练习", "Single questions"),  # sessions of older versions
    "mode.mock": ("完整模拟面试", "Full mock interview"),
    "start.hint.practice": (
        "每题答完就看讲评，可追问、重答；看讲评时总时间暂停。",
        "Feedback after each answer; the total time pauses while you read it.",
    ),
    "start.hint.interview": (
        "像真实面试：全部答完才看报告；总时间只在答题时走。",
        "Like a real interview: no feedback until the end; time runs only on questions.",
    ),
    "start.hint.due": (
        "复习到期的题目，每题答完就看讲评。",
        "The questions due for review, with feedback after each answer.",
    ),
    "start.nothing_due_next": (
        "这个方向目前没有到期的题目，下一道{when}到期。",
        "Nothing is due in this track: the next question is due {when}.",
    ),
    # the review schedule on the start screen
    "due.title": ("到期复习", "Due for review"),
    "due.empty": (
        "还没有要复习的题：答过的题到期后会出现在这里。",
        "Nothing to review yet: questions you answer come back here when due.",
    ),
    "due.unseen": ("{track}：还没答过", "{track}: not answered yet"),
    "due.now": ("{track}：{n} 道到期", "{track}: {n} due now"),
    "due.none": ("{track}：暂无到期", "{track}: nothing due"),
    "due.next": ("，下一道{when}", " · next {when}"),
    "when.now": ("现在", "now"),
    "when.minutes": ("{n} 分钟后", "in {n} min"),
    "when.hours": ("{n} 小时后", "in {n} h"),
    "when.day": ("1 天后", "in 1 day"),
    "when.days": ("{n} 天后", "in {n} days"),
    "when.minutes_ago": ("{n} 分钟前", "{n} min ago"),
    "when.hours_ago": ("{n} 小时前", "{n} h ago"),
    "when.days_ago": ("{n} 天前", "{n} days ago"),
    "lang.name": ("中文", "English"),
    "lang.switched": ("界面语言：中文", "Interface language: English"),
    # dialogs
    "name.title": ("你的名字", "Your name"),
    "name.body": (
        "输入名字，教练查看记录时据此区分候选人。之后可随时修改。",
        "Enter your name so coaches can tell candidates apart. You can change it later.",
    ),
    "name.placeholder": ("名字", "Name"),
    "name.empty": ("名字不能为空。", "The name cannot be empty."),
    "name.too_long": ("名字最多 {n} 个字符。", "The name can be at most {n} characters."),
    "name.control": ("名字不能包含控制字符。", "The name cannot hold control characters."),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "resume.title": ("继续上次的练习？", "Resume your last session?"),
    "resume.body": (
        "{track} · {mode} · 已答 {done}/{total} 题",
        "{track} · {mode} · {done} of {total} answered",
    ),
    "resume.draft": ("草稿（{n} 字）：{excerpt}", "Draft ({n} chars): {excerpt}"),
    "resume.yes": ("继续", "Resume"),
    "resume.no": ("放弃", "Discard"),
    "resume.missing": (
        "题库里已找不到 {n} 道题，已跳过。",
        "{n} questions are no longer in the bank and were skipped.",
    ),
    "taken.title": ("这次练习正在另一个窗口中进行", "This session is open in another window"),
    "taken.body": (
        "另一个 mockroom（{owner}，{seen} 仍在运行）正在使用它。接管后那个窗口将不再保存；只读则只查看记录。",
        "Another mockroom ({owner}, alive at {seen}) has it open. Take it over and that window "
        "stops saving; or only read its transcript.",
    ),
    "taken.yes": ("接管", "Take over"),
    "taken.no": ("只读", "Read only"),
    "taken.lost": (
        "这次练习已在另一个窗口中被接管，此窗口不再保存。",
        "Another window took this session over; this one no longer saves it.",
    ),
    "quit.title": ("退出？", "Quit?"),
    "quit.body": (
        "草稿已保存，下次启动时可以继续这道题。",
        "Your draft is saved; the next start offers to resume this question.",
    ),
    "quit.yes": ("退出", "Quit"),
    "quit.no": ("继续答题", "Keep answering"),
    "rate.title": ("你答得怎么样？1–5", "How well did you answer? 1–5"),
    "rate.body": (
        "看分数前先给自己打分：1 = 没答好，5 = 答得很好。按 Enter 跳过。",
        "Rate yourself before you see the score: 1 = poorly, 5 = very well. Enter skips.",
    ),
    "rate.body_end": (
        "给自己打分：1 = 没答好，5 = 答得很好。得分在面试结束后的报告里。按 Enter 跳过。",
        "Rate yourself: 1 = poorly, 5 = very well. The scores come in the report at the end. "
        "Enter skips.",
    ),
    "rate.skip": ("跳过", "Skip"),
    # question screen
    "q.progress": ("第 {n}/{total} 题", "Question {n}/{total}"),
    "q.follow_up": ("追问", "Follow-up"),
    "q.retry": ("重答", "Retry"),
    "q.intent": ("考察点：{intent}", "What this assesses: {intent}"),
    "q.placeholder": (
        "在这里作答。准备时间内开始打字会立即开始答题计时。",
        "Type your answer here. Typing during prep starts the answer clock.",
    ),
    "q.placeholder_now": ("在这里作答。", "Type your answer here."),
    "q.empty": ("请先写下回答再提交。", "Type an answer before submitting."),
    "q.auto_submitted": ("时间到，已自动提交。", "Time is up: the answer was submitted."),
    "q.saving": ("正在评分并保存…", "Scoring and saving…"),
    "q.save_failed": ("保存失败：{error}", "Could not save: {error}"),
    "q.score_failed": ("答案无法评分（{error}）", "the answer could not be scored ({error})"),
    "clock.prep": ("准备 {t}", "Prep {t}"),
    "clock.answer": ("作答 {t}", "Answer {t}"),
    "clock.overtime": ("超时 +{t}", "Overtime +{t}"),
    "clock.off": ("计时已关", "Clock off"),
    "budget.left": ("总剩余 {t}", "Total left {t}"),
    "budget.paused": ("总剩余 {t}（暂停）", "Total {t} · paused"),
    "budget.out": ("总时间到", "Total time up"),
    "budget.over": ("总时间超 +{t}", "Total over +{t}"),
    "budget.submitted": (
        "总时间到，这道题已自动提交。", "The total time is up: this answer was submitted."
    ),
    "budget.finish": (
        "总时间到：答完这道题就结束。", "The total time is up: finish this answer; it is the last."
    ),
    "last.head": ("上次作答（{when}，{score} 分）：", "Last time ({when}, score {score}):"),
    "last.all_hit": ("每个要点都答到了。", "Every point was covered."),
    "last.point": ("• 没答到 {label}{mark}：{tip}", "• Missed {label}{mark}: {tip}"),
    "last.required": ("（必答）", " (required)"),
    "last.negated": ("（你否定了它）", " (you rejected it)"),
    "interview.saved": ("已保存，下一题。", "Saved. Next question."),
    "count.zh": ("{n} 字 / {lo}–{hi}", "{n} chars / {lo}–{hi}"),
    "count.en": ("{n} 词 / {lo}–{hi}", "{n} words / {lo}–{hi}"),
    "count.plain": ("{n} 字", "{n} chars"),
    "meter": ("要点 {hit}/{total}", "Points {hit}/{total}"),
    # feedback
    "fb.score": ("得分 {score}", "Score {score}"),
    "fb.points": ("要点", "Rubric points"),
    "fb.hit": ("命中", "hit"),
    "fb.missed": ("未答到", "missed"),
    "fb.negated": ("被否定", "negated"),
    "fb.matched": ("“{phrase}”", "“{phrase}”"),
    "fb.flags": ("提示", "Flags"),
    "fb.answer": ("你的回答（命中处高亮）", "Your answer (matches highlighted)"),
    "fb.tips": ("改进建议", "Tips for missed points"),
    "fb.outline": ("参考答案要点", "Model-answer outline"),
    "fb.outline_hint": ("按 o 查看参考答案要点。", "Press o to see the model-answer outline."),
    "fb.timing": ("用时", "Timing"),
    "fb.first_key": ("首次按键 {t}", "First key {t}"),
    "fb.answer_time": ("作答 {t}", "Answered in {t}"),
    "fb.overtime": ("超时 {t}", "overtime {t}"),
    "fb.speed.chars": ("{n} 字/分钟", "{n} chars/min"),
    "fb.speed.words": ("{n} 词/分钟", "{n} words/min"),
    "fb.no_key": ("未输入", "no keystroke"),
    "fb.follow_up": ("追问：{prompt}", "Follow-up: {prompt}"),
    "fb.follow_up_keys": ("按 f 回答追问，按 n 跳过。", "Press f to answer it, n to skip."),
    "fb.compare": ("与上次对比", "Compared with the last attempt"),
    "fb.before": ("上次 {score}", "Before {score}"),
    "fb.now": ("本次 {score}", "Now {score}"),
    "fb.saved": ("已保存", "Saved"),
    # flags: advice added after the scorer's own message
    "flag.too-short": ("补上具体做法和结果。", "Add concrete steps and the outcome."),
    "flag.too-long": (
        "先说结论，再挑最重要的两三点展开。",
        "Lead with the answer, then expand the two or three points that matter most.",
    ),
    "flag.keyword-list": (
        "把每个要点和你具体做了什么、结果如何连起来讲。",
        "Tie each point to what you actually did and what came of it.",
    ),
    "flag.off-topic": ("先回应问题本身。", "Answer what was asked first."),
    "flag.missed-required": (
        "这类题不提它很难拿高分。",
        "Strong answers to this question always cover it.",
    ),
    "flag.missed-required.many": (
        "这类题不提这些要点很难拿高分。",
        "Strong answers to this question always cover them.",
    ),
    "flag.negated": (
        "面试官会理解为你不会这么做。",
        "The interviewer hears that you would not do it.",
    ),
    "flag.red-flag": ("这类话会让面试官担心。", "Remarks like this worry interviewers."),
    "flag.off-point": (
        "每一段都回到题目问的事情上：先对上要点，再展开。",
        "Bring each part back to what was asked: name the point, then expand it.",
    ),
    "flag.rejects-points": (
        "会做的就直接说怎么做；不做的，说清你会改做什么。",
        "Say how you would do what you would do; for what you would not, say what instead.",
    ),
    # summary
    "sum.title": ("练习小结", "Session summary"),
    "sum.title_mock": ("模拟面试报告", "Mock interview report"),
    "sum.question": ("题目", "Question"),
    "sum.kind": ("类型", "Kind"),
    "sum.score": ("得分", "Score"),
    "sum.time": ("用时", "Time"),
    "sum.kind.first": ("作答", "answer"),
    "sum.kind.retry": ("重答", "retry"),
    "sum.kind.follow_up": ("追问", "follow-up"),
    "sum.average": ("{n} 题平均分 {score}", "Average of {n} questions: {score}"),
    "sum.best_note": (
        "{mark} 一题答了几次时，计分的是最好的一次。",
        "{mark} A question answered more than once counts its best attempt.",
    ),
    "sum.weakest": ("最薄弱的要点", "Weakest rubric points"),
    "sum.missed_times": ("漏答 {missed}/{seen} 次", "missed {missed} of {seen}"),
    "sum.next": ("接下来练什么", "What to practise next"),
    "sum.retry_q": ("重答：{prompt}（{score} 分）", "Retry: {prompt} ({score})"),
    "sum.none": ("本次没有提交回答。", "No answers were submitted in this session."),
    "sum.all_good": ("每个要点都答到了，试试更难的题。", "Every point was covered: try harder questions."),
    "sum.budget_out": ("总时间已用完。", "The time budget is used up."),
    "time.title": ("时间花在哪里", "How the time was spent"),
    "time.col.thinking": ("思考", "Thinking"),
    "time.col.answering": ("作答", "Answering"),
    "time.col.over": ("超时", "Over"),
    "time.col.extra": ("重答/追问", "Retry/follow-up"),
    "time.used": ("共用 {used}，总时间 {budget}，剩 {left}", "Used {used} of {budget}, {left} left"),
    "time.used_over": ("共用 {used}，总时间 {budget}，超出 {over}", "Used {used} of {budget}, {over} over"),
    "time.used_plain": ("共用 {used}", "Used {used}"),
    "time.extra": (
        "重答和追问另用 {t}，不计入总时间。", "Retries and follow-ups took {t} more, outside the budget."
    ),
    # commands and notices
    "cmd.help": ("帮助：本页说明、可用按键、数据位置（F1）", "Help: this screen, its keys, where data is (F1)"),
    # the help dialog (f1)
    "help.title": ("帮助", "Help"),
    "help.keys": ("本页按键", "Keys on this screen"),
    "help.data": ("你的数据", "Your data"),
    "help.db": ("数据库：{where}", "Database: {where}"),
    "help.db_opening": ("正在打开…", "opening…"),
    "help.settings": ("设置：{where}", "Settings: {where}"),
    "help.exports": ("导出到：{where}", "Exports go to: {where}"),
    "cmd.lang": ("切换界面语言（中文/English）", "Switch interface language (中文/English)"),
    "cmd.clock": ("显示/隐藏计时", "Turn the clock on/off"),
    "cmd.auto_submit": ("到时自动提交 开/关", "Submit at the time limit on/off"),
    "cmd.live_meter": ("实时要点计数 开/关", "Live rubric meter on/off"),
    "cmd.self_rating": ("答后自评 开/关", "Rate my own answers on/off"),
    "cmd.name": ("修改候选人名字", "Change the candidate's name"),
    "cmd.new": ("回到开始页", "Back to the start screen"),
    "cmd.progress": ("查看进度", "Show progress"),
    "cmd.review": ("教练审阅", "Coach review"),
    "on": ("开", "on"),
    "off": ("关", "off"),
    "setting.clock": ("计时：{state}", "Clock: {state}"),
    "setting.auto_submit": ("到时自动提交：{state}", "Submit at limit: {state}"),
    "setting.live_meter": ("实时要点计数：{state}", "Live meter: {state}"),
    "setting.self_rating": ("答后自评：{state}", "Self-rating: {state}"),
    "settings.problem": ("设置文件有问题：{problem}", "Settings file problem: {problem}"),
    "settings.save_failed": ("无法保存设置：{error}", "Could not save settings: {error}"),
    "db.failed": ("无法打开数据库：{error}", "Cannot open the database: {error}"),
    "bank.failed": ("无法加载题库：{error}", "Cannot load the question bank: {error}"),
    "name.saved": ("名字已保存：{name}", "Name saved: {name}"),
    # progress, compare, review and transcript pages
    "no_store": ("数据库还没有打开。", "The database is not open yet."),
    "no_candidate": ("还没有候选人。", "There is no candidate yet."),
    "page.loading": ("正在读取…", "Loading…"),
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
    "pr.session_of": ("{n} 题 · {track}", "{n} questions · {track}"),
    "pr.ratings": ("自评与得分（都按 0–100）", "Self-rating vs score (both on 0–100)"),
    "pr.ratings_none": ("还没有自评记录。", "No self-ratings yet."),
    "pr.rated": ("自评 {rating}/5", "Rated {rating}/5"),
    "pr.said": ("自评×20", "rating ×20"),
    "pr.scored": ("平均得分", "mean score"),
    "pr.answers": ("{n} 次", "{n} answers"),
    "pr.rated_once": (
        "只有一次自评：你给了 {rating}/5（即 {said}），得分 {score}。",
        "One self-rating so far: you gave {rating}/5 ({said} of 100) and scored {score}.",
    ),
    "pr.ratings_match": ("你的自评与得分大体一致（{n} 次）。", "Your self-ratings match your scores ({n} answers)."),
    "pr.ratings_high": (
        "你的自评平均比得分高 {gap} 分（{n} 次）。",
        "You rate yourself {gap} points above your scores on average ({n} answers).",
    ),
    "pr.ratings_low": (
        "你的自评平均比得分低 {gap} 分（{n} 次）。",
        "You rate yourself {gap} points below your scores on average ({n} answers).",
    ),
    # a trend is told only from three points up; fewer are said in words
    "pr.rising": ("上升：{first} → {last}", "Rising: {first} → {last}"),
    "pr.falling": ("下降：{first} → {last}", "Falling: {first} → {last}"),
    "pr.steady": ("持平：{first} → {last}", "Steady: {first} → {last}"),
    "pr.one_score": ("只答过一次：{score} 分。", "One attempt so far: {score}."),
    "pr.two_scores": ("答过两次：{first} → {second} 分。", "Two attempts so far: {first} → {second}."),
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
    "rv.col.questions": ("题数", "Qs"),
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
        "第 {n} 题（共 {total}）{kind} · {name} · {track} · {mode} · {day}",
        "Question {n} of {total}{kind} · {name} · {track} · {mode} · {day}",
    ),
    "tr.follow_up": ("追问的要点：{point}", "Asked about: {point}"),
    "tr.flag_lifted": ("{flag}（按教练的判定已不适用）", "{flag} (lifted by the coach's verdict)"),
    "tr.auto": ("自动得分 {score}", "Auto score {score}"),
    "tr.auto_hidden": ("自动得分已隐藏（盲评，先打分）", "Auto score hidden (blind: grade first)"),
    "tr.coach": ("教练得分 {score}（{coach}）", "Coach score {score} ({coach})"),
    "tr.coach_none": ("教练未打分", "no coach score"),
    "tr.final": ("最终 {score}", "final {score}"),
    "tr.reviewed": ("已审阅（{coach}）", "reviewed ({coach})"),
    "tr.not_reviewed": ("未审阅", "not reviewed"),
    "tr.answer": (
        "回答 · c 评论整段回答（shift+方向键可选中一段）",
        "Answer · c comments on the whole answer (shift+arrows select a passage)",
    ),
    "tr.answer_passage": ("回答 · c 评论选中的“{passage}”", "Answer · c comments on “{passage}”"),
    "tr.points": ("要点（t 切换教练判定：自动 → 答到 → 未答到）", "Rubric points (t: auto → met → missed)"),
    "tr.col.auto": ("自动", "Auto"),
    "tr.col.coach": ("教练", "Coach"),
    "tr.col.final": ("最终", "Final"),
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
    # dialogs
    "dlg.coach.title": ("你的名字（教练）", "Your name (coach)"),
    "dlg.coach.body": ("评论、改判和评分都会记上这个名字。", "Comments, overrides and scores carry this name."),
    "dlg.coach.others": (
        "这里的评分是 {coach} 给的。你的修改会记上你的名字：",
        "{coach} graded this. Your change will carry your name:",
    ),
    "dlg.coach.empty": ("名字不能为空。", "The name cannot be empty."),
    "dlg.comment.title": ("评论这段回答", "Comment on this answer"),
    "dlg.comment.passage": ("针对：“{passage}”", "On: “{passage}”"),
    "dlg.comment.whole": ("针对整段回答", "On the whole answer"),
    "dlg.comment.empty": ("评论不能为空。", "The comment is empty."),
    "dlg.summary.title": ("整场总评", "Overall comment on the session"),
    "dlg.summary.body": ("写给候选人，放在导出文件开头；清空即删除。",
                         "For the candidate, at the top of the exports; empty removes it."),
    "tr.summary": ("总评（{coach}）：{text}", "Overall ({coach}): {text}"),
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
    "dlg.export.no_folder": ("没有这个文件夹：{folder}", "No such folder: {folder}"),
    "dlg.export.not_folder": ("这不是文件夹：{folder}", "Not a folder: {folder}"),
    "dlg.export.is_folder": ("这是一个文件夹，请在后面加上文件名：{path}",
                             "That is a folder; add a file name: {path}"),
    "dlg.export.writing": ("正在导出……", "Exporting…"),
    "export.done": ("已导出 {path}", "Exported {path}"),
    "export.failed": ("导出失败：{error}", "Export failed: {error}"),
    "save.failed": ("保存失败：{error}", "Could not save: {error}"),
}

# English texts when their count `n` is 1 (Chinese has no plural): key -> the singular text.
# t() picks it, so "1 words" or "the last 1 sessions" is never shown.
ONE_EN: dict[str, str] = {
    "start.more_problems": "…and 1 more (mockroom lint lists them all)",
    "resume.draft": "Draft (1 char): {excerpt}",
    "resume.missing": "1 question is no longer in the bank and was skipped.",
    "count.zh": "1 char / {lo}–{hi}",
    "count.en": "1 word / {lo}–{hi}",
    "count.plain": "1 char",
    "pr.scores": "{question}: its one score",
    "pr.trend": "Mean score of the last session",
    "pr.session_of": "1 question · {track}",
    "pr.answers": "1 answer",
    "rv.count": "1 session",
    "sum.average": "1 question: {score}",
}

# Footer: English binding descriptions -> Chinese.
KEY_LABELS_ZH: dict[str, str] = {
    "Quit": "退出",
    "Help": "帮助",
    "Close": "关闭",
    "Review": "审阅",
    "Progress": "进度",
    "中/En": "中/En",
    "Clock": "计时",
    "Start": "开始",
    "Name": "名字",
    "Submit": "提交",
    "Answer now": "开始作答",
    "Intent": "考察点",
    "Last time": "上次",
    "Next": "下一题",
    "Retry": "重答",
    "Follow-up": "追问",
    "Outline": "参考答案",
    "New session": "新练习",
    "Yes": "是",
    "No": "否",
    "Resume": "继续",
    "Discard": "放弃",
    "Take over": "接管",
    "Read only": "只读",
    "Keep answering": "继续答题",
    "Cancel": "取消",
    "Rate": "自评",
    "Skip": "跳过",
    "Back": "返回",
    "Open": "打开",
    "Filter": "筛选",
    "Blind": "盲评",
    "Export": "导出",
    "Answer": "上/下题",
    "Comment": "评论",
    "Summary": "总评",
    "Point": "改判",
    "Score": "打分",
    "Reviewed": "审阅",
    "Compare": "对比",
    "Track": "方向",
    "Tabs": "分页",
    "Attempts": "换一组",
    "Save": "保存",
    "Choose": "选择",
    "palette": "命令",  # Textual's ctrl+p command palette
}


def t(lang: str, key: str, **fields: object) -> str:
    """The text for `key` in `lang`, with fields filled in."""
    zh, en = TEXTS[key]
    text = zh if lang == "zh" else ONE_EN.get(key, en) if fields.get("n") == 1 else en
    # Fields are user text (names, comments, tracks): made inert for the terminal.
    if not fields:
        return text
    return text.format(**{k: inert(str(v), block=True) for k, v in fields.items()})


def track_name(lang: str, track: str) -> str:
    """A track's name; a track of your own bank (none is given for it) shows its id."""
    return _named(lang, "track", track)


def mode_name(lang: str, mode: str) -> str:
    """A session mode's name; an unknown one (from a newer release's export) as stored."""
    return _named(lang, "mode", mode)


def _named(lang: str, kind: str, value: str) -> str:
    key = f"{kind}.{value}"
    return t(lang, key) if key in TEXTS else inert(value)


def key_label(lang: str, description: str) -> str:
    return KEY_LABELS_ZH.get(description, description) if lang == "zh" else description

"""What the help dialog (f1) says about each screen, in Chinese and English.

Keyed by the screen's class name, so the help follows the screen the person is on; a screen
without an entry gets the general text. tests/tui/practice/test_help.py checks that every
screen a person can reach has one. The keys themselves are not written here: the dialog
lists the screen's live bindings, so the help never disagrees with the footer.
"""

from __future__ import annotations

# screen class name -> (zh, en); paragraphs separated by blank lines
SCREENS: dict[str, tuple[str, str]] = {
    "StartScreen": (
        "选择方向（应聘的岗位）、题数和模式（tab 移到一行，←/→ 或鼠标点选），然后按 ctrl+s 开始。\n\n"
        "练习：每题答完就看讲评，可以回答追问、重答；看讲评时总时间暂停。\n"
        "模拟面试：像真实的单向视频面试，全部答完才看报告；总时间只在答题时走。\n"
        "到期复习：间隔复习安排今天该再练的题；答得越差，回来得越早。\n\n"
        "计时：先有思考时间，再有答题时间。到时自动提交：时间到就交卷，否则可以答完这一题。"
        "实时要点计数：答题时显示已答到几个要点。",
        "Pick a track (the role you are preparing for), how many questions and a mode (tab "
        "to a row, then ←/→ or a click), then press ctrl+s.\n\n"
        "Practice: feedback after each answer, with a follow-up and a retry; the total time "
        "pauses while you read it.\n"
        "Mock interview: like a real one-way interview, no feedback until the report at the "
        "end; the total time runs only while a question is on screen.\n"
        "Due for review: the questions spaced repetition brings back today; the weaker your "
        "last answer, the sooner a question comes back.\n\n"
        "Clock: thinking time first, then the answer time. Submit at limit: at 0:00 the "
        "answer is sent; otherwise you may finish it. Live meter: while you type, how many "
        "of the question's points your answer already meets.",
    ),
    "QuestionScreen": (
        "先读题。思考时间倒计时，一开始打字就进入答题计时（ctrl+g 立即开始答）。"
        "用中文或英文作答，ctrl+s 提交。\n\n"
        "ctrl+o 显示面试官想考察什么；答过的题可用 ctrl+l 看上次漏了哪些要点（模拟面试中不提供）。\n\n"
        "草稿每秒保存一次；程序意外关闭，下次启动会提示接着答，计时也一并恢复。",
        "Read the question. Thinking time counts down; typing starts the answer clock "
        "(ctrl+g starts it now). Answer in Chinese or English; ctrl+s submits.\n\n"
        "ctrl+o shows what the interviewer is assessing; for a question you answered before, "
        "ctrl+l shows what that answer missed (not in a mock interview).\n\n"
        "Your draft is saved every second: if the app closes, the next start offers to "
        "resume it, clock included.",
    ),
    "FeedbackScreen": (
        "得分（0-100）来自本题评分要点：答到了哪些、答得多具体，再扣除提示里写明的分数。"
        "✓ 答到，✗ 没答到，⊘ 提到了但说的是相反的意思。回答中高亮的地方就是每个要点被认出的位置。\n\n"
        "o 看优秀回答的提纲；f 回答针对最重要漏点的追问；r 重答本题，新旧两次并排显示；n 下一题。",
        "The score (0-100) comes from the question's rubric points: which ones your answer "
        "meets and how concretely, less what each flag says it costs. ✓ met, ✗ missed, "
        "⊘ mentioned but rejected or negated. The highlights in your answer show where each "
        "point was found.\n\n"
        "o shows the outline of a strong answer; f answers a follow-up on the most important "
        "missed point; r retries the question and shows both attempts side by side; n goes on.",
    ),
    "SummaryScreen": (
        "本次每题的得分和用时（每题按最好的一次作答计），最薄弱的要点，下一步该练什么，以及时间是怎么花的。\n\n"
        "n 回到开始页开始新的练习；f4 查看长期进度；f5 进入教练审阅。",
        "Each question's score and time (a question counts its best attempt), the weakest "
        "points, what to practise next, and how the time was spent.\n\n"
        "n goes back to the start screen for a new session; f4 shows progress over time; "
        "f5 opens coach review.",
    ),
    "ProgressScreen": (
        "1 各题得分随时间的变化；2 每个要点的答到率（最弱的在前）；3 总览：场次趋势和自评对比得分。\n\n"
        "c 把同一题的两次作答并排比较；t 切换方向。",
        "1: each question's scores over time; 2: how often each rubric point is met, weakest "
        "first; 3: overview, the session trend and your self-ratings against your scores.\n\n"
        "c compares two attempts at one question side by side; t switches the track.",
    ),
    "ReviewScreen": (
        "教练审阅：按候选人、日期、方向和审阅状态列出场次。o 打开文字记录；/ 筛选；"
        "b 盲评（评分前隐藏自动得分）；x 导出。",
        "Coach review: sessions by candidate, date, track and review state. o opens the "
        "transcript; / filters; b turns on blind grading (auto scores hidden until you "
        "grade); x exports.",
    ),
    "TranscriptScreen": (
        "逐题阅读回答、计时、自动得分和依据。n / p 上一题、下一题。\n\n"
        "先在回答里用 shift+方向键选中一段，再按 c 对这段写评语（不选则评整段回答）；"
        "o 写对整场的总评；t 修改某个要点的判定；s 给出教练分；r 标记为已审阅；x 导出；b 盲评开/关。",
        "Read each answer with its timing, auto score and evidence; n / p move between "
        "answers.\n\n"
        "Select a passage in the answer with shift+arrows, then c comments on it (with no "
        "selection, on the whole answer); o writes an overall comment on the session; t "
        "changes a point's verdict; s sets a coach score; r marks the answer reviewed; "
        "x exports; b turns blind grading on or off.",
    ),
    "CompareScreen": (
        "同一题的两次作答并排显示，要点逐条对比。[ 和 ] 切换到更早或更晚的一对。",
        "Two attempts at one question side by side, point by point. [ and ] move to an "
        "earlier or a later pair.",
    ),
}

GENERAL = (
    "mockroom 是离线的模拟面试练习工具：出题、计时、按评分要点给分并指出依据。"
    "任何时候 f2 切换中文/英文，ctrl+p 列出所有命令，鼠标也可以用。",
    "mockroom is an offline mock-interview trainer: it asks, times, and scores each answer "
    "against the question's rubric, showing its evidence. f2 switches between Chinese and "
    "English at any time, ctrl+p lists every command, and the mouse works too.",
)

MORE = (
    "在命令行运行 mockroom --help 查看所有命令（评分、审阅、导出、检查题库）。"
    "自己出题：mockroom new 生成模板，mockroom lint 检查。",
    "From a shell, mockroom --help lists every command (score, review, export, lint a "
    "bank). To write a question: mockroom new makes a template, mockroom lint checks it.",
)


def screen_help(screen_name: str, lang: str) -> str:
    """The help for the screen of that class name, or the general text."""
    zh, en = SCREENS.get(screen_name, GENERAL)
    return zh if lang == "zh" else en


def general_help(lang: str) -> tuple[str, str]:
    """(what mockroom is, where to go from here) in `lang`."""
    pick = 0 if lang == "zh" else 1
    return GENERAL[pick], MORE[pick]

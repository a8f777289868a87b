"""Answers written the way a candidate who never saw the rubric would write them find the
built-in rubric's points: split and irregular English verbs, everyday paraphrases, and English
terms inside Chinese. Each answer was written for this test."""

from __future__ import annotations

import pytest

from mockroom.core.bank import load_bank
from mockroom.core.scorer import Scorer

BANK = load_bank()
SCORER = Scorer(BANK)

CASES = [
    (
        "support.outage-strategic-customer",
        "I called their CTO, heard him out without interrupting and said plainly this is on us. Our first "
        "job was getting them back online, so we rolled the two affected sites back to the last stable "
        "build. Meanwhile a second group dug through the logs to find what went wrong.",
        {"calm-customer", "restore-first", "root-cause"},
    ),
    (
        "support.outage-strategic-customer",
        "先给客户打电话，让他把话说完，不打断；技术上切回上一个稳定版本，先让客户用起来；另一组翻日志找原因。",
        {"calm-customer", "restore-first", "root-cause"},
    ),
    (
        "support.unhappy-customer",
        "I picked up the case myself and became his single contact, asked him to walk me through what the "
        "outage cost his team, and sent him a short status note every evening until it was closed.",
        {"take-ownership", "listen-empathy", "communicate"},
    ),
    (
        "sales.risk-management",
        "客户名单只给两个人access，export都要approval并留log，敏感字段做masking，新人碰数据前先做privacy training。",
        {"access-control", "encryption", "training"},
    ),
    (  # a bar chart named the short way, as notes and speech do
        "sales.client-charts",
        "看变化用折线；几个区域谁高谁低，就用柱状，从高到低排好。",
        {"bar-chart", "line-chart"},
    ),
    (
        "sales.client-charts",
        "For a trend I use a line; to compare regions, a bar sorted from highest to lowest.",
        {"bar-chart", "line-chart"},
    ),
    (  # Taiwan wording in traditional characters, as OpenCC's tw2sp leaves or turns it (長條圖, 儲存 -> 保存)
        "sales.client-charts",
        "各分店的會員數用長條圖，由多到少排；三個月的比例變化改用堆疊長條圖。",
        {"bar-chart", "stacked-bar"},
    ),
    (
        "sales.risk-management",
        "上線前請醫院的資訊室做了一次弱點掃描，修掉兩個中風險的問題。",
        {"audits"},
    ),
    (  # any metric named as a rate (the thesaurus's <rate>), not only the rates a rubric lists
        "sales.ab-testing",
        "我們主要看預約率，開信只當輔助。",
        {"metrics"},
    ),
    (  # Taiwan's 服務水準 (service level) is left as it is by OpenCC's tw2sp
        "support.itil-process",
        "我們跟大客戶都簽了服務水準協議，每個月對一次帳。",
        {"sla-metrics"},
    ),
]


@pytest.mark.parametrize(("question", "answer", "points"), CASES)
def test_paraphrases_find_their_points(question: str, answer: str, points: set[str]) -> None:
    result = SCORER.score(BANK.questions[question], answer)
    hit = {c.key for c in result.criteria if c.hit and any(m.kind != "related" for m in c.matches)}
    assert points <= hit, f"missed {sorted(points - hit)}"

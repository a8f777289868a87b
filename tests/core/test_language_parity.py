"""The same answer scores alike in simplified Chinese, traditional Chinese and English.

Each answer here was written for this test, on a built-in question, first in simplified
Chinese, then in English saying the same things; the traditional text is the simplified one
in Taiwan's characters and wording (軟體, 資料, 回饋). A candidate who answers in traditional
characters scores within 5 points of the simplified answer, one who answers in English within
10 (the issue's agreement targets).
"""

from __future__ import annotations

import pytest

from mockroom.core.bank import Bank, load_bank
from mockroom.core.scorer import Scorer

ANSWERS = {
    "support.outage-strategic-customer": {
        "zh": (
            "接到投诉后，我先拉上二线工程师和研发负责人成立应急小组，由我一个人对外沟通，半小时内给客户"
            "发书面确认，说明我们已经在处理、下一次更新是什么时候。\n"
            "然后我亲自给客户的负责人打电话，先听他讲清楚损失，代表公司道歉，明确这次是我们的责任。\n"
            "技术上先恢复业务：能回滚就马上回滚到上一个稳定版本，彻底修复放到后面。\n"
            "业务恢复以后，我们做根因分析，三天内给客户一份报告，写清原因、影响范围和长期的改进措施。\n"
            "考虑到损失，我会主动提出补偿方案，比如减免当月的服务费。\n"
            "最后一周内组织内部复盘，找出发布流程的漏洞，定好负责人和完成时间，避免同类问题再次发生。"
        ),
        "zh-tw": (
            "接到投訴後，我先拉上二線工程師和研發負責人成立應急小組，由我一個人對外溝通，半小時內給客戶"
            "發書面確認，說明我們已經在處理、下一次更新是什麼時候。\n"
            "然後我親自給客戶的負責人打電話，先聽他講清楚損失，代表公司道歉，明確這次是我們的責任。\n"
            "技術上先恢復業務：能回滾就馬上回滾到上一個穩定版本，徹底修復放到後面。\n"
            "業務恢復以後，我們做根因分析，三天內給客戶一份報告，寫清原因、影響範圍和長期的改進措施。\n"
            "考慮到損失，我會主動提出補償方案，比如減免當月的服務費。\n"
            "最後一週內組織內部復盤，找出釋出流程的漏洞，定好負責人和完成時間，避免同類問題再次發生。"
        ),
        "en": (
            "Once the complaint comes in, I pull the second-line engineers and the development lead "
            "into an incident team, with me as the single voice to the customer, and within half an "
            "hour I send a written acknowledgement saying we are on it and when the next update will "
            "come.\n"
            "Then I call the customer's lead myself, listen to what the outage cost them, apologise "
            "on behalf of the company and make clear the failure is ours.\n"
            "On the technical side I restore service first: if we can roll back to the last stable "
            "release we do it at once, and leave the full fix for later.\n"
            "Once the business is running again we do a root cause analysis and within three days "
            "send the customer a report on the cause, the impact and the long-term fixes.\n"
            "Given the damage, I would offer compensation, such as a credit on this month's service "
            "fee.\n"
            "Finally, within a week we hold an internal postmortem, find the gap in our release "
            "process, and give each action an owner and a date so the same failure does not happen "
            "again."
        ),
    },
    "support.unhappy-customer": {
        "zh": (
            "去年有个客户因为报表导出连续出错，在群里直接说要换供应商。我先单独给他打电话，让他把遇到的"
            "问题和影响都讲完，没有急着解释，然后向他道歉，告诉他这件事由我负责跟到底。\n"
            "接着我复现了问题，发现是我们上一个版本改了时区处理，导致导出的数据错位。我和研发一起定了修"
            "复方案，先给他一个临时的手工导出办法，让他的月底对账不受影响。\n"
            "处理期间我每天下午给他发一次进展，修复上线后陪他一起验证了数据。\n"
            "之后我推动团队加了时区相关的回归测试，一个月后又回访了一次，他后来续约了。"
        ),
        "zh-tw": (
            "去年有個客戶因為報表匯出連續出錯，在群裡直接說要換供應商。我先單獨給他打電話，讓他把遇到的"
            "問題和影響都講完，沒有急著解釋，然後向他道歉，告訴他這件事由我負責跟到底。\n"
            "接著我復現了問題，發現是我們上一個版本改了時區處理，導致匯出的資料錯位。我和研發一起定了修"
            "復方案，先給他一個臨時的手工匯出辦法，讓他的月底對賬不受影響。\n"
            "處理期間我每天下午給他發一次進展，修復上線後陪他一起驗證了資料。\n"
            "之後我推動團隊加了時區相關的迴歸測試，一個月後又回訪了一次，他後來續約了。"
        ),
        "en": (
            "Last year a customer whose report exports kept failing said in our group chat that they "
            "were going to switch vendors. I called him one to one, let him tell me the whole problem"
            " and its impact without rushing to explain, apologised, and told him I personally owned "
            "it until it was fixed.\n"
            "Then I reproduced the issue and found our last release had changed time zone handling, "
            "so exported data was shifted. I agreed a fix with the developers and first gave him a "
            "manual export workaround so his month-end reconciliation was not affected.\n"
            "While we worked on it I sent him a progress update every afternoon, and after the fix "
            "shipped I checked the data with him.\n"
            "Afterwards I pushed the team to add regression tests for time zones, followed up a month"
            " later, and he renewed his contract."
        ),
    },
    "sales.next-steps": {
        "zh": (
            "我的计划分三个阶段。第一年先把业绩做扎实：明确季度的销售目标，比如新签十家客户、续约率到百"
            "分之九十，每个月看数据，分析转化率和客户流失的原因。\n"
            "同时我会重点做客户成功，定期回访老客户，帮他们把产品用起来，从老客户里找增购和转介绍的机会"
            "。\n"
            "第二年我希望开拓一个新的行业市场，并且系统学习数据分析和行业知识，考一个相关的认证。\n"
            "再往后我想带一个小团队，把自己的方法整理成培训材料，培养新人。\n"
            "每个季度我会复盘一次，看目标完成情况，及时调整计划。"
        ),
        "zh-tw": (
            "我的計劃分三個階段。第一年先把業績做紮實：明確季度的銷售目標，比如新籤十家客戶、續約率到百"
            "分之九十，每個月看資料，分析轉化率和客戶流失的原因。\n"
            "同時我會重點做客戶成功，定期回訪老客戶，幫他們把產品用起來，從老客戶裡找增購和轉介紹的機會"
            "。\n"
            "第二年我希望開拓一個新的行業市場，並且系統學習資料分析和行業知識，考一個相關的認證。\n"
            "再往後我想帶一個小團隊，把自己的方法整理成培訓材料，培養新人。\n"
            "每個季度我會復盤一次，看目標完成情況，及時調整計劃。"
        ),
        "en": (
            "My plan has three stages. In the first year I make the numbers solid: clear quarterly "
            "sales targets, such as ten new clients and a ninety percent renewal rate, reviewing the "
            "data every month and analysing conversion rates and why customers churn.\n"
            "At the same time I focus on customer success: I check in with existing clients "
            "regularly, help them get value from the product, and look for upsell and referral "
            "opportunities among them.\n"
            "In the second year I want to open up a new industry market, and study data analysis and "
            "the industry in depth, including a relevant certification.\n"
            "After that I would like to lead a small team, turn my methods into training material and"
            " coach new hires.\n"
            "Every quarter I review progress against the goals and adjust the plan."
        ),
    },
    "support.timeout-cache": {
        "zh": (
            "我会用一个哈希表存数据，每个条目除了值还记一个过期时间，写入时用当前时间加上超时时长算出来"
            "。\n"
            "读取的时候先检查有没有过期，过期了就删掉并返回空，这样是惰性删除。\n"
            "另外起一个后台线程定期清理，每次只抽查一部分键，避免一次扫描整个表卡住。\n"
            "为了防止内存无限增长，我会设置最大容量，满了就按最近最少使用淘汰。\n"
            "并发方面用读写锁或者并发哈希表保证线程安全。\n"
            "测试时把时钟做成可以注入的，这样不用真的等待就能验证过期逻辑。"
        ),
        "zh-tw": (
            "我會用一個雜湊表存資料，每個條目除了值還記一個過期時間，寫入時用當前時間加上超時時長算出來"
            "。\n"
            "讀取的時候先檢查有沒有過期，過期了就刪掉並返回空，這樣是惰性刪除。\n"
            "另外起一個後臺執行緒定期清理，每次只抽查一部分鍵，避免一次掃描整個表卡住。\n"
            "為了防止記憶體無限增長，我會設定最大容量，滿了就按最近最少使用淘汰。\n"
            "併發方面用讀寫鎖或者併發雜湊表保證執行緒安全。\n"
            "測試時把時鐘做成可以注入的，這樣不用真的等待就能驗證過期邏輯。"
        ),
        "en": (
            "I would keep the data in a hash map where each entry stores the value and an expiry "
            "time, computed on write as the current time plus the timeout.\n"
            "On read I check whether the entry has expired; if so I delete it and return nothing, "
            "which is lazy expiry.\n"
            "A background thread also cleans up periodically, sampling only some keys each time so it"
            " never blocks by scanning the whole map.\n"
            "To stop memory growing without bound I set a maximum size and evict the least recently "
            "used entry when it is full.\n"
            "For concurrency I use a read-write lock or a concurrent hash map so it is thread safe.\n"
            "In tests I make the clock injectable, so the expiry logic can be checked without real "
            "waiting."
        ),
    },
}


@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, float]]:
    bank: Bank = load_bank()
    scorer = Scorer(bank)
    return {
        qid: {lang: scorer.score(bank.questions[qid], text).score for lang, text in texts.items()}
        for qid, texts in ANSWERS.items()
    }


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_the_answers_are_good_ones(scored: dict[str, dict[str, float]], qid: str) -> None:
    # A pair of zeros would agree too: these are answers an interviewer would pass.
    assert scored[qid]["zh"] >= 60


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_traditional_characters_score_within_5_points(scored: dict[str, dict[str, float]], qid: str) -> None:
    assert abs(scored[qid]["zh-tw"] - scored[qid]["zh"]) <= 5


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_english_scores_within_10_points(scored: dict[str, dict[str, float]], qid: str) -> None:
    assert abs(scored[qid]["en"] - scored[qid]["zh"]) <= 10


def test_the_traditional_texts_are_traditional() -> None:
    # Not the simplified text again: each has characters simplified Chinese does not use.
    for texts in ANSWERS.values():
        assert texts["zh-tw"] != texts["zh"]
        assert any(ch in texts["zh-tw"] for ch in "這個們會後與單時發")

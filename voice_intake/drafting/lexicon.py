"""Sales vocabulary in both languages: ids and English labels for Chinese words, Chinese labels for English ones."""

from __future__ import annotations

import re

# (Chinese, English). A Chinese word made of several entries is translated entry by entry (签约日期 →
# signing date); an English phrase finds its Chinese label only when the whole phrase is listed.
TERMS: tuple[tuple[str, str], ...] = (
    # records
    ("合同", "contract"), ("客户", "customer"), ("线索", "lead"), ("商机", "opportunity"), ("订单", "sales order"),
    ("报价单", "quote"), ("报价", "quote"), ("回款", "payment"), ("回款记录", "payment"), ("发票", "invoice"),
    ("产品", "product"), ("门店", "store"), ("店铺", "store"), ("库存", "inventory"), ("仓库", "warehouse"),
    ("拜访", "visit"), ("拜访记录", "visit"), ("客户拜访", "customer visit"), ("任务", "task"),
    ("跟进任务", "follow up task"), ("项目", "project"), ("联系人", "contact"), ("费用报销", "expense claim"),
    ("报销", "expense claim"), ("报销单", "expense claim"), ("折扣申请", "discount request"), ("申请", "request"),
    ("投诉", "complaint"), ("客户投诉", "customer complaint"), ("工单", "ticket"), ("退货", "return"),
    ("退货申请", "return request"), ("市场活动", "campaign"), ("活动", "campaign"), ("日报", "daily report"),
    ("销售日报", "sales daily report"), ("门店销售日报", "store daily report"), ("周报", "weekly report"),
    ("供应商", "supplier"), ("样品", "sample"), ("样品申请", "sample request"), ("合作伙伴", "partner"),
    ("代理商", "distributor"), ("经销商", "dealer"), ("竞争对手", "competitor"), ("目标", "target"),
    # what records hold
    ("名称", "name"), ("名字", "name"), ("姓名", "name"), ("标题", "title"), ("编号", "number"), ("单号", "number"),
    ("公司", "company"), ("公司名称", "company name"), ("金额", "amount"), ("总金额", "total amount"),
    ("合同金额", "contract amount"), ("价格", "price"), ("单价", "unit price"), ("总价", "total price"),
    ("成本", "cost"), ("成本价", "cost price"), ("预算", "budget"), ("费用", "expense"), ("销售额", "revenue"),
    ("收入", "revenue"), ("毛利", "margin"), ("毛利率", "margin rate"), ("利润", "profit"), ("折扣", "discount"),
    ("折扣率", "discount"), ("比例", "ratio"), ("概率", "probability"), ("赢单概率", "win probability"),
    ("百分比", "percentage"), ("进度", "progress"), ("进度百分比", "progress percentage"), ("数量", "quantity"),
    ("库存数量", "stock quantity"), ("安全库存", "safety stock"), ("次数", "count"), ("客流量", "foot traffic"),
    ("人数", "headcount"), ("电话", "phone"), ("联系电话", "contact phone"), ("手机", "mobile"),
    ("手机号", "mobile"), ("邮箱", "email"), ("电子邮件", "email"), ("地址", "address"), ("网址", "website"),
    ("网站", "website"), ("官网", "website"), ("行业", "industry"), ("来源", "source"), ("渠道", "channel"),
    ("状态", "status"), ("阶段", "stage"), ("类型", "type"), ("类别", "category"), ("分类", "category"),
    ("等级", "tier"), ("级别", "level"), ("优先级", "priority"), ("严重程度", "severity"), ("区域", "region"),
    ("城市", "city"), ("备注", "notes"), ("说明", "note"), ("描述", "description"), ("内容", "content"),
    ("原因", "reason"), ("理由", "reason"), ("事由", "reason"), ("申请理由", "reason"), ("目的", "purpose"),
    ("结果", "result"), ("纪要", "minutes"), ("日期", "date"), ("时间", "time"), ("开始", "start"),
    ("结束", "end"), ("截止", "due"), ("截止日期", "due date"), ("有效期", "valid until"), ("下单", "order"),
    ("发生", "incurred"), ("签约", "signing"), ("签约日期", "signing date"), ("下次", "next"), ("最近", "last"),
    ("跟进", "follow up"), ("跟进时间", "follow up time"), ("联系", "contact"), ("负责人", "assignee"),
    ("跟进人", "assignee"), ("客户经理", "account manager"), ("店长", "store manager"), ("满意度", "satisfaction"),
    ("评分", "rating"), ("预计", "expected"), ("实际", "actual"), ("是否", "is"), ("加急", "urgent"),
    ("开票", "invoiced"), ("停产", "discontinued"), ("需要", "needs"), ("处理", "handling"), ("处理状态", "status"),
    ("产品名称", "product name"), ("客户名称", "customer name"), ("合同名称", "contract name"), ("申请人", "applicant"),
    ("附件", "attachment"), ("图片", "photo"), ("数", "count"), ("额", "amount"), ("日", "date"), ("月", "month"),
    ("审批", "approval"), ("管理", "management"), ("跟踪", "tracking"), ("追踪", "tracking"), ("登记", "register"),
    ("台账", "ledger"), ("统计", "statistics"), ("系统", "system"), ("应用", "app"),
    # option values
    ("起草", "drafting"), ("谈判", "negotiating"), ("谈判中", "negotiating"), ("已签约", "signed"),
    ("丢单", "lost"), ("已丢单", "lost"), ("新建", "new"), ("新", "new"), ("已联系", "contacted"),
    ("跟进中", "following up"), ("已转化", "converted"), ("无效", "invalid"), ("已成交", "won"), ("成交", "won"),
    ("赢单", "won"), ("初步接触", "prospecting"), ("需求确认", "qualification"), ("方案报价", "proposal"),
    ("草稿", "draft"), ("已发送", "sent"), ("已接受", "accepted"), ("已拒绝", "rejected"), ("待处理", "pending"),
    ("处理中", "in progress"), ("已解决", "resolved"), ("已关闭", "closed"), ("进行中", "in progress"),
    ("已完成", "done"), ("一般", "normal"), ("严重", "severe"), ("紧急", "urgent"), ("高", "high"),
    ("中", "medium"), ("低", "low"), ("差旅", "travel"), ("招待", "entertainment"), ("办公", "office"),
    ("转介绍", "referral"), ("展会", "trade show"), ("电话营销", "telemarketing"), ("广告", "advertising"),
    ("制造业", "manufacturing"), ("零售", "retail"), ("金融", "finance"), ("能源", "energy"), ("教育", "education"),
    ("医疗", "healthcare"), ("企业", "enterprise"), ("个人", "individual"), ("政府", "government"),
    ("已付款", "paid"), ("未付款", "unpaid"), ("已发货", "shipped"), ("已取消", "cancelled"),
)  # fmt: skip

_ENGLISH = {zh: en for zh, en in TERMS}
_CHINESE: dict[str, str] = {}
for _zh, _en in TERMS:
    _CHINESE.setdefault(_en, _zh)
_FILLERS_ZH = frozenset({"的", "之"})
_ARTICLES = re.compile(r"^(?:the|a|an|their|its|his|her|our|my)\s+", re.IGNORECASE)


def english_for(chinese: str) -> str | None:
    """The English words of a Chinese label: the whole label, else word by word (None if a word is unknown)."""
    from voice_intake.drafting.segmentation import words

    if chinese in _ENGLISH:
        return _ENGLISH[chinese]
    translated = []
    for word in words(chinese):
        if word in _FILLERS_ZH or not word.strip():
            continue
        if word not in _ENGLISH:
            return None
        translated.append(_ENGLISH[word])
    return " ".join(translated) or None


def chinese_for(english: str) -> str | None:
    """The Chinese label of a whole English phrase, if the vocabulary has it."""
    return _CHINESE.get(singular(_ARTICLES.sub("", english.strip().lower())))


def chinese_words() -> list[str]:
    """Every Chinese word of the vocabulary (taught to the segmenter so they stay whole)."""
    return [zh for zh, _en in TERMS]


def singular(phrase: str) -> str:
    """The phrase with its last word in the singular (leads → lead, opportunities → opportunity)."""
    head, _space, last = phrase.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "ches", "shes", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}" if head else last

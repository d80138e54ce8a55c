"""Extract what a privacy-policy text mentions: PI types, third parties, complaint channel, account deletion.

A *mention* is a dictionary keyword (:mod:`analyzer.declaration.keywords`:
``policies/policy-keywords.yaml`` plus the SDK names of ``policies/sdks.yaml``)
found in the text outside a negated clause; a keyword inside one is a
*denial*. Each keyword hit is judged in its sentence:

- **negation**: "我们不会收集您的通讯录", "我们不收集、不上传您的短信",
  "we do not collect your contacts", "we will never access your SMS",
  "your call log is not collected", "no contacts are collected", "we collect
  neither … nor …" do not count. The cue must govern a processing verb
  (收集/获取/上传…, collect/access/share…) in the same clause; a conditional
  ("如您不提供手机号…", "if you do not allow us to access your location…")
  or the user's choice ("您可以不提供…", "you may choose not to share…")
  is not a negation, because such sentences describe PI the app does ask for.
- **contact lines**: a sentence that gives the operator's own e-mail or phone
  ("客服电话：400-…", "contact us at privacy@…") mentions no user PI.

The text's language is its dominant script; Simplified Chinese is told from
characters that only the simplified script uses.
"""

from __future__ import annotations

import bisect
import re

from analyzer.declaration.keywords import CJK, Dictionary, find, fold, load_dictionary
from analyzer.declaration.model import PolicyMention, PolicyText
from analyzer.errors import InputError

MAX_TEXT = 2_000_000
"""Characters of policy text we analyse at most (a long policy is ~30 000)."""


# ---------------------------------------------------------------------------
# Sentences, negation, contact lines
# ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
_ZH_VERBS = ("收集|搜集|采集|获取|获得|读取|调用|访问|使用|记录|保存|存储|储存|留存|上传|传输|共享|分享|"
             "出售|转让|披露|提供|申请|索取|要求|请求|处理|追踪|开启|包括|包含|含有|含")
_EN_VERBS = ("collect|gather|access|read|obtain|request|record|store|retain|keep|upload|transmit|send|"
             "share|sell|disclose|use|process|track|ask|require|need|scan|include|save|monitor|capture|"
             "receive|rent|transfer")
_EN_BLOCK = r"allow|let|permit|agree|consent|authori[sz]e|want|wish|grant|give|choose|opt|mind"
_NEG_BEFORE = [
    re.compile(r"(?:不会|不再|并不|绝不|从不|从未|没有|无需|不需要|不需|不得|不予|不|未)"
               r"(?:会|再|被|主动|擅自|额外|直接|以任何方式|向[^，。；、]{0,12}?)?"
               rf"(?:{_ZH_VERBS})"),
    re.compile(r"(?:\bnot\b|\bnever\b|n't\b|\bno longer\b|\bcannot\b)"
               rf"(?:\s+(?!(?:{_EN_BLOCK})\b)[a-z'-]+){{0,3}}?\s+(?:to\s+)?(?:{_EN_VERBS})[a-z]*\b"),
    re.compile(r"无需|不需要|不需|不要求|不涉及|不包括|不包含|不含|\bdoes not include\b|\bexcluding\b"),
    re.compile(r"\b(?:neither|nor)\b|(?:^|[\s,])(?:no|none of)\s+"),
]
_NEG_SPLIT = re.compile(r"(?:不会|不再|并不|绝不|从不|从未|不得|不)(?:会|再|主动|擅自)?"
                        r"(?:将|把|向|对|为|与)[^，。；]{0,12}$")
_VERB_SOON = re.compile(rf"^[^，。；]{{0,10}}?(?:{_ZH_VERBS})")
_NEG_AFTER = [
    re.compile(rf"^[^，,]*?(?:不会|不再|并不|绝不|从不|从未|不|未)(?:会|被|再)?(?:我们)?(?:{_ZH_VERBS})"),
    re.compile(r"^[^,]*?\b(?:is|are|was|were|will|shall|be|being|been)\s+(?:not|never)\s+(?:be\s+)?"
               rf"(?:\w+ly\s+)?(?:{_EN_VERBS})[a-z]*\b"),
]
_EN_NO_PARTICIPLE = re.compile(rf"\b(?:is|are|was|were|will be|be)\s+(?:\w+ly\s+)?(?:{_EN_VERBS})[a-z]*ed\b")
_CLAUSE_BREAK = re.compile(
    r"[，]|但是|但|而是|然而|不过|除此之外|除了|仅|只|"
    r"\b(?:but|however|except|unless|although|though|whereas|instead|only|other than|apart from|besides)\b|"
    r",\s*(?:and\s+)?(?:we|it|they|you)\b|\b(?:and|so|while)\s+(?:we|it|they)\b")
_CONDITION = re.compile(r"(?<![例比诸])如(?!下)|如果|若|假如|倘若|一旦|当您|您可以不|可选择不|"
                        r"\bif\b|\bunless\b|\bshould you\b|\bwhen you\b|"
                        r"\b(?:choose|prefer|decide|opt)\s+not\b")

_CONSENT_CONDITION = re.compile(r"未(?:经|获得|征得|取得)(?:您|你)?(?:的)?(?:明示)?(?:同意|授权|许可)|"
                                r"\bwithout (?:your|the user's) (?:prior )?(?:explicit )?"
                                r"(?:consent|permission|authori[sz]ation)\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(?:400[\s-]?\d{3}[\s-]?\d{4}|800[\s-]?\d{3}[\s-]?\d{4}|"
                    r"1[3-9]\d{9}|0\d{2,3}[\s-]?\d{7,8})(?!\d)")
_FORM = re.compile(r"在线客服|意见反馈|帮助与反馈|反馈入口|客服中心|在线表单|反馈表|"
                   r"feedback form|contact form|web form|online form|in-app feedback|help cent(?:er|re)")
_POSTAL = re.compile(r"(?:联系|通信|邮寄|办公)?地址[:：]|\baddress\s*[:：]|\bwrite to us\b|"
                     r"\bmailing address\b")
_COMPLAINT = re.compile(r"投诉|举报|申诉|联系我们|\bcomplain|\bcomplaints?\b|\bgrievance|\bcontact us\b")
_DELETION = re.compile(r"注销(?:您的|你的)?(?:账号|帐号|账户|帐户)|(?:账号|帐号|账户|帐户)注销|"
                       r"\bdelete (?:your|my) account\b|\baccount deletion\b|\bclose (?:your|my) account\b|"
                       r"\bcancel (?:your|my) account\b|\baccount cancell?ation\b|\bdeleting your account\b")
_DELETION_NEG = re.compile(r"暂不|暂未|不提供|不支持|无法|不能|不可|没有|\bnot\b|\bcannot\b|n't\b|\bunable\b|"
                           r"\bno way\b")

_SIMPLIFIED = set("们这说对时会过为发后没与应开关于将业务户号码设备识别权隐条认证录讯话联系网络数据"
                  "间题经义请处类项无实现个双选择产见购买运营机构")
_TRADITIONAL = set("們這說對時會過為發後沒與應開關於將業務戶號碼設備識別權隱條認證錄訊話聯係網絡數據"
                   "間題經義請處類項無實現個雙選擇產見購買運營機構")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, ends exclusive, punctuation included."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _clause(sentence: str, pos: int, end: int) -> tuple[str, str]:
    """The clause text before ``pos`` and after ``end`` (positions within the sentence)."""
    cut = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, pos):
        cut = m.end()
    prefix = sentence[cut:pos]
    nxt = _CLAUSE_BREAK.search(sentence, end)
    return prefix, sentence[end:nxt.start() if nxt else len(sentence)]


def negated(sentence: str, pos: int, end: int) -> bool:
    """Whether the keyword at ``sentence[pos:end]`` sits in a negated clause (``sentence`` case-folded)."""
    prefix, suffix = _clause(sentence, pos, end)
    if _CONSENT_CONDITION.search(prefix) or _CONSENT_CONDITION.search(suffix):
        return False  # 不会在未获得您同意的情况下收集… / not … without your consent: it is collected with it
    for rx in _NEG_BEFORE:
        last = None
        for m in rx.finditer(prefix):
            last = m
        if last is None:
            continue
        if _CONDITION.search(prefix[:last.end()]):
            return False
        if rx is _NEG_BEFORE[-1] and last.group(0).strip(" ,") in ("no", "none of"):
            return bool(_EN_NO_PARTICIPLE.search(suffix))
        return True
    if _CONDITION.search(prefix):
        return False
    split = _NEG_SPLIT.search(prefix)  # 我们不会将您的通讯录上传… / 不会向友盟提供…
    if split and _VERB_SOON.search(suffix):
        return True
    return any(rx.search(suffix) for rx in _NEG_AFTER)


def _contact_line(sentence: str) -> bool:
    """A sentence that spells out an e-mail address or phone number: the operator's own contact."""
    return bool(_EMAIL.search(sentence) or _PHONE.search(sentence))


def _excerpt(text: str, start: int, end: int, pos: int, width: int = 200) -> str:
    s = text[start:end].strip()
    if len(s) <= width:
        return s
    rel = max(0, pos - start - width // 2)
    return ("…" if rel else "") + text[start + rel:start + rel + width].strip() + "…"


def _complaint(folded: str, spans: list[tuple[int, int]]) -> bool:
    for i, (s, e) in enumerate(spans):
        sent = folded[s:e]
        m = _COMPLAINT.search(sent)
        if not m or _DELETION_NEG.search(sent[:m.start()].split("，")[-1]):
            continue
        window = folded[s:spans[min(i + 3, len(spans) - 1)][1]]
        if _EMAIL.search(window) or _PHONE.search(window) or _FORM.search(window) or _POSTAL.search(window):
            return True
    return False


def _deletion(folded: str, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:
        sent = folded[s:e]
        for m in _DELETION.finditer(sent):
            clause = re.split(r"[，,]", sent[:m.start()])[-1]
            if not _DELETION_NEG.search(clause):
                return True
    return False


def _language(text: str) -> tuple[str, bool]:
    cjk = len(CJK.findall(text))
    words = len(re.findall(r"[A-Za-z]+", text))
    simp = sum(1 for ch in text if ch in _SIMPLIFIED)
    trad = sum(1 for ch in text if ch in _TRADITIONAL)
    return ("zh" if cjk > words else "en"), (cjk >= 20 and simp >= 5 and simp > trad)


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


def extract(text: str, dictionary: Dictionary | None = None) -> PolicyText:
    """What ``text`` (a privacy policy, Chinese or English) mentions.

    >>> p = extract("我们会收集您的位置信息。我们不会收集您的通讯录。")
    >>> p.pi()
    ('location.precise',)
    >>> p.language, p.has_simplified_chinese
    ('zh', True)
    """
    if len(text) > MAX_TEXT:
        raise InputError(f"privacy-policy text too long ({len(text)} characters, at most {MAX_TEXT})")
    d = dictionary or load_dictionary()
    folded = fold(text)
    spans = sentences(folded)
    starts = [s for s, _ in spans]
    mentions: list[PolicyMention] = []
    denials: list[PolicyMention] = []
    for idx, start, end in find(d, text, folded):
        target = d.targets[idx]
        if target.kind == "ignore":
            continue
        si = bisect.bisect_right(starts, start) - 1
        s, e = spans[si] if si >= 0 else (0, len(text))
        sent = folded[s:e]
        if target.kind == "pi" and _contact_line(sent):
            continue
        m = PolicyMention(kind=target.kind, id=target.id, keyword=text[start:end],
                          excerpt=_excerpt(text, s, e, start), offset=start)
        (denials if negated(sent, start - s, end - s) else mentions).append(m)
    language, simplified = _language(text)
    return PolicyText(language=language, length=len(text), mentions=tuple(mentions),
                      has_complaint_channel=_complaint(folded, spans),
                      has_account_deletion=_deletion(folded, spans),
                      has_simplified_chinese=simplified, denials=tuple(denials))

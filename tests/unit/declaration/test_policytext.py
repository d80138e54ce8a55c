"""Policy-text extraction: mentions, negation, complaint channel, account deletion, script detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.declaration.keywords import fold
from analyzer.declaration.policytext import MAX_TEXT, extract, sentences
from analyzer.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _pi(text: str) -> set[str]:
    return set(extract(text).pi())


# --------------------------------------------------------------------------- realistic policies


def test_zh_policy() -> None:
    p = extract((FIXTURES / "policy-zh.md").read_text(encoding="utf-8"))
    assert p.language == "zh" and p.has_simplified_chinese
    assert p.has_complaint_channel and p.has_account_deletion
    assert set(p.pi()) == {
        "contact.phone_number", "location.trip", "location.precise", "location.trajectory",
        "finance.transactions", "finance.bank_card", "device.info", "device.ip", "device.android_id",
        "device.oaid"}
    # 我们不会收集您的IMEI，也不会读取您的MAC地址 / 不会收集您的通讯录… / 无需您的身份证号码
    assert set(p.denied_pi()) == {"device.imei", "device.mac", "contacts", "comm.sms", "comm.call_log",
                                  "apps.installed_list", "media.photos", "identity.id_number"}
    # 短信验证码 is not SMS content; 电子邮箱：privacy@… is the operator's contact
    assert "comm.sms" not in p.pi() and "contact.email" not in p.pi()
    # 我们不会向友盟提供任何信息: Umeng is named only in a negated clause
    assert set(p.third_parties()) == {"amap-location", "AutoNavi (Alibaba Group)", "tencent-bugly", "jpush"}


def test_en_policy() -> None:
    p = extract((FIXTURES / "policy-en.md").read_text(encoding="utf-8"))
    assert p.language == "en" and not p.has_simplified_chinese
    assert p.has_complaint_channel and p.has_account_deletion
    assert set(p.pi()) == {"contact.email", "account.password", "device.info", "device.ip",
                           "location.precise"}
    assert set(p.denied_pi()) == {"contacts", "comm.sms", "comm.call_log", "media.photos", "device.imei",
                                  "apps.installed_list", "contact.phone_number"}
    assert set(p.third_parties()) == {"google-firebase-crashlytics", "google-firebase-analytics"}


def test_mentions_carry_keyword_offset_and_sentence() -> None:
    text = (FIXTURES / "policy-zh.md").read_text(encoding="utf-8")
    p = extract(text)
    assert p.length == len(text)
    offsets = [m.offset for m in p.mentions]
    assert offsets == sorted(offsets)
    for m in p.mentions + p.denials:
        assert text[m.offset:m.offset + len(m.keyword)] == m.keyword
        assert m.keyword in m.excerpt and "\n" not in m.excerpt
    m = next(m for m in p.mentions if m.id == "location.trajectory")
    assert m.keyword == "行踪轨迹" and m.excerpt.startswith("为向您提供网约车服务")


# --------------------------------------------------------------------------- negation

NEGATED = [
    ("我们不会收集您的通讯录。", "contacts"),
    ("我们不收集、不上传您的短信。", "comm.sms"),
    ("本应用不会读取您的通话记录。", "comm.call_log"),
    ("我们绝不会主动获取您的精确位置。", "location.precise"),
    ("我们不会将您的通讯录上传至服务器。", "contacts"),
    ("您的IMEI不会被收集。", "device.imei"),
    ("基本功能无需您提供身份证号码。", "identity.id_number"),
    ("我们从未收集过您的MAC地址。", "device.mac"),
    ("我们不会向第三方共享您的手机号码。", "contact.phone_number"),
    ("We do not collect your contacts.", "contacts"),
    ("We don't collect your contacts.", "contacts"),
    ("We will never access your SMS messages.", "comm.sms"),
    ("We do not collect your contacts, SMS messages or call logs.", "comm.call_log"),
    ("Your call log is not collected.", "comm.call_log"),
    ("No contacts are collected by the app.", "contacts"),
    ("We neither sell nor share your phone number.", "contact.phone_number"),
    ("The app does not actively read your IMEI.", "device.imei"),
    ("We cannot access your photos.", "media.photos"),
    ("我们不会以任何方式收集您的通讯录。", "contacts"),
    ("未经您同意，我们不会向第三方提供您的手机号码。", "contact.phone_number"),
    ("我们承诺不收集您的短信内容。", "comm.sms"),
]

MENTIONED = [
    ("我们会收集您的通讯录，以便您邀请好友。", "contacts"),
    ("我们不会出售您的信息，但会收集您的位置信息用于推荐附近门店。", "location.precise"),
    ("如您不提供手机号码，将无法完成注册。", "contact.phone_number"),
    ("如果您不允许我们获取位置信息，将无法使用导航功能。", "location.precise"),
    ("您可以不提供性别信息，这不影响您使用基本功能。", "identity.gender"),
    ("为保障账号安全，我们会收集您的IMEI和Android ID。", "device.imei"),
    ("我们不会保存您的密码明文，您的密码经加盐哈希后存储。", "account.password"),
    ("我们收集您的设备信息，不会用于其他目的。", "device.info"),
    ("We collect your precise location to show nearby stores.", "location.precise"),
    ("If you do not provide your phone number, you cannot register.", "contact.phone_number"),
    ("You may choose not to share your location; some features will not work.", "location.precise"),
    ("We do not sell your data, but we collect your email address to send receipts.", "contact.email"),
    ("If you do not allow us to access your contacts, you can still invite friends by link.", "contacts"),
    ("Unless you opt out, we collect your advertising ID.", "device.gaid"),
    ("我们不会在未获得您同意的情况下收集您的位置信息。", "location.precise"),
    ("We will not access your camera without your permission.", "media.camera"),
    ("例如，我们会收集您的设备型号。", "device.info"),
]


@pytest.mark.parametrize("text, pid", NEGATED)
def test_negated_sentence_is_not_a_mention(text: str, pid: str) -> None:
    p = extract(text)
    assert pid not in p.pi()
    assert pid in p.denied_pi()


@pytest.mark.parametrize("text, pid", MENTIONED)
def test_positive_or_conditional_sentence_is_a_mention(text: str, pid: str) -> None:
    assert pid in _pi(text)


def test_negation_does_not_leak_into_the_next_sentence() -> None:
    p = extract("我们不会收集您的通讯录。我们会收集您的短信内容。")
    assert p.pi() == ("comm.sms",) and p.denied_pi() == ("contacts",)
    p = extract("我们不会收集您的通讯录，但会收集您的短信内容。")
    assert p.pi() == ("comm.sms",) and p.denied_pi() == ("contacts",)


# --------------------------------------------------------------------------- matching details


def test_word_boundaries_case_and_full_width() -> None:
    assert "device.imei" in _pi("我们会收集您的ＩＭＥＩ号。")               # full-width letters
    assert "device.imei" in _pi("We collect the imei of your phone.")       # any case
    assert "device.imei" not in _pi("We collect IMEIX values.")             # no partial word
    assert "device.mac" in _pi("我们会读取MAC地址。")
    assert "contacts" not in _pi("Please contact us with any questions.")


def test_phrases_that_name_nothing() -> None:
    assert _pi("请输入图片验证码和短信验证码。") == set()
    assert _pi("The location of our servers is Singapore.") == set()
    assert _pi("We send you an SMS verification code.") == set()


def test_longest_keyword_wins() -> None:
    p = extract("我们会收集您的电子邮件地址。")
    assert [m.id for m in p.mentions] == ["contact.email"]


def test_single_word_sdk_names_need_their_own_case() -> None:
    assert "appsflyer" in extract("本应用接入了AppsFlyer归因SDK。").third_parties()
    assert "appsflyer" not in extract("we use appsflyer-style links").third_parties()
    assert extract("Every segment of the branch is shown.").third_parties() == ()  # plain-word SDK names


def test_sentences_split_on_chinese_and_english_punctuation() -> None:
    text = "第一句。第二句！Third one. Fourth; fifth\nsixth"
    assert [text[s:e].strip() for s, e in sentences(text)] == [
        "第一句。", "第二句！", "Third one.", "Fourth;", "fifth", "sixth"]


def test_fold_keeps_offsets() -> None:
    s = "İstanbul ＩＭＥＩ，位置"
    assert len(fold(s)) == len(s) and fold(s).endswith("imei，位置")


def test_too_long_text_is_refused() -> None:
    with pytest.raises(InputError, match="too long"):
        extract("a" * (MAX_TEXT + 1))


# --------------------------------------------------------------------------- complaint, deletion, script


@pytest.mark.parametrize("text, expected", [
    ("如您需要投诉或举报，请发送邮件至 help@example.test。", True),
    ("投诉渠道：拨打客服电话 400-820-1234。", True),
    ("您可以通过App内“意见反馈”提交投诉。", True),
    ("如何联系我们\n联系地址：北京市海淀区中关村大街1号", True),
    ("If you want to make a complaint, email privacy@example.test.", True),
    ("Contact us: our address: 12 Harbour Street, Singapore.", True),
    ("我们重视您的投诉。", False),                                  # no channel
    ("If you have a complaint, let us know.", False),
    ("请发送邮件至 help@example.test 订阅新闻。", False),            # a channel, but no complaint cue
])
def test_complaint_channel(text: str, expected: bool) -> None:
    assert extract(text).has_complaint_channel is expected


@pytest.mark.parametrize("text, expected", [
    ("您可以在“设置-账号与安全”中注销账号。", True),
    ("您可以申请注销您的账户，注销后无法恢复。", True),
    ("You can delete your account in Settings.", True),
    ("目前暂不支持注销账号。", False),
    ("You cannot delete your account in the app.", False),
    ("我们会保存您的账号信息。", False),
])
def test_account_deletion(text: str, expected: bool) -> None:
    assert extract(text).has_account_deletion is expected


def test_simplified_and_traditional_chinese() -> None:
    simp = "我们会收集您的设备信息与网络数据，用于实现产品功能和保障账户安全，这些信息对我们提供服务很重要。"
    trad = "我們會收集您的設備信息與網絡數據，用於實現產品功能和保障賬戶安全，這些信息對我們提供服務很重要。"
    assert extract(simp).has_simplified_chinese and extract(simp).language == "zh"
    assert not extract(trad).has_simplified_chinese and extract(trad).language == "zh"
    assert not extract("We collect your device model.").has_simplified_chinese

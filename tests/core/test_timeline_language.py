"""App-made incident timeline text follows the reader's language; people's text stays."""

from __future__ import annotations

from dutydesk.incidents.records import timeline_body


def test_escalation_reopen_and_attachment_text_in_english() -> None:
    assert timeline_body("escalate", "升级至 值班长：需要厂家", "en") == (
        "Escalated to 值班长: 需要厂家"
    )
    assert (
        timeline_body("escalate", "升级至 值班长：需要厂家", "zh_CN") == "升级至 值班长：需要厂家"
    )
    assert timeline_body("reopen_of", "重新打开 #12：复发", "en") == "Reopened #12: 复发"
    assert timeline_body("reopened_as", "已重新打开为 #13：复发", "en") == "Reopened as #13: 复发"
    assert timeline_body("attachment", "a.jpg（2048 字节，sha256 0a1b2c3d4e5f…）", "en") == (
        "a.jpg (2048 bytes, sha256 0a1b2c3d4e5f…)"
    )
    assert timeline_body("note", "升级至 值班长：这是备注", "en") == "升级至 值班长：这是备注"

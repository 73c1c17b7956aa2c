"""Chinese full-text search, the bigram index kept in sync, filters and paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutydesk.clock import ManualClock
from dutydesk.desk import Desk
from dutydesk.incidents import search as incident_search
from dutydesk.incidents.service import IncidentFilter
from dutydesk.people.auth import Person


def _report(desk: Desk, person: Person, title: str, **extra: object) -> int:
    ref = desk.incidents.reference
    severity = extra.pop("severity", "III")
    category = extra.pop("category", "空调")
    return desk.incidents.report(
        person,
        title=title,
        severity_id=ref.severity_by_code(str(severity)).id,
        category_id=next(c.id for c in ref.categories() if c.name == category),
        **extra,  # type: ignore[arg-type]
    ).id


def _found(desk: Desk, query: str, **filters: object) -> list[int]:
    return [i.id for i in desk.incidents.search(IncidentFilter(query=query, **filters)).items]


def test_terms_are_cjk_bigrams_and_latin_words() -> None:
    assert incident_search.terms_of("机房空调故障") == ["机房", "房空", "空调", "调故", "故障"]
    assert incident_search.terms_of("UPS电源 告警，王") == ["ups", "电源", "告警", "王"]
    assert incident_search.plan("空调").match == '"空调"'
    assert incident_search.plan("机房空调").match == '"机房 房空 空调"'
    assert incident_search.plan("ups").match == '"ups"*'
    assert incident_search.plan("王").like == ["王"]
    assert incident_search.plan("  ，。 ").empty


_TEXT = st.text(
    alphabet=st.sampled_from(
        list("机房空调告警王张伟，。 \n\t-_0Aazé\u00c0\u024f\u0250İß\x00ω\u3400\uf900")
    ),
    max_size=14,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(st.none(), _TEXT), max_size=6))
def test_index_text_is_the_terms_of_each_text_joined(texts: list[str | None]) -> None:
    """index_text builds in one pass what its definition builds text by text."""
    parts = [t for t in texts if t]
    wanted = f" {incident_search.FIELD_BREAK} ".join(
        " ".join(incident_search.terms_of(p)) for p in parts
    )
    assert incident_search.index_text(texts) == (wanted, "\n".join(parts))


def test_two_character_chinese_substrings_match(desk: Desk, crew: dict[str, Person]) -> None:
    officer = crew["officer"]
    aircon = _report(desk, officer, "机房空调故障")
    alarm = _report(desk, officer, "消防告警误报", category="消防报警")
    noted = _report(desk, officer, "门禁刷卡失灵", category="门禁")
    desk.incidents.add_note(officer, noted, "已联系物业张伟到场处理")
    assert _found(desk, "空调") == [aircon]
    assert _found(desk, "告警") == [alarm]
    assert _found(desk, "张伟") == [noted]
    assert _found(desk, "空调故障") == [aircon]
    assert _found(desk, "调故") == [aircon]
    assert _found(desk, "空故") == []  # not a substring
    assert _found(desk, "机") == [aircon]  # one character: bounded LIKE
    assert _found(desk, "故障 机房") == [aircon]  # every part must occur
    assert _found(desk, "空调 告警") == []


def test_search_covers_description_resolution_and_escalation(
    desk: Desk, crew: dict[str, Person]
) -> None:
    officer = crew["officer"]
    first = _report(desk, officer, "二号楼停电", description="配电室跳闸", category="市电停电")
    desk.incidents.acknowledge(officer, first)
    assert _found(desk, "跳闸") == [first]
    desk.incidents.escalate(officer, first, to="供电公司抢修班", reason="外线故障")
    assert _found(desk, "抢修") == [first]
    desk.incidents.resolve(officer, first, resolution="更换熔断器后恢复供电")
    assert _found(desk, "熔断器") == [first]
    assert _found(desk, "UPS") == []


def test_search_does_not_match_across_two_fields(desk: Desk, crew: dict[str, Person]) -> None:
    incident = _report(desk, crew["officer"], "空调", description="故障")
    assert _found(desk, "空调") == [incident]
    assert _found(desk, "调故") == []


def test_index_stays_in_sync_and_rebuilds(desk: Desk, crew: dict[str, Person]) -> None:
    officer = crew["officer"]
    ids = [_report(desk, officer, f"网络中断第{n}次", category="外网中断") for n in range(3)]
    desk.incidents.add_note(officer, ids[0], "交换机端口闪断")
    desk.incidents.acknowledge(officer, ids[1])
    desk.incidents.resolve(officer, ids[1], resolution="光模块更换")
    assert incident_search.index_problems(desk.db) == []
    desk.db.execute("DELETE FROM incident_search")
    desk.db.execute("INSERT INTO incident_fts (incident_fts) VALUES ('rebuild')")
    assert _found(desk, "网络") == []
    assert desk.incidents.rebuild_search_index() == 3
    assert incident_search.index_problems(desk.db) == []
    assert sorted(_found(desk, "网络")) == ids
    assert _found(desk, "光模块") == [ids[1]]


def test_every_index_row_is_read_with_the_texts_reindex_writes_from(
    desk: Desk, crew: dict[str, Person]
) -> None:
    """verify reads all incidents and all notes in two passes merged by id; each incident
    gets exactly the texts (notes in entry order) that reindex builds it from alone."""
    officer = crew["officer"]
    ids = [_report(desk, officer, f"配电柜告警{n}") for n in range(4)]
    for n, incident in enumerate([ids[2], ids[0], ids[2], ids[3], ids[0], ids[2]]):
        desk.incidents.add_note(officer, incident, f"第{n}条备注")
    desk.incidents.acknowledge(officer, ids[1])  # an event that is not a note
    rows = list(incident_search.incident_index_rows(desk.db))
    assert [(row[0], row[1]) for row in rows] == [
        (incident, incident_search._texts(desk.db, incident)) for incident in ids
    ]
    assert rows[2][1][-3:] == ["第0条备注", "第2条备注", "第5条备注"]
    assert incident_search.index_problems(desk.db) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet="空调机房告警张伟王UPS 电源a1，", min_size=1, max_size=12),
    start=st.integers(0, 11),
    length=st.integers(1, 6),
)
def test_any_substring_of_a_title_finds_it(
    desk: Desk, crew: dict[str, Person], text: str, start: int, length: int
) -> None:
    title = f"T{text}"
    incident = _report(desk, crew["officer"], title)
    raw = title[start : start + length]
    query = raw.strip()
    if not incident_search.plan(query).empty and " " not in query and "，" not in query:
        # Latin words match by prefix only, so a query starting mid-word is skipped. Judged
        # at the query's own place in the title: "1伟伟" inside "T1伟伟1" starts inside "T1".
        offset = start + len(raw) - len(raw.lstrip())
        before = title[offset - 1 : offset] if offset else ""
        if (
            not incident_search._IS_CJK.match(query)
            and before
            and incident_search._PIECES.fullmatch(before)
            and not incident_search._IS_CJK.match(before)
        ):
            return
        page = desk.incidents.search(IncidentFilter(query=query), limit=500)
        assert incident in [i.id for i in page.items]


def test_filters_date_status_severity_category_person_shift(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    officer, other = crew["officer"], crew["officer2"]
    old = _report(desk, officer, "旧事件", severity="I", category="门禁", shift_date="2026-11-20")
    clock.advance(days=2)
    new = _report(desk, other, "新事件", shift_date="2026-11-27", shift_code="夜班")
    desk.incidents.acknowledge(officer, new)
    day = date(2026, 11, 27)  # 00:00 UTC is 08:00 in Shanghai
    assert _found(desk, "", date_from=day) == [new]
    assert _found(desk, "", date_to=day - timedelta(days=1)) == [old]
    assert _found(desk, "", statuses=("acknowledged",)) == [new]
    severity = desk.incidents.reference.severity_by_code("I").id
    assert _found(desk, "", severity_ids=(severity,)) == [old]
    equipment = next(c.id for c in desk.incidents.reference.categories() if c.name == "设备")
    assert sorted(_found(desk, "", category_id=equipment)) == [old, new]
    assert _found(desk, "", person_id=other.id) == [new]
    assert _found(desk, "", person_id=officer.id) == [new, old]  # acknowledged the new one
    assert _found(desk, "", shift_date="2026-11-27", shift_code="夜班") == [new]
    assert _found(desk, "事件", shift_code="早班") == []
    assert desk.incidents.count(IncidentFilter(query="事件")) == 2


def test_pages_are_stable_and_complete(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    ids = []
    for n in range(23):
        ids.append(_report(desk, crew["officer"], f"巡检发现问题{n}"))
        if n % 5:
            clock.advance(minutes=1)
    seen: list[int] = []
    after = None
    while True:
        page = desk.incidents.search(IncidentFilter(query="巡检"), limit=10, after=after)
        seen += [i.id for i in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert seen == sorted(ids, key=lambda i: (desk.incidents.get(i).reported_at, i), reverse=True)


@pytest.mark.parametrize("query", ["%", "_", '"', "AND", "空调 OR", "*", "NEAR(", "\\"])
def test_odd_queries_never_crash(desk: Desk, crew: dict[str, Person], query: str) -> None:
    _report(desk, crew["officer"], "空调 AND 告警 100%")
    desk.incidents.search(IncidentFilter(query=query))


def test_first_page_of_hits_follows_reporting_time_not_entry_order(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    """Hits are read newest id first; an earlier entry reported later still comes first."""
    start = clock()
    clock.advance(hours=6)
    officer = crew["officer"]
    offsets = [60, 180, 0, 120, 240, 30, 150, 90]  # minutes after start, in entry order
    ids = [
        _report(desk, officer, f"空调告警{n}", reported_at=start + timedelta(minutes=m))
        for n, m in enumerate(offsets)
    ]
    _report(desk, officer, "门禁故障", category="门禁")  # not a hit
    expected = [i for _m, i in sorted(zip(offsets, ids, strict=True), reverse=True)]
    for limit in (1, 2, 3, 5, 8, 20):
        page = desk.incidents.search(IncidentFilter(query="空调"), limit=limit)
        assert [i.id for i in page.items] == expected[:limit]
        assert (page.next_cursor is not None) == (limit < len(ids))
        # The next pages (the other path) continue exactly where the first one stopped.
        seen = [i.id for i in page.items]
        while page.next_cursor is not None:
            page = desk.incidents.search(
                IncidentFilter(query="空调"), limit=limit, after=page.next_cursor
            )
            seen += [i.id for i in page.items]
        assert seen == expected


def test_listed_incidents_are_the_records_get_returns(
    desk: Desk, clock: ManualClock, crew: dict[str, Person]
) -> None:
    import dataclasses

    from dutydesk.incidents.records import Incident
    from dutydesk.incidents.rows import FIELDS

    officer, leader = crew["officer"], crew["leader"]
    first = _report(desk, officer, "机房空调故障", location="三楼机房")
    desk.incidents.acknowledge(officer, first)
    desk.incidents.resolve(officer, first, resolution="更换滤网")
    desk.incidents.close(leader, first)
    _report(desk, officer, "空调漏水", severity="I")
    clock.advance(hours=3)  # the open one is now overdue
    for flt in (IncidentFilter(), IncidentFilter(query="空调"), IncidentFilter(statuses=("new",))):
        items = desk.incidents.search(flt).items
        assert items
        for item in items:
            assert set(vars(item)) == FIELDS
            assert item == desk.incidents.get(item.id)
            assert item == Incident(**dataclasses.asdict(item))
            assert hash(item) == hash(Incident(**dataclasses.asdict(item)))
            with pytest.raises(dataclasses.FrozenInstanceError):
                item.title = "x"  # type: ignore[misc]
    closed = desk.incidents.get(first)
    assert closed.responded_on_time is True or closed.responded_on_time is False
    assert closed.reporter_name == officer.name and closed.closed_by_name == leader.name
    assert closed.category_name.endswith("空调")
    assert desk.incidents.search(IncidentFilter(query="漏水")).items[0].overdue


def _pages(desk: Desk, flt: IncidentFilter, limit: int) -> list[int]:
    seen: list[int] = []
    page = desk.incidents.search(flt, limit=limit)
    seen += [i.id for i in page.items]
    while page.next_cursor is not None:
        page = desk.incidents.search(flt, limit=limit, after=page.next_cursor)
        assert page.mode == "fts"  # later pages take the single-match path too
        assert not set(seen) & {i.id for i in page.items}  # never again (nor forever)
        seen += [i.id for i in page.items]
    return seen


@pytest.mark.parametrize("join_cost", [0, 10**9], ids=["hits-above", "index-below"])
def test_later_pages_of_hits_match_one_big_query_with_ties_and_late_entries(
    desk: Desk,
    clock: ManualClock,
    crew: dict[str, Person],
    monkeypatch: pytest.MonkeyPatch,
    join_cost: int,
) -> None:
    """Pages after a cursor equal the whole list cut into pages: ties on reported_at
    (ordered by id) and incidents entered after later-reported ones included, whichever
    way the last page looks for those (``_JOIN_COST`` picks one by the ids' spread)."""
    from dutydesk.incidents import query

    monkeypatch.setattr(query, "_JOIN_COST", join_cost)
    start = clock()
    clock.advance(hours=12)
    officer = crew["officer"]
    # Minutes after start, in entry order: repeated times are ties, small late ones
    # are incidents entered after others that were reported later.
    offsets = [100, 40, 100, 300, 0, 100, 250, 40, 500, 10, 250, 100, 5, 600, 0, 40]
    ids = [
        _report(desk, officer, f"空调告警{n}", reported_at=start + timedelta(minutes=m))
        for n, m in enumerate(offsets)
    ]
    _report(desk, officer, "门禁故障", category="门禁")  # not a hit
    expected = [i for _m, i in sorted(zip(offsets, ids, strict=True), reverse=True)]
    whole = desk.incidents.search(IncidentFilter(query="空调"), limit=1000)
    assert [i.id for i in whole.items] == expected
    # The general path (a filter beside the text) gives the same list.
    general = IncidentFilter(query="空调", date_from=date(2000, 1, 1))
    assert _paged_any(desk, general, 3) == expected
    for limit in range(1, len(ids) + 2):
        assert _pages(desk, IncidentFilter(query="空调"), limit) == expected, limit


def _paged_any(desk: Desk, flt: IncidentFilter, limit: int) -> list[int]:
    seen: list[int] = []
    after = None
    while True:
        page = desk.incidents.search(flt, limit=limit, after=after)
        assert not set(seen) & {i.id for i in page.items}
        seen += [i.id for i in page.items]
        if page.next_cursor is None:
            return seen
        after = page.next_cursor


@pytest.mark.parametrize("query", ["告警", "空调", "机房", "巡检"])
def test_paging_a_text_search_on_the_demo_equals_one_query(demo: Desk, query: str) -> None:
    whole = [i.id for i in demo.incidents.search(IncidentFilter(query=query), limit=10**6).items]
    assert len(whole) > 1, query
    # The general path (a filter beside the text, no single-match shortcut) agrees.
    general = IncidentFilter(query=query, date_from=date(2000, 1, 1))
    assert _paged_any(demo, general, 1000) == whole
    for limit in (1, 7, 50):
        assert _pages(demo, IncidentFilter(query=query), limit) == whole


_ROUNDS = iter(range(10**6))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(st.integers(0, 12), min_size=1, max_size=14),
    limit=st.integers(1, 6),
    join_cost=st.sampled_from([0, 10**9]),
)
def test_pages_of_hits_in_any_entry_order_equal_the_whole_list(
    desk: Desk,
    clock: ManualClock,
    crew: dict[str, Person],
    offsets: list[int],
    limit: int,
    join_cost: int,
) -> None:
    """Any order of entry and any ties (few distinct times): the pages, put together,
    are exactly the list one big query returns, sorted by (reported_at, id) newest first."""
    from dutydesk.incidents import query

    query._JOIN_COST, saved = join_cost, query._JOIN_COST
    try:
        _check_pages(desk, clock, crew, offsets, limit)
    finally:
        query._JOIN_COST = saved


def _check_pages(
    desk: Desk, clock: ManualClock, crew: dict[str, Person], offsets: list[int], limit: int
) -> None:
    word = f"round{next(_ROUNDS)}x"  # a word of this example's own (the desk is shared)
    start = clock() - timedelta(days=1)
    ids = [
        _report(desk, crew["officer"], f"{word} 告警", reported_at=start + timedelta(hours=m))
        for m in offsets
    ]
    expected = [i for _m, i in sorted(zip(offsets, ids, strict=True), reverse=True)]
    flt = IncidentFilter(query=word)
    assert [i.id for i in desk.incidents.search(flt, limit=1000).items] == expected
    assert _pages(desk, flt, limit) == expected

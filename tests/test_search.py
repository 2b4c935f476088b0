import pytest

from inspector_app.domain.identifiers import make_uscc
from inspector_app.store.reference import bulk_upsert_enterprises, update_enterprise
from inspector_app.store.search import fts_query, search_enterprises

ROWS = [
    {"id": "e1", "name": "济南华宇电缆有限公司", "uscc": make_uscc("91370102MA3C4B5X6"), "province": "山东省", "city": "济南市",
     "address": "历下区工业南路88号", "licences": [{"kind": "生产许可证", "number": "鲁XK06-001-00123"}]},
    {"id": "e2", "name": "青岛远东线缆股份有限公司", "uscc": make_uscc("91370211MA3C4B5X7"), "province": "山东省", "city": "青岛市",
     "address": "黄岛区长江路1号", "former_names": ["青岛远东电线厂"]},
    {"id": "e3", "name": "杭州正泰电器有限公司", "uscc": make_uscc("91330106MA2C4B5X8"), "province": "浙江省", "city": "杭州市",
     "address": "西湖区文三路电缆大厦5层"},
    {"id": "e4", "name": "苏州恒通服饰有限公司", "uscc": make_uscc("91320505MA1C4B5X9"), "province": "江苏省", "city": "苏州市",
     "address": "吴中区滨河路9号", "licences": [{"kind": "CCC", "number": "2021010701234567"}]},
]


@pytest.fixture
def indexed(store):
    store.write_sync(lambda txn: bulk_upsert_enterprises(txn, ROWS, source="test"))
    return store


def names(store, text):
    return [r["id"] for r in search_enterprises(store.read(), text)]


def test_two_character_query_matches_substrings_ranked_name_first(indexed):
    result = names(indexed, "电缆")
    assert result[0] == "e1"  # in the name
    assert set(result) == {"e1", "e3"}  # e3 only in the address


def test_one_character_query(indexed):
    assert set(names(indexed, "线")) == {"e2"}  # 线缆 and former name 电线厂
    assert set(names(indexed, "缆")) == {"e1", "e2", "e3"}


def test_longer_query_and_multiple_terms(indexed):
    assert names(indexed, "远东线缆") == ["e2"]
    assert names(indexed, "山东 电缆") == ["e1"]
    assert names(indexed, "电线厂") == ["e2"]  # former name


def test_non_adjacent_characters_do_not_match(indexed):
    assert names(indexed, "济电") == []


def test_uscc_prefix_and_licence_numbers(indexed):
    assert names(indexed, ROWS[0]["uscc"][:6]) == ["e1"]
    assert names(indexed, ROWS[3]["uscc"]) == ["e4"]
    assert names(indexed, "XK06-001") == ["e1"]
    assert names(indexed, "鲁XK06") == ["e1"]
    assert names(indexed, "2021010701234567") == ["e4"]


def test_hostile_input_is_neutralised(indexed):
    for text in ['"', "NEAR(电 缆)", "电缆 OR 服饰", "*", "e1) OR (1", "   ", "\x00"]:
        search_enterprises(indexed.read(), text)  # must not raise
    assert fts_query("  ") is None


def test_edits_are_reindexed_in_the_same_transaction(indexed):
    indexed.write_sync(lambda txn: update_enterprise(txn, "e4", {"name": "苏州恒通电缆有限公司"}))
    assert "e4" in names(indexed, "电缆")
    assert "e4" not in names(indexed, "服饰")


def test_full_width_input(indexed):
    assert names(indexed, "ＸＫ０６") == ["e1"]

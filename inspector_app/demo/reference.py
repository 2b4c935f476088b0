"""Demo reference data: the inspector pair, enterprises, tasks and number blocks."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from typing import TYPE_CHECKING

from inspector_app.domain.identifiers import make_uscc, org_code_check_char
from inspector_app.domain.numbering import DEFAULT_CODE_WORDS, BureauConfig
from inspector_app.domain.states import TaskType
from inspector_app.store.reference import bulk_upsert_enterprises, bulk_upsert_tasks, upsert_inspector

if TYPE_CHECKING:
    from inspector_app.demo import DemoOptions
    from inspector_app.store.db import Store

DEMO_EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: demo ids sort as if made in 2026

# (province, abbreviation, [(city, area code, [districts])])
PLACES = [
    ("山东省", "鲁", [("济南市", "370102", ["历下区", "市中区", "槐荫区", "章丘区"]),
                    ("青岛市", "370211", ["黄岛区", "城阳区", "即墨区"]), ("淄博市", "370303", ["张店区", "临淄区"])]),
    ("江苏省", "苏", [("南京市", "320115", ["江宁区", "浦口区"]), ("苏州市", "320505", ["虎丘区", "吴中区", "昆山市"]),
                    ("无锡市", "320213", ["梁溪区", "滨湖区"])]),
    ("浙江省", "浙", [("杭州市", "330106", ["西湖区", "余杭区", "萧山区"]), ("宁波市", "330212", ["鄞州区", "慈溪市"]),
                    ("温州市", "330302", ["鹿城区", "乐清市"])]),
    ("广东省", "粤", [("广州市", "440106", ["天河区", "番禺区", "白云区"]), ("深圳市", "440305", ["南山区", "宝安区", "龙岗区"]),
                    ("佛山市", "440606", ["顺德区", "南海区"]), ("东莞市", "441900", ["长安镇", "虎门镇"])]),
    ("河北省", "冀", [("石家庄市", "130104", ["桥西区", "长安区"]), ("唐山市", "130203", ["路北区", "丰南区"])]),
    ("河南省", "豫", [("郑州市", "410105", ["金水区", "中原区", "新郑市"])]),
    ("四川省", "川", [("成都市", "510107", ["武侯区", "双流区", "郫都区"])]),
    ("湖北省", "鄂", [("武汉市", "420106", ["武昌区", "洪山区", "东西湖区"])]),
    ("福建省", "闽", [("厦门市", "350206", ["湖里区", "集美区"]), ("泉州市", "350503", ["丰泽区", "晋江市"])]),
    ("安徽省", "皖", [("合肥市", "340104", ["蜀山区", "包河区"])]),
]

# (industry, product words, licence kind or None, products with standards, risk weights A..D)
INDUSTRIES = [
    ("电线电缆", ["电缆", "线缆", "电线", "电工"], "生产许可证",
     [("聚氯乙烯绝缘电缆", "GB/T 5023"), ("电力电缆", "GB/T 12706")], (1, 3, 4, 2)),
    ("建筑材料", ["钢铁", "钢材", "建材", "特钢"], "生产许可证",
     [("热轧带肋钢筋", "GB/T 1499.2-2018"), ("通用硅酸盐水泥", "GB 175-2023")], (2, 4, 3, 1)),
    ("儿童用品", ["玩具", "童装", "母婴用品", "儿童用品"], None,
     [("塑胶玩具", "GB 6675"), ("婴幼儿服装", "GB 31701-2015")], (2, 3, 3, 2)),
    ("纺织服装", ["服饰", "纺织", "制衣", "针织"], None,
     [("针织T恤", "GB 18401-2010"), ("牛仔裤", "GB 18401-2010")], (3, 4, 2, 1)),
    ("家用电器", ["电器", "电子电器", "家电", "电气"], "CCC",
     [("电热水壶", "GB 4706.1"), ("转换器（插座）", "GB/T 2099.1")], (2, 4, 3, 1)),
    ("电动自行车", ["电动车", "车业", "新能源车辆"], "CCC",
     [("电动自行车", "GB 17761-2018"), ("电动自行车乘员头盔", "GB 811-2022")], (1, 2, 4, 3)),
    ("食品相关产品", ["塑料制品", "包装材料", "餐具"], "生产许可证",
     [("食品用塑料容器", "GB 4806.7-2016"), ("塑料餐具", "GB 4806.7-2016")], (2, 3, 3, 2)),
    ("家具", ["家具", "木业", "家居"], None, [("实木餐桌", "GB 18584"), ("板式衣柜", "GB 18584")], (3, 3, 2, 1)),
    ("农资", ["化肥", "肥业", "农业科技"], "生产许可证", [("复合肥料", "GB/T 15063-2020")], (2, 3, 3, 2)),
    ("电子产品", ["电子", "电源科技", "新能源"], "CCC",
     [("移动电源", "GB 31241-2022"), ("锂离子电池", "GB 31241-2022")], (1, 3, 4, 2)),
    ("劳动防护", ["安全防护", "劳保用品"], "生产许可证", [("安全帽", "GB 2811-2019")], (2, 3, 3, 2)),
    ("燃气器具", ["燃具", "厨具", "燃气设备"], "CCC", [("家用燃气灶具", "GB 16410-2020")], (1, 3, 4, 2)),
]

BRAND_WORDS = ["华宇", "鑫源", "恒通", "金桥", "正泰", "远东", "宏达", "新华", "瑞丰", "东方", "海成", "永安", "泰和",
               "中联", "汇通", "嘉禾", "天成", "明德", "博远", "盛世", "富润", "利民", "长城", "星火", "信达", "鼎盛",
               "万象", "安康", "凯瑞", "润泽", "旭日", "光明", "德邦", "兴业", "华美", "立新", "佳和", "众诚"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宇浩凯鹏飞欣怡子涵梓轩一诺俊杰雪梅海燕志强"
ROADS = ["工业南路", "经十路", "科技大道", "滨河路", "长江路", "人民路", "建设路", "解放路", "开发区大道", "创业路", "纬二路", "北园大街"]
ECONOMIC_TYPES = ["有限责任公司", "股份有限公司", "私营企业", "个体工商户", "外商投资企业"]

DEMO_INSPECTORS = [
    {"id": "0190f1c0-0000-7000-8000-000000000001", "name": "张伟", "cert_no": "37010220230117", "unit": "济南市历下区市场监督管理局", "phone": "13805310117"},
    {"id": "0190f1c0-0000-7000-8000-000000000002", "name": "李娜", "cert_no": "37010220230208", "unit": "济南市历下区市场监督管理局", "phone": "13805310208"},
]

TASK_TEMPLATES = {
    TaskType.SPOT_CHECK: "spot_check_sampling",
    TaskType.POST_LICENCE: "post_licence_check",
    TaskType.POST_CCC: "ccc_post_certification",
    TaskType.ROUTINE: "routine_inspection",
    TaskType.SPECIAL: "routine_inspection",
    TaskType.RECHECK: "routine_inspection",
    TaskType.RESPONSIBILITY: "quality_safety_responsibility",
}


class DemoIds:
    """UUIDv7-shaped ids drawn from the seed, so the demo is identical run after run."""

    def __init__(self, rng: random.Random, offset_ms: int = 0):
        self.rng = rng
        self.ms = DEMO_EPOCH_MS + offset_ms

    def __call__(self) -> str:
        self.ms += 1
        value = (self.ms << 80) | (0x7 << 76) | (self.rng.getrandbits(12) << 64) | (0b10 << 62) | self.rng.getrandbits(62)
        return str(uuid.UUID(int=value))


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "186", "177", "135")) + "".join(str(rng.randrange(10)) for _ in range(8))


def org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    return body + org_code_check_char(body)


def licence_for(rng: random.Random, kind: str | None, abbreviation: str, product: str, today: dt.date) -> list[dict]:
    if kind is None:
        return []
    status = rng.choices(["有效", "有效", "有效", "暂停", "过期", "注销"], k=1)[0]
    valid_until = (today + dt.timedelta(days=rng.randrange(-200, 1500))).isoformat()
    if kind == "生产许可证":
        number = f"{abbreviation}XK{rng.randrange(1, 30):02d}-{rng.randrange(1, 400):03d}-{rng.randrange(1, 99999):05d}"
    else:
        number = f"{rng.randrange(2012, 2026)}{rng.randrange(1, 20):02d}{rng.randrange(100, 1000):04d}{rng.randrange(1, 999999):06d}"
    return [{"kind": kind, "number": number, "product": product, "status": status, "valid_until": valid_until}]


def generate_enterprises(rng: random.Random, count: int, today: dt.date) -> list[dict]:
    ids = DemoIds(rng)
    used_names: set[str] = set()
    rows = []
    for index in range(count):
        province, abbreviation, cities = rng.choice(PLACES)
        city, area, districts = rng.choice(cities)
        district = rng.choice(districts)
        industry, words, licence_kind, products, risk_weights = rng.choice(INDUSTRIES)
        city_short = city.removesuffix("市")
        suffixes = ["有限公司", "股份有限公司", "科技有限公司", "制造有限公司"]
        name = ""
        for _attempt in range(12):
            name = f"{city_short}{rng.choice(BRAND_WORDS)}{rng.choice(words)}{rng.choice(suffixes)}"
            if name not in used_names:
                break
        else:  # a large demo runs out of combinations: branch offices, as real registers have
            name = f"{name.removesuffix('有限公司')}有限公司{district}分公司"
            serial = 2
            while name in used_names:
                name, serial = f"{name.split('分公司')[0]}第{serial}分公司", serial + 1
        used_names.add(name)
        former = [name.replace(city_short, f"{city_short}市", 1).replace("有限公司", "厂")] if rng.random() < 0.15 else []
        product, _standard = rng.choice(products)
        uscc = make_uscc("91" + area + org_code(rng))
        rows.append({
            "id": ids(),
            "name": name,
            "former_names": former,
            "uscc": uscc,
            "province": province,
            "city": city,
            "district": district,
            "address": f"{province}{city}{district}{rng.choice(ROADS)}{rng.randrange(1, 999)}号",
            "postcode": area[:4] + "00",
            "legal_rep": person_name(rng),
            "contact": person_name(rng),
            "phone": phone(rng),
            "economic_type": rng.choice(ECONOMIC_TYPES),
            "industry": industry,
            "products": [p for p, _ in products],
            "licences": licence_for(rng, licence_kind, abbreviation, product, today),
            "risk_class": rng.choices("ABCD", weights=risk_weights)[0],
        })
    return rows


def generate_tasks(rng: random.Random, enterprises: list[dict], count: int, today: dt.date) -> list[dict]:
    ids = DemoIds(rng, offset_ms=10_000_000)
    types = list(TaskType)
    inspector_ids = [p["id"] for p in DEMO_INSPECTORS]
    rows = []
    for index in range(count):
        task_type = types[index % len(types)]  # every type present
        enterprise = enterprises[rng.randrange(len(enterprises))]
        product = enterprise["products"][0] if enterprise["products"] else "产品"
        due = today + dt.timedelta(days=rng.randrange(-20, 60))
        state = rng.choices(["assigned", "in_progress", "done"], weights=(6, 3, 1))[0]
        rows.append({
            "id": ids(),
            "number": f"JN-{today.year}-{index + 1:05d}",
            "type": task_type.value,
            "plan": f"{today.year}年{rng.choice(['第一批', '第二批', '第三批', '专项'])}产品质量监督抽查计划" if task_type in (TaskType.SPOT_CHECK, TaskType.RECHECK) else f"{today.year}年{task_type.label}工作计划",
            "source": rng.choice(["山东省市场监督管理局", "济南市市场监督管理局", "国家市场监督管理总局"]),
            "category": rng.choice(["national", "provincial", "municipal"]) if task_type != TaskType.RECHECK else "recheck",
            "enterprise_id": enterprise["id"],
            "inspector_ids": inspector_ids,
            "products": [{"name": product, "quantity": rng.choice((2, 4, 6)), "unit": "件"}],
            "template_id": TASK_TEMPLATES[task_type],
            "due_date": due.isoformat(),
            "priority": 1 if enterprise["risk_class"] == "D" else 0,
            "state": state,
        })
    return rows


def add_identity(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    me, partner = DEMO_INSPECTORS

    def write(txn):
        for person in DEMO_INSPECTORS:
            upsert_inspector(txn, dict(person))
        txn.set_setting("inspector.id", me["id"])
        txn.set_setting("inspector.name", me["name"])
        txn.set_setting("inspector.cert_no", me["cert_no"])
        txn.set_setting("inspector.partner_id", partner["id"])
        txn.set_setting("bureau", BureauConfig().__dict__)
        txn.set_setting("demo.seed", options.seed)

    store.write_sync(write)
    return {"inspectors": len(DEMO_INSPECTORS)}


def demo_today() -> dt.date:
    """The demo's 'today': real today, so due dates and overdue marks look current."""
    return dt.date.today()


def add_enterprises(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    rows = generate_enterprises(rng, options.enterprises, demo_today())
    store.write_sync(lambda txn: bulk_upsert_enterprises(txn, rows, source="demo"))
    return {"enterprises": len(rows)}


def add_tasks(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    cursor = store.read().execute("SELECT id, products, risk_class FROM enterprise ORDER BY id")
    enterprises = [{"id": i, "products": json.loads(p), "risk_class": r} for i, p, r in cursor.fetchall()]
    rows = generate_tasks(rng, enterprises, options.tasks, demo_today())
    store.write_sync(lambda txn: bulk_upsert_tasks(txn, rows, source="demo"))
    return {"tasks": len(rows)}


def add_number_blocks(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    """A local number block per document type, so the demo can issue documents offline."""
    year = demo_today().year

    def write(txn):
        existing = {r[0] for r in txn.db.execute("SELECT doc_type FROM number_block WHERE year = ?", [year]).fetchall()}
        for offset, doc_type in enumerate(DEFAULT_CODE_WORDS):
            if doc_type in existing:
                continue
            txn.db["number_block"].insert({
                "id": f"demo-{doc_type}-{year}", "doc_type": doc_type, "year": year, "start": 1,
                "end": 999, "next": 1, "source": "local", "obtained_at": txn.now,
            })
        txn.audit("number_block", "number_block", "demo", {"year": year})

    store.write_sync(write)
    return {"number_blocks": len(DEFAULT_CODE_WORDS)}


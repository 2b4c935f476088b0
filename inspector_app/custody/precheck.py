"""The pre-sampling check (shared/domain/rules.md, 质检总局令第133号 practice).

Three groups of conditions:
- *ours*: fewer than 2 samplers, notice/ID not shown, names not matching, a fee asked — the
  enterprise may lawfully refuse. Sampling cannot go on until they are fixed; no record.
- *product*: not the notified product, not for sale, contract-made with no mandatory standard,
  export-only, marked 试制/处理/样品, lot below plan — no sampling: a 未抽到样品 record.
- *party*: the enterprise refuses although everything is lawful — a 拒检认定 record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inspector_app.i18n import language, tr


@dataclass(frozen=True)
class Condition:
    id: str
    group: str  # ours | product | party
    zh: str
    en: str
    modes: tuple[str, ...] = ("production", "retail", "online")

    @property
    def label(self) -> str:
        return self.zh if language() == "zh_CN" else self.en


CONDITIONS: tuple[Condition, ...] = (
    Condition("two_samplers", "ours", "抽样人员不少于2名", "At least 2 samplers are present", ("production", "retail")),
    Condition("credentials_shown", "ours", "已出示抽样通知书和执法证件", "The sampling notice and ID were shown", ("production", "retail")),
    Condition("notice_matches", "ours", "通知书上的人员、企业、产品名称与实际一致", "Names of samplers, enterprise and product match the notice", ("production", "retail")),
    Condition("no_fee", "ours", "未向企业收取任何费用", "No fee is asked of the enterprise", ("production", "retail")),
    Condition("product_matches", "product", "产品与抽样通知书所列产品一致", "The product is the one in the notice"),
    Condition("for_sale", "product", "产品为待销产品（成品库或市场在售）", "The product awaits sale (finished-goods store or on the market)", ("production", "retail")),
    Condition("not_contract_only", "product", "不属于按合同生产且无强制性标准的产品", "Not made to a contract with no mandatory standard", ("production", "retail")),
    Condition("not_export_only", "product", "不是专供出口的产品", "Not an export-only product"),
    Condition("not_trial", "product", "未标注“试制”“处理”“样品”等字样", "Not marked 试制 / 处理 / 样品 (trial / clearance / sample)"),
    Condition("lot_size_ok", "product", "抽样基数不低于抽样方案要求", "The lot size is not below the sampling plan", ("production", "retail")),
    Condition("party_cooperates", "party", "企业配合抽样（未拒绝）", "The enterprise cooperates (does not refuse)", ("production", "retail")),
)
BY_ID = {c.id: c for c in CONDITIONS}


def conditions_for(mode: str) -> list[Condition]:
    return [c for c in CONDITIONS if mode in c.modes]


@dataclass
class Outcome:
    """What the answers lead to: `proceed`, `fix` (ours), `no_sample`, `refusal`, or `incomplete`."""

    action: str
    failed: list[Condition] = field(default_factory=list)
    unanswered: list[Condition] = field(default_factory=list)

    def message(self) -> str:
        names = "；".join(c.label for c in self.failed) if language() == "zh_CN" else "; ".join(c.label for c in self.failed)
        if self.action == "proceed":
            return tr("条件均满足，可以抽样。", "All conditions hold: sampling may proceed.")
        if self.action == "incomplete":
            return tr("还有 {n} 项未回答。", "{n} conditions are not answered yet.", n=len(self.unanswered))
        if self.action == "fix":
            return tr("不得开始抽样，企业有权拒绝：{c}。请先纠正，再重新检查。",
                      "Sampling may not start and the enterprise may lawfully refuse: {c}. Put it right, then check again.", c=names)
        if self.action == "refusal":
            return tr("企业拒绝抽样：请告知拒检的法律后果，并填写《拒检认定书》。",
                      "The enterprise refuses sampling: explain the legal consequences and fill in a refusal record (拒检认定).")
        return tr("不得抽样：{c}。请填写《未抽到样品确认书》。", "No sampling allowed: {c}. Fill in a no-sample record (未抽到样品).", c=names)

    def reason_text(self) -> str:
        """The failed conditions as a reason, prefilled into the no-sample record."""
        return "；".join(NEGATED.get(c.id, c.zh) for c in self.failed)


NEGATED = {
    "product_matches": "产品与抽样通知书所列产品不一致",
    "for_sale": "产品不是待销产品",
    "not_contract_only": "产品按合同生产且无强制性标准",
    "not_export_only": "产品专供出口",
    "not_trial": "产品标注“试制”“处理”或“样品”",
    "lot_size_ok": "抽样基数低于抽样方案要求",
    "party_cooperates": "企业拒绝抽样",
}


def evaluate(mode: str, answers: dict[str, bool | None]) -> Outcome:
    """Decide from the answers (True = condition holds) what the inspector must do next."""
    applicable = conditions_for(mode)
    unanswered = [c for c in applicable if answers.get(c.id) is None]
    failed = [c for c in applicable if answers.get(c.id) is False]
    ours = [c for c in failed if c.group == "ours"]
    if ours:
        return Outcome("fix", ours, unanswered)
    if any(c.group == "party" for c in failed):
        return Outcome("refusal", [c for c in failed if c.group == "party"], unanswered)
    product = [c for c in failed if c.group == "product"]
    if product:
        return Outcome("no_sample", product, unanswered)
    if unanswered:
        return Outcome("incomplete", [], unanswered)
    return Outcome("proceed")

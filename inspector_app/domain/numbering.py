"""文书编号 formatting from a per-bureau configuration.

Format: `{region}市监{code}〔{year}〕{n}号`, e.g. `济历市监责改〔2026〕17号`. The region
abbreviation and the code word of each document type are set per bureau.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_CODE_WORDS = {
    "sampling_record": "抽",
    "inspection_record": "检记",
    "correction_order": "责改",
    "result_notice": "检结告",
    "refusal_record": "拒检",
    "no_sample_record": "未抽",
    "handover_record": "移交",
    "seal_labels": "封",
}


@dataclass
class BureauConfig:
    name: str = "济南市历下区市场监督管理局"
    region: str = "济历"
    code_words: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CODE_WORDS))
    template: str = "{region}市监{code}〔{year}〕{n}号"
    address: str = "济南市历下区经十路 1 号"
    phone: str = "0531-12345678"
    review_body: str = "济南市历下区人民政府"
    court: str = "济南市历下区人民法院"

    def code_word(self, doc_type: str) -> str:
        try:
            return self.code_words[doc_type]
        except KeyError:
            raise KeyError(f"no code word configured for document type {doc_type!r}") from None


def format_number(config: BureauConfig, doc_type: str, year: int, n: int) -> str:
    if n < 1:
        raise ValueError("document numbers start at 1")
    return config.template.format(region=config.region, code=config.code_word(doc_type), year=year, n=n)


def parse_number(config: BureauConfig, number: str) -> tuple[str, int, int]:
    """Inverse of format_number: (doc_type, year, n); ValueError if it is not one of ours."""
    for doc_type, code in config.code_words.items():
        pattern = re.escape(config.template).replace(r"\{region\}", re.escape(config.region))
        pattern = pattern.replace(r"\{code\}", re.escape(code))
        pattern = pattern.replace(r"\{year\}", r"(?P<year>\d{4})").replace(r"\{n\}", r"(?P<n>\d+)")
        match = re.fullmatch(pattern, number)
        if match:
            return doc_type, int(match["year"]), int(match["n"])
    raise ValueError(f"{number!r} is not a document number of {config.name}")

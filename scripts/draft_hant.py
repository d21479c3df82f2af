"""Draft Traditional Chinese (zh-Hant) text from the Simplified, for a human editor to finish.

    python scripts/draft_hant.py          fill only what zh-Hant lacks: prose files, empty catalog
                                          entries, TOML labels and terms; never overwrites

OpenCC's Taiwan profile with phrase conversion (``s2twp``) converts characters and mainland words
(信息 -> 資訊); then ``TAIWAN`` puts the aid's terms in the forms Taiwanese medical writing uses
(the glossary, content/glossary.toml, says why and cites sources) and mends phrases OpenCC gets
wrong in this text (局部 -> 區域性). Quotes become 「」. The draft is a start, not the product:
every drafted file is then edited by hand, and the tests (glossary, typography, no Simplified-only
characters) read the result. A developer's tool: the app never imports OpenCC.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.i18n import language  # noqa: E402

SOURCE, TARGET = "zh", "zh-Hant"

# After s2twp, in this order (longer phrases first where one contains another).
TAIWAN: tuple[tuple[str, str], ...] = (
    # OpenCC phrase conversions that are wrong here
    ("擴充套件", "擴展"),
    ("撥出", "呼出"),
    ("匯入期", "導入期"),
    ("區域性麻藥", "局部麻醉"),
    ("區域性", "局部"),
    ("釋出", "發布"),
    ("稽核", "審閱"),
    ("互動作用", "交互作用"),
    ("被啟用", "被活化"),
    ("宣告", "聲明"),
    ("通過", "透過"),
    ("質量", "品質"),
    # terms: see content/glossary.toml for the sources
    ("肌萎縮側索硬化症", "肌萎縮性脊髓側索硬化症"),
    ("肌萎縮側索硬化", "肌萎縮性脊髓側索硬化症"),
    ("運動神經元病", "運動神經元疾病"),
    ("腦脊液", "腦脊髓液"),
    ("低劑量白血球介素-2", "低劑量介白素-2"),
    ("白血球介素-2", "介白素-2"),
    ("白血球介素", "介白素"),
    ("置信區間", "信賴區間"),
    ("流感樣症狀", "類流感症狀"),
    ("小膠質細胞", "微膠細胞"),
    ("生物標誌物", "生物標記"),
    ("意向治療", "意圖治療"),
    ("失訪", "失去追蹤"),
    ("人形圖示", "人形圖示"),
    ("人形圖標", "人形圖示"),
    ("《柳葉刀》", "《刺胳針》"),
    ("醫保", "健保"),
    ("醫生", "醫師"),
    ("康復", "復健"),
    ("門診複查", "門診回診"),
    ("複診", "回診"),
    ("複查", "回診"),
    ("化驗單", "檢驗報告"),
    ("專病門診", "特別門診"),
    ("“管理准入專案”", "「恩慈用藥計畫」"),
    ("管理准入專案", "恩慈用藥計畫"),
    ("准入專案", "恩慈用藥計畫"),
    ("專案", "計畫"),
    ("靜脈滴注", "靜脈輸注"),
    ("評定量表", "評估量表"),
    ("俗稱“腰穿”", "俗稱「抽龍骨水」"),
    # Taiwanese medical and everyday usage over the mainland's
    ("水平", "濃度"),  # a lab value's level (a reading level is 程度: edit by hand)
    ("生存", "存活"),
    ("獲批", "獲准"),
    ("加速批准", "加速核准"),
    ("批准", "核准"),
    ("藥片", "藥錠"),
    ("試劑盒", "試劑組"),
    ("打分", "評分"),
    ("多學科團隊", "跨專業照護團隊"),
    ("國民醫療服務體系", "國民保健署"),
    ("網上", "網路上"),
    ("化驗", "檢驗"),
    ("大醫院", "醫學中心"),
    ("報道", "報導"),
    ("打印", "列印"),
    ("窗口", "視窗"),
    ("護士", "護理師"),
    ("隨訪", "追蹤"),
    ("入組", "納入試驗"),
    ("炎症", "發炎"),
    ("罕見病", "罕見疾病"),
    ("拋硬幣", "擲硬幣"),
    ("剎車", "煞車"),
    ("腰背部", "下背部"),
    ("思路", "想法"),
    ("開展", "進行"),
    ("新患", "新罹患"),
    ("交流", "溝通"),
    ("預計值", "預測值"),
    ("哪怕", "即使"),
)


def converter():
    import opencc

    return opencc.OpenCC("s2twp")


def draft(text: str, convert=None) -> str:
    convert = convert or converter().convert
    out = convert(text)
    for old, new in TAIWAN:
        out = out.replace(old, new)
    row = language(TARGET)
    out = out.replace("“", row.quote_open).replace("”", row.quote_close)
    return out.replace("‘", "『").replace("’", "』")


def draft_prose(convert) -> list[Path]:
    made = []
    src_root, dst_root = ROOT / "content" / "prose" / SOURCE, ROOT / "content" / "prose" / TARGET
    own = set(language(TARGET).country_sections)
    for src in sorted(src_root.rglob("*.md")):
        rel = src.relative_to(src_root)
        if rel.parts[0] == "decision" and rel.stem in language(SOURCE).country_sections and rel.stem not in own:
            continue  # another country's section: the target language has its own
        dst = dst_root / rel
        if not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(draft(src.read_text(encoding="utf-8"), convert), encoding="utf-8")
            made.append(dst)
    return made


def draft_catalogs(convert) -> list[str]:
    from babel.messages.pofile import read_po, write_po

    filled = []
    for src in sorted((ROOT / "locales" / SOURCE / "LC_MESSAGES").glob("*.po")):
        dst = ROOT / "locales" / TARGET / "LC_MESSAGES" / src.name
        with src.open("rb") as handle:
            source = read_po(handle, locale=language(SOURCE).babel_locale)
        with dst.open("rb") as handle:
            target = read_po(handle, locale=language(TARGET).babel_locale)
        for message in target:
            original = source.get(message.id) if message.id else None
            if message.id and not message.string and original is not None and original.string:
                message.string = draft(original.string, convert)
                filled.append(f"{src.stem}: {message.id[:50]}")
        with dst.open("wb") as handle:
            write_po(handle, target, width=76, ignore_obsolete=False, include_previous=False)
    return filled


_KEYS = ("term", "define", "lay", "short", "dead", "label", "value_text", "match")


def draft_toml(path: Path, convert) -> int:
    """Insert ``key."zh-Hant" = ...`` after each ``key.zh = ...`` line that has no zh-Hant twin."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    data = tomllib.loads("".join(lines))
    out, added, table = [], 0, None
    for line in lines:
        out.append(line)
        head = re.match(r"^\[([^\]]+)\]", line)
        if head:
            table = head.group(1)
            continue
        m = re.match(rf"^({'|'.join(_KEYS)})\.{SOURCE} = (.*)$", line.rstrip("\n"))
        if m and table is not None:
            field = m.group(1)
            if TARGET in data.get(table, {}).get(field, {}):
                continue
            value = tomllib.loads(f"v = {m.group(2)}")["v"]
            drafted = [draft(v, convert) for v in value] if isinstance(value, list) else draft(value, convert)
            rendered = tomllib_dump(drafted)
            out.append(f'{field}."{TARGET}" = {rendered}\n')
            added += 1
    path.write_text("".join(out), encoding="utf-8")
    return added


def tomllib_dump(value: object) -> str:
    import json

    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    convert = converter().convert
    for path in draft_prose(convert):
        print("drafted", path.relative_to(ROOT))
    for entry in draft_catalogs(convert):
        print("drafted msgstr", entry)
    for name in ("glossary.toml", "facts.toml"):
        print(f"drafted {draft_toml(ROOT / 'content' / name, convert)} values in {name}")


if __name__ == "__main__":
    main()

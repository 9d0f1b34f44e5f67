"""Chinese numerals as digits, through cn2an: 五十万 → 500000, 两周 → 2周, 百分之十 → 10%."""

from __future__ import annotations

import re
import warnings

import cn2an

_DIGIT = "零〇一二两三四五六七八九"
_NUMERAL = re.compile(rf"(?P<percent>百分之)?(?P<numeral>[{_DIGIT}十][{_DIGIT}十百千万亿]*(?:点[{_DIGIT}]+)?)")
# What may follow a one-character numeral for it to be a number (一般, 唯一, 一起 are words, not numbers).
_MEASURE_AFTER = re.compile(
    r"\s*(?:个(?:月|小时|星期|工作日|钟头|百分点|点)|[万千百元块%％天周月小时日次件台笔份条位名点])"
)
_SKIP_BEFORE = re.compile(r"(?:第|周|星期|礼拜)$")


def chinese_numerals_to_digits(text: str) -> str:
    """The text with every Chinese number written in digits; words that merely contain numerals stay."""
    return _NUMERAL.sub(lambda match: _replacement(text, match), text)


def _replacement(text: str, match: re.Match[str]) -> str:
    numeral = match.group("numeral")
    if _SKIP_BEFORE.search(text[: match.start()]):
        return match.group(0)
    if len(numeral) == 1 and not _MEASURE_AFTER.match(text, match.end()) and not match.group("percent"):
        return match.group(0)
    scale = numeral[-1] if len(numeral) > 1 and numeral[-1] in "万亿" else ""
    value = _convert(numeral[:-1] if scale else numeral)
    if value is None:
        return match.group(0)
    return f"{value}%" if match.group("percent") else value + scale  # 五十万 → 50万: still reads as money


def _convert(numeral: str) -> str | None:
    """cn2an's reading of a numeral, as digits without a trailing .0; None when it is not a number."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns about what it cannot read; we keep such text as it is
        try:
            value = cn2an.cn2an(numeral, "smart")
        except (ValueError, KeyError, IndexError):
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)

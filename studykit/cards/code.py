"""Cards for code highlights: "what shape comes out?" when it can be computed, else a
"fill in the missing line" card that hides the key line. Code with no line worth hiding (a
one- or two-liner, lines a scraped page glued together) makes no card: a card whose back
repeats its front asks nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studykit.cards import CardSpec
from studykit.cards.cloze import BLANK

if TYPE_CHECKING:
    from studykit.cards.snippet import Result

SHAPE_QUESTION = "运行这段代码，最后一次调用网络（模块）得到的输出形状是什么？输入形状 {input}，答案写成元组。"
FILL_QUESTION = "补全 [...] 处缺失的一行代码："
MAX_TRACE = 16
_REVEALS_SHAPE = re.compile(r"->|→|=>|\(\s*\d+\s*,|\d+\s*[×xX*@]\s*\d+|torch\.Size|输出|形状|shape"
                            r"|output", re.IGNORECASE)
_SKIP_LINE = ("#", "import ", "from ", "def ", "class ", "@", "return", ")", "]", "}", '"""',
              "'''", "else", "try", "except", "finally", "pass")
_CORE_CALL = re.compile(r"zero_grad\(|backward\(|\.step\(|clip_grad|\.eval\(|\.train\(|no_grad"
                        r"|super\(\)\.__init__|load_state_dict|\.to\(device\)")
_KEY_CALL = re.compile(r"nn\.\w+\(|torch\.\w+\(|F\.\w+\(|DataLoader|state_dict|argmax|\.item\(\)"
                       r"|\.view\(|\.reshape\(|Sequential|loss")
LONG_LINE = 60
# Conv2d(, nn.Linear(: a capital opening a word (the look-behind, after that first letter, is
# ``\b``; a pattern that opens with a character class is scanned fast)
_HAS_LAYER = re.compile(r"[A-Z](?<!\w.)[A-Za-z]*(?:[123]d|Linear|Flatten)\(")
_COMMENT_OR_STRING = re.compile(  # string literals (any prefix) are skipped whole
    r"(?P<comment>#[^\r\n]*)|'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\""
    r"|'(?:\\.|[^\\'\n])*'|\"(?:\\.|[^\\\"\n])*\"", re.DOTALL)
_MAY_HAVE_SHAPE = re.compile(r"\.(?:rand|randn|zeros|ones|empty)\(|#.*(?:输入|input)", re.IGNORECASE)


def code_cards(code: str) -> list[CardSpec]:
    if _HAS_LAYER.search(code) and _MAY_HAVE_SHAPE.search(code):
        # the symbolic runner (and its torch layer tables) is imported for such snippets only
        from studykit.cards.snippet import infer

        result = infer(code)
        if result is not None:
            return [shape_card(code, result)]
    card = plain_card(code)
    return [card] if card else []


def shape_card(code: str, result: Result) -> CardSpec:
    answer = repr(result.output)
    front = SHAPE_QUESTION.format(input=repr(result.input)) + "\n\n" + _hide_shape_comments(code)
    trace = [f"{step.display} → {step.shape}" for step in result.steps[-MAX_TRACE:]]
    back = f"{code}\n\n逐层形状（输入 {result.input}）：\n" + "\n".join(trace)
    return CardSpec("shape", 1, front, back, answer)


def plain_card(code: str) -> CardSpec | None:
    lines = code.splitlines()
    picked = _line_to_hide(lines)
    if picked is None:
        return None
    line = lines[picked]
    indent = line[: len(line) - len(line.lstrip())]
    shown = [*lines[:picked], indent + BLANK, *lines[picked + 1:]]
    return CardSpec("code", 1, FILL_QUESTION + "\n\n" + "\n".join(shown), code, line.strip())


def _line_to_hide(lines: list[str]) -> int | None:
    """The most instructive complete line: a key API call beats any other statement."""
    stripped = [line.strip() for line in lines]
    code_lines = [s for s in stripped if s and not s.startswith("#")]
    if len(code_lines) < 3:
        return None
    best, best_score = None, 0
    for i, text in enumerate(stripped):
        if len(text) < 8 or text.startswith(_SKIP_LINE) or stripped.count(text) > 1:
            continue
        if text.count("(") != text.count(")") or text.count("[") != text.count("]") \
                or text.endswith((",", "(", "[", "\\", ":")):
            continue
        score = (1 + 4 * bool(_CORE_CALL.search(text)) + 2 * bool(_KEY_CALL.search(text))
                 + ("=" in text) + ("." in text) - (len(text) > LONG_LINE))
        if score > best_score:
            best, best_score = i, score
    return best


def _hide_shape_comments(code: str) -> str:
    """Drop comments that would give the answer away (``# -> (1, 6, 28, 28)``)."""
    from studykit.cards.snippet import INPUT_COMMENT

    comments = _comments(code)
    if comments is None:
        return code
    cuts = {row: column for row, column, text in comments
            if _REVEALS_SHAPE.search(text) and not INPUT_COMMENT.search(text)}
    lines = []
    for number, line in enumerate(code.splitlines(), 1):
        if number in cuts:
            line = line[: cuts[number]].rstrip()
            if not line.strip():
                continue
        lines.append(line)
    return "\n".join(lines)


def _comments(code: str) -> list[tuple[int, int, str]] | None:
    """``(row, column, text)`` of every comment as ``tokenize`` gives them (rows counted by
    newlines), or None where ``tokenize`` fails. Only called for code that ``ast.parse``
    accepted: a regex that skips string literals finds the same comments far faster."""
    if "#" not in code:
        return []
    if "\r" in code:  # a lone \r is no line break to tokenize: leave that to it
        import io
        import tokenize

        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return None
        return [(*tok.start, tok.string) for tok in tokens if tok.type == tokenize.COMMENT]
    comments = []
    for match in _COMMENT_OR_STRING.finditer(code):
        if match.lastgroup == "comment":
            start = match.start()
            line_start = code.rfind("\n", 0, start) + 1
            comments.append((code.count("\n", 0, start) + 1, start - line_start, match.group()))
    return comments

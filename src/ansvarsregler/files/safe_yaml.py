"""Safe YAML loading that can say on which line a value stands.

Documents are parsed with PyYAML's safe loader (the C one where available),
so a file can never run code. Line numbers cost nothing on the happy path:
only when validation fails is the text composed again to find the line of
the offending item (:func:`line_of`).

Before anything is built, the document's events are counted (libyaml's
parser, a tenth of the cost of loading): aliases (``*name``), which can
make a few hundred bytes stand for a gigabyte (an "alias bomb"), and levels
of nesting, which recursion would otherwise pay for. Either over its limit
is a :class:`~ansvarsregler.limits.LimitError` naming the line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, ClassVar

import yaml

from ansvarsregler.errors import Location
from ansvarsregler.limits import NESTING_DEPTH, YAML_ALIASES

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names the same key twice (PyYAML would silently keep the last)."""

    def __init__(self, key: object, mark: yaml.Mark) -> None:
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=mark)
        self.key = key
        self.line = mark.line + 1


_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"


class StrictSafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys instead of dropping one."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value, or a located YAML error for a scalar Python cannot hold.

        PyYAML lets a plain ``ValueError`` out for ``2024-13-45`` (read as a
        date) or an integer of more than 4300 digits; as a YAML error it
        names its line like any other.
        """
        try:
            return super().construct_object(node, deep=deep)
        except ValueError as error:
            problem = str(error).split(";")[0]  # without Python's advice on raising its limit
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<:` merges; its keys may be overridden
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                is_duplicate = key in seen
            except TypeError:  # an unhashable key; the base class reports it
                break
            if is_duplicate:
                raise DuplicateKeyError(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictSafeLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, StrictSafeLoader.construct_mapping
)


class TextScalarLoader(StrictSafeLoader):
    """Reads every plain scalar as text (``null`` and ``~`` stay null).

    YAML 1.1 would turn ``id: 010`` into 8, ``kostra_function: 0202`` into 130
    and ``2024-01-02`` into a date: in a goal file every value is the
    planner's text, so none of those conversions apply.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in (_NULL_TAG, _MERGE_TAG)]
        for first, resolvers in StrictSafeLoader.yaml_implicit_resolvers.items()
    }


def load_yaml(text: str, *, text_scalars: bool = False, file: str | None = None) -> Any:
    """Parse one YAML document safely; raises ``yaml.YAMLError`` with a mark.

    With ``text_scalars`` every plain scalar is read as a string (goal files);
    without, YAML's usual types apply (rule files, where priorities are numbers).
    Too many aliases or levels is a ``LimitError`` naming ``file`` and the line.
    """
    check_limits(text, file)
    return yaml.load(text, Loader=TextScalarLoader if text_scalars else StrictSafeLoader)


_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def check_limits(text: str, file: str | None = None) -> None:
    """Count the aliases and levels of ``text`` from its events, before anything is built.

    An alias counts once, plus the aliases inside what it stands for: nine
    levels of nine aliases each are 72 aliases written but 435 million once
    expanded, and that is what the limit bounds.
    """
    max_aliases, max_depth = YAML_ALIASES.value(), NESTING_DEPTH.value()
    expanded = 0
    inside: dict[str, int] = {}
    """Expanded aliases inside each anchored node (``&name``)."""
    open_nodes: list[tuple[str | None, int]] = []
    """The collections being read: their anchors and the expanded aliases in them so far."""
    events: Iterator[Any] = yaml.parse(text, Loader=_BaseLoader)  # each with its mark
    for event in events:
        kind = type(event)
        if kind in _OPENING:
            open_nodes.append((event.anchor, 0))
            if len(open_nodes) > max_depth:
                where = Location(file=file, line=event.start_mark.line + 1)
                NESTING_DEPTH.check(len(open_nodes), where)
        elif kind in _CLOSING:
            anchor, count = open_nodes.pop()
            if anchor is not None:
                inside[anchor] = count
            if open_nodes:
                parent, so_far = open_nodes[-1]
                open_nodes[-1] = (parent, so_far + count)
        elif kind is yaml.AliasEvent:
            weight = 1 + inside.get(event.anchor, 0)
            expanded += weight
            if expanded > max_aliases:
                YAML_ALIASES.check(expanded, Location(file=file, line=event.start_mark.line + 1))
            if open_nodes:
                parent, so_far = open_nodes[-1]
                open_nodes[-1] = (parent, so_far + weight)


def error_line(error: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, if it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def error_reason(error: yaml.YAMLError) -> str:
    """PyYAML's own words for what is wrong, with where the broken construct began."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None:
        return f"{problem} ({context}, {context_mark.line + 1}:{context_mark.column + 1})"
    return problem


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at ``path`` (keys and list indexes) in ``text``.

    Walks as far down ``path`` as the document goes and returns the line of
    the deepest node found; ``None`` if the text cannot be composed.
    """
    node = _compose(text)
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        child = _child(node, step)
        if child is None:
            break
        node, line = child
    return line


@lru_cache(maxsize=16)
def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (kept: a file's items are located one by one)."""
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node, int] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(step):
                return value_node, key_node.start_mark.line + 1
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        child = node.value[step]
        return child, child.start_mark.line + 1
    return None

"""The evidence for a tie of the network, and the one way a hop is shown.

Every edge of a network made by :func:`kg.network.cooperation_network` keeps a list of
:class:`Evidence`: each stated fact that ties its two ends, with the relation, which end
is its subject, the case it was reported in, the role (for taking part in a case), and
the document and locator that state it. :func:`evidence_row` turns one piece of evidence,
read from one end of the hop, into plain labels; :func:`describe` into one line of text.
The command line, JSON output, notebook tables and page tooltips all use these two.

>>> import networkx as nx
>>> G = nx.Graph(labels={"transfersIndustryTo": ("产业转移至", "transfers industry to")})
>>> G.add_node("sh", label_zh="上海市", label_en="Shanghai")
>>> G.add_node("wb", label_zh="皖北", label_en="Northern Anhui")
>>> e = Evidence("transfersIndustryTo", "sh", "wb", "https://w3id.org/yrd-de/source/caict-2021", "三（一）2")
>>> describe(G, "wb", e)
'皖北 —[← 产业转移至]— 上海市  (caict-2021, 三（一）2)'
>>> describe(G, "sh", e, lang="en")
'Shanghai —[transfers industry to →]— Northern Anhui  (caict-2021, 三（一）2)'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from kg.iris import local_name

__all__ = ["Evidence", "PARTICIPATION", "evidence_row", "describe", "term_labels"]

#: The relation name of "takes part in a pattern case" (participant -> case).
PARTICIPATION = "participation"
_PARTICIPATION_LABELS = ("参与案例", "takes part in case")


@dataclass(frozen=True, order=True)
class Evidence:
    """One stated fact tying two entities.

    ``relation`` is the local name of the property (or ``"participation"``); ``source`` and
    ``target`` are the IRIs of its subject and object; ``document`` is the IRI of the source
    document (and graph) that states it, ``locator`` where in it. ``case`` is the IRI of the
    case it is reported in; ``role`` (a role notation) and ``function`` are set for a participation.
    """

    relation: str
    source: str
    target: str
    document: str
    locator: str
    case: str | None = None
    role: str | None = None
    function: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def term_labels(G, key: str) -> tuple[str, str]:
    """The (zh, en) labels of an ontology term or concept notation, as kept in ``G.graph["labels"]``."""
    if key == PARTICIPATION:
        return _PARTICIPATION_LABELS
    return G.graph.get("labels", {}).get(key, (key, key))


def _label(G, node: str | None, lang: str) -> str | None:
    if node is None:
        return None
    return G.nodes[node][f"label_{lang}"] if node in G else local_name(node)


def evidence_row(G, a: str, e: Evidence, lang: str = "zh") -> dict:
    """One piece of evidence for the hop from node ``a``, as labels in ``lang``.

    Keys: ``from``, ``to``, ``relation`` (local name), ``forward`` (``a`` is the subject),
    ``case`` (the label of the case the tie was reported in, unless the case is the
    other end of the hop), ``role`` (notation), ``function``, ``document`` (its id) and ``locator``.
    """
    b = e.target if e.source == a else e.source
    shown_case = e.case if e.case not in (a, b) else None
    return {
        "from": _label(G, a, lang),
        "to": _label(G, b, lang),
        "relation": e.relation,
        "forward": e.source == a,
        "case": _label(G, shown_case, lang),
        "role": e.role,
        "function": e.function,
        "document": local_name(e.document),
        "locator": e.locator,
    }


def describe(G, a: str, e: Evidence, lang: str = "zh") -> str:
    """One line for a piece of evidence of a hop from ``a``: its ends, relation and direction, role, case, citation."""
    row = evidence_row(G, a, e, lang)
    index = 0 if lang == "zh" else 1
    relation = term_labels(G, row["relation"])[index]
    arrow = f"{relation} →" if row["forward"] else f"← {relation}"
    line = f"{row['from']} —[{arrow}]— {row['to']}"
    if row["role"]:
        line += f" · {term_labels(G, row['role'])[index]}"
    if row["case"]:
        line += f" · {'案例' if lang == 'zh' else 'case'} {row['case']}"
    return f"{line}  ({row['document']}, {row['locator']})"

"""How often the passage ranker puts a labelled passage first, or in its top three.

    python -m bench.passage_ranking --set dev
    python -m bench.passage_ranking --set dev --try UNIT_SHARE=0.4 --try CONTEXT_SHARE=0.5

Reads the answer labels (tests/data/answers/): for each covered question with passages,
the rank of the first of its labelled passages in `assistant.passages.rank_passages`.
Answers are quoted from that ranking, so this is the ranking half of the answer figures,
cheaper to measure. Each `--try NAME=VALUE` sets a constant of assistant.passages, on top of
the tries before it, for one more run beside the shipped settings (tune on the dev set only,
never a blind one).
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answers import SETS, load_set  # noqa: E402


def ranking_figures(labels: list[dict], retriever) -> dict[str, float]:
    from assistant import passages
    from assistant.understanding import read_message

    first = top_three = reciprocal = 0.0
    for label in labels:
        message = read_message(label["question"])
        age = retriever.extractor.extract(label["question"]).age
        ranked = [c.hit.id for c in passages.rank_passages(message, retriever, age)]
        wanted = set(label["passages"])
        rank = next((i for i, passage in enumerate(ranked) if passage in wanted), None)
        if rank is not None:
            first += rank == 0
            top_three += rank < 3
            reciprocal += 1 / (rank + 1)
    count = max(len(labels), 1)
    return {"hit@1": first / count, "hit@3": top_three / count, "mrr": reciprocal / count}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--index", default="var/index")
    parser.add_argument("--try", dest="tries", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)

    from assistant import passages
    from indexer.search import Retriever

    retriever = Retriever(args.index)
    labels = [label for label in load_set(args.set) if label.get("covered") and label["passages"]]
    print(f"{len(labels)} covered questions with labelled passages ({args.set} set)")
    for setting in ["", *args.tries]:
        if setting:
            name, value = setting.split("=", 1)
            setattr(passages, name, type(getattr(passages, name))(value))
        figures = ranking_figures(labels, retriever)
        shown = "  ".join(f"{key} {value:.3f}" for key, value in figures.items())
        print(f"{setting or 'as shipped':<28} {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
